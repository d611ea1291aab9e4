using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Auth
{
    /// <summary>
    /// Builds the MQTT username that selects an AWS IoT custom authorizer:
    /// <c>user?x-amz-customauthorizer-name=NAME&amp;x-amz-customauthorizer-signature=SIG&amp;KEY=TOKEN</c>.
    /// Every value is percent-encoded (RFC 3986) because AWS reads a raw "+" in the query as a space.
    /// Parameters with an empty value are left out, so an unsigned authorizer needs no signature and a
    /// plain user name needs no query at all. Exactly one "?" is ever written: a second one breaks
    /// authorizer invocation on AWS.
    /// </summary>
    public static class AuthUsername
    {
        /// <summary>Query key naming the authorizer AWS should invoke.</summary>
        public const string AuthorizerNameKey = "x-amz-customauthorizer-name";

        /// <summary>Query key carrying the base64 RSA-SHA256 signature of the token.</summary>
        public const string SignatureKey = "x-amz-customauthorizer-signature";

        /// <summary>
        /// Returns the username. <paramref name="user"/> is encoded too (it may be empty).
        /// Null and empty are the same everywhere. <paramref name="tokenKeyName"/> is required when
        /// <paramref name="token"/> is given; that is the caller's check (SettingsValidator reports it, and
        /// measures invalid configurations with this method, so it must not throw): given no key, the token is
        /// written under an empty one ("&amp;=TOKEN"), which AWS will not read as a token.
        /// </summary>
        public static string Build(string user, string authorizerName, string signature, string tokenKeyName, string token)
        {
            int length = Length(user, authorizerName, signature, tokenKeyName, token);
            TextBuilder builder = new TextBuilder(length, length);
            PercentEncoder.Append(builder, user);
            bool first = true;
            first = AppendParameter(builder, first, AuthorizerNameKey, authorizerName);
            first = AppendParameter(builder, first, SignatureKey, signature);
            if (!IsEmpty(token))
            {
                AppendParameter(builder, first, tokenKeyName, token);
            }

            return builder.ToString();
        }

        /// <summary>
        /// The length <see cref="Build"/> would return for these values, computed without building it, so a
        /// validator can reject an oversized username without allocating it.
        /// </summary>
        public static int Length(string user, string authorizerName, string signature, string tokenKeyName, string token)
        {
            int length = PercentEncoder.EncodedLength(user);
            length += ParameterLength(AuthorizerNameKey, authorizerName);
            length += ParameterLength(SignatureKey, signature);
            if (!IsEmpty(token))
            {
                length += ParameterLength(tokenKeyName, token);
            }

            return length;
        }

        private static int ParameterLength(string key, string value)
        {
            // "?" or "&", the key, "=", the value.
            return IsEmpty(value) ? 0 : 1 + PercentEncoder.EncodedLength(key) + 1 + PercentEncoder.EncodedLength(value);
        }

        private static bool AppendParameter(TextBuilder builder, bool first, string key, string value)
        {
            if (IsEmpty(value))
            {
                return first;
            }

            builder.Append(first ? '?' : '&');
            PercentEncoder.Append(builder, key);
            builder.Append('=');
            PercentEncoder.Append(builder, value);
            return false;
        }

        private static bool IsEmpty(string value)
        {
            return value == null || value.Length == 0;
        }
    }
}
