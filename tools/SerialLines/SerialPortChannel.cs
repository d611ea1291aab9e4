using System.IO.Ports;

namespace AwsIotDevice.SerialLines;

/// <summary>
/// A serial port through System.IO.Ports: a UART (/dev/ttyUSB0, /dev/cu.usbserial-1, COM3) or a pseudo-terminal's
/// tool end (/dev/pts/5), at a given speed, 8N1, no flow control; DTR and RTS stay off because on ESP32 boards they
/// drive the auto-reset circuit. Every failure is a <see cref="SerialLineException"/> with one line that names the
/// port and says what to do.
/// </summary>
public sealed class SerialPortChannel : ISerialChannel
{
    // A writer that cannot make progress for this long is stuck (receiver gone, flow stopped): fail, never hang.
    private const int WriteStallMs = 10_000;

    private readonly SerialPort _port;
    private readonly FileStream? _lock;
    private volatile bool _disposed;

    private SerialPortChannel(SerialPort port, FileStream? exclusive)
    {
        _port = port;
        _lock = exclusive;
    }

    /// <inheritdoc />
    public string Name => _port.PortName;

    /// <summary>
    /// Opens <paramref name="path"/> for reading and writing at <paramref name="baud"/>; input that arrived before
    /// opening (boot messages, a half-sent line) is dropped. On Unix the port is locked (flock) while open, so two
    /// tool runs cannot interleave commands on one device.
    /// </summary>
    /// <exception cref="SerialLineException">The port does not exist, is not accessible, is busy, is not a serial port, or refuses the speed.</exception>
    public static SerialPortChannel Open(string path, int baud)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (baud <= 0)
        {
            throw new SerialLineException($"{path}: {baud} baud is not a line speed; use e.g. 115200");
        }

        var port = new SerialPort(path, baud, Parity.None, 8, StopBits.One)
        {
            Handshake = Handshake.None,
            DtrEnable = false,
            RtsEnable = false,
            WriteTimeout = WriteStallMs,
        };
        try
        {
            port.Open();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            throw new SerialLineException(SerialPortErrors.CannotOpen(path, e));
        }

        FileStream? exclusive = null;
        try
        {
            exclusive = LockExclusively(path);
            port.DiscardInBuffer();
            return new SerialPortChannel(port, exclusive);
        }
        catch
        {
            exclusive?.Dispose();
            port.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timeoutMs);
        if (count == 0)
        {
            return 0;
        }

        if (_disposed)
        {
            return -1;
        }

        try
        {
            // System.IO.Ports reads with the port's timeout; 0 would mean "only what is buffered", so wait at least 1 ms.
            _port.ReadTimeout = Math.Max(1, timeoutMs);
            return _port.Read(buffer, offset, count);
        }
        catch (TimeoutException)
        {
            return 0;
        }
        catch (Exception e) when (_disposed && e is IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            return -1;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // The device went away under us (unplugged USB adapter, a pseudo-terminal whose device end closed):
            // for a reader that is the end of the line, which the protocol layer reports in its own words.
            return -1;
        }
    }

    /// <inheritdoc />
    public void Write(byte[] buffer, int offset, int count)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            _port.Write(buffer, offset, count);
        }
        catch (TimeoutException)
        {
            throw new SerialLineException($"{Name}: write made no progress for {WriteStallMs / 1000} s: is the other end reading (flow control, cable)?");
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            throw new SerialLineException($"{Name}: write failed ({SerialPortErrors.FirstLine(e)}): was the device unplugged? plug it in and run again");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        try
        {
            _port.Dispose();
        }
        catch (IOException)
        {
            // Closing a port whose device is already gone fails; it is closed all the same.
        }

        _lock?.Dispose();
    }

    // System.IO.Ports does not lock a port on Unix (Windows opens COM ports exclusively by itself). An advisory
    // flock, as pyserial's exclusive mode, stops two tool runs from interleaving commands on one device; .NET takes
    // it for a FileStream opened with FileShare.None. Opened after System.IO.Ports has set CLOCAL, so this open
    // never waits for a carrier.
    private static FileStream? LockExclusively(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, bufferSize: 0);
        }
        catch (IOException)
        {
            throw new SerialLineException($"{path}: is in use by another program that locked it (another iotctl?): close it and retry");
        }
        catch (UnauthorizedAccessException)
        {
            // Readable and writable through System.IO.Ports but not openable here: go without the advisory lock.
            return null;
        }
    }
}
