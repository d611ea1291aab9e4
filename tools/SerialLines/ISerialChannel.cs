namespace AwsIotDevice.SerialLines;

/// <summary>
/// A byte channel to a serial device: a port opened by <see cref="SerialPortChannel.Open"/> (a UART such as
/// /dev/ttyUSB0 or COM3, or a pseudo-terminal's tool end) or the device end of a <see cref="PseudoTerminal"/>.
/// One reader thread and one writer thread may use a channel at the same time; Dispose from any thread.
/// </summary>
public interface ISerialChannel : IDisposable
{
    /// <summary>The path or name the channel was opened with, for messages ("/dev/ttyUSB1", "COM3").</summary>
    string Name { get; }

    /// <summary>
    /// Waits at most <paramref name="timeoutMs"/> (0: do not wait) for input and copies what has arrived, up to
    /// <paramref name="count"/> bytes, into <paramref name="buffer"/> at <paramref name="offset"/>.
    /// Returns the number of bytes read (at least 1), 0 when nothing arrived in time, or -1 when the channel is
    /// closed for good (the other end hung up, the device was unplugged, or the channel was disposed).
    /// </summary>
    /// <exception cref="SerialLineException">The operating system reported another I/O error.</exception>
    int Read(byte[] buffer, int offset, int count, int timeoutMs);

    /// <summary>Writes all <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
    /// <exception cref="SerialLineException">The bytes could not be written (I/O error, the device is gone, or no progress for a long time).</exception>
    void Write(byte[] buffer, int offset, int count);
}
