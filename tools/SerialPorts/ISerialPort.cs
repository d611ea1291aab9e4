namespace AwsIotDevice.SerialPorts;

/// <summary>
/// A byte channel to a serial device: a UART (/dev/ttyUSB0, /dev/cu.usbserial-1, COM3) or one end of a
/// pseudo-terminal. Opened by <see cref="SerialPort.Open"/> or <see cref="PseudoTerminal.OpenPair"/>.
/// One reader thread and one writer thread may use a port at the same time; Dispose from any thread.
/// </summary>
public interface ISerialPort : IDisposable
{
    /// <summary>The path or name the port was opened with, for messages ("/dev/ttyUSB1", "COM3").</summary>
    string Name { get; }

    /// <summary>
    /// Waits at most <paramref name="timeoutMs"/> (0: do not wait) for input and copies what has arrived, up to
    /// <paramref name="count"/> bytes, into <paramref name="buffer"/> at <paramref name="offset"/>.
    /// Returns the number of bytes read (at least 1), 0 when nothing arrived in time, or -1 when the channel is
    /// closed for good (the other end hung up, or the port was disposed).
    /// </summary>
    /// <exception cref="SerialPortException">The operating system reported an I/O error.</exception>
    int Read(byte[] buffer, int offset, int count, int timeoutMs);

    /// <summary>Writes all <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
    /// <exception cref="SerialPortException">The bytes could not be written (I/O error, the other end hung up, or no progress for a long time).</exception>
    void Write(byte[] buffer, int offset, int count);
}
