namespace AwsIotDevice.Demo;

/// <summary>A demo step failed; the message is one user-facing, secret-free line saying what and where.</summary>
public sealed class DemoException : Exception
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public DemoException(string message)
        : base(message)
    {
    }
}
