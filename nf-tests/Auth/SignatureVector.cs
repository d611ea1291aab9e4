namespace AwsIotDevice.Tests.Auth
{
    /// <summary>
    /// A real custom-authorizer credential: a throwaway RSA-2048 key signed <see cref="Token"/> with
    /// <c>printf %s TOKEN | openssl dgst -sha256 -sign key.pem | openssl base64 -A</c> (the key was discarded).
    /// The token was chosen so the signature holds "+" and "/" and, like every 2048-bit signature, ends in "==".
    /// The encoded forms were computed independently with Python's <c>urllib.parse.quote(s, safe='-._~')</c>.
    /// </summary>
    public static class SignatureVector
    {
        /// <summary>The signed token.</summary>
        public const string Token = "device-42;exp=1893456000;n=1";

        /// <summary>The token percent-encoded.</summary>
        public const string EncodedToken = "device-42%3Bexp%3D1893456000%3Bn%3D1";

        /// <summary>Base64 RSA-SHA256 (PKCS#1 v1.5) signature of <see cref="Token"/>.</summary>
        public const string Signature = "grLTPKrM2VnxpBNlXOo8QM2JbvWTxC2hJdhyJIvGaCrNd5LpFMO1zAdqsbdfQknAelegpNq7SfL6ZEFeJ2EKcN9RhXdYhU4rIaNxfnOW/oIGDzmD5XR4OEneDH13ps6DQcilPesmwR4dJCD8ZE9SPfMnfVPKeCGjgT/XMKOQvyIl1BNcu5UKW+FHDhLSeRk3aOXzfSjSUJ9agmYeLqDg5OIdhUHzOknp/Wl7qUq0Nx33R6LM5c5dKYnvmfcD4qXgo4tiDcvNN7N0CqKe5pZ7X5oaY2OwyF+zpztKHjLtYAmKdAhg9xiKqn57D7EeIXMyqcVlXvpjGYQJWmYImd2TpQ==";

        /// <summary><see cref="Signature"/> percent-encoded.</summary>
        public const string EncodedSignature = "grLTPKrM2VnxpBNlXOo8QM2JbvWTxC2hJdhyJIvGaCrNd5LpFMO1zAdqsbdfQknAelegpNq7SfL6ZEFeJ2EKcN9RhXdYhU4rIaNxfnOW%2FoIGDzmD5XR4OEneDH13ps6DQcilPesmwR4dJCD8ZE9SPfMnfVPKeCGjgT%2FXMKOQvyIl1BNcu5UKW%2BFHDhLSeRk3aOXzfSjSUJ9agmYeLqDg5OIdhUHzOknp%2FWl7qUq0Nx33R6LM5c5dKYnvmfcD4qXgo4tiDcvNN7N0CqKe5pZ7X5oaY2OwyF%2BzpztKHjLtYAmKdAhg9xiKqn57D7EeIXMyqcVlXvpjGYQJWmYImd2TpQ%3D%3D";
    }
}
