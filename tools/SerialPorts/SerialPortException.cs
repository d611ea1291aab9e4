namespace AwsIotDevice.SerialPorts;

/// <summary>
/// A serial port could not be opened, configured, read or written. The message is one user-facing line
/// naming the port, what failed and, where known, what to do; it never contains data sent on the line.
/// </summary>
public sealed class SerialPortException : IOException
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public SerialPortException(string message)
        : base(message)
    {
    }
}
