namespace AwsIotDevice.SerialLines;

/// <summary>
/// A serial line could not be opened, created, read or written. The message is one user-facing line naming the
/// port, what failed and, where known, what to do; it never contains data sent on the line.
/// </summary>
public sealed class SerialLineException : IOException
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public SerialLineException(string message)
        : base(message)
    {
    }
}
