namespace AwsIotDevice.CustomAuth;

/// <summary>
/// A failure caused by the caller's input (a key file, a token, an event). The message is one line, says what
/// was wrong and where, is safe to show to a user and never contains key material, tokens or signatures.
/// </summary>
public class CustomAuthException : Exception
{
    /// <summary>Creates the exception with a user-facing, secret-free message.</summary>
    public CustomAuthException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a user-facing, secret-free message and the underlying cause.</summary>
    public CustomAuthException(string message, Exception inner) : base(message, inner)
    {
    }
}
