using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace AwsIotDevice.SerialPorts.Windows;

/// <summary>
/// <see cref="ISerialPort"/> on Windows through the Win32 comm API (synchronous I/O, no overlapped reads).
/// Read timeouts use the documented COMMTIMEOUTS combination "interval = multiplier = MAXDWORD, constant = T":
/// ReadFile returns at once with whatever is buffered, or waits up to T ms for the first byte.
/// Not exercised by the test suite (the CI runs on Linux); kept small so it can be reviewed by eye.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsSerialPort : ISerialPort
{
    // As on Unix: waits are sliced so that Dispose from another thread ends a pending Read promptly.
    private const uint SliceMs = 100;
    private const uint WriteTimeoutMs = 10_000;

    private readonly SafeFileHandle _handle;
    private uint _readTimeoutMs = uint.MaxValue;

    private WindowsSerialPort(SafeFileHandle handle, string name)
    {
        _handle = handle;
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Opens "COM3" (or "\\.\COM12") at <paramref name="baud"/>, 8N1, no flow control.</summary>
    public static WindowsSerialPort Open(string path, int baud)
    {
        // COM10 and above only open through the device namespace; the prefix is harmless for COM1..COM9.
        string device = path.StartsWith(@"\\.\", StringComparison.Ordinal) ? path : @"\\.\" + path;
        SafeFileHandle handle = Win32Comm.CreateFile(device, Win32Comm.GenericRead | Win32Comm.GenericWrite, 0, 0, Win32Comm.OpenExisting, 0, 0);
        if (handle.IsInvalid)
        {
            string reason = Win32Comm.LastError(out int code);
            string hint = code switch
            {
                2 => "check the COM port number in Device Manager (Ports (COM & LPT))",
                5 => "the port is in use: close the other program using it (a serial monitor, the debugger)",
                _ => "check the port name",
            };
            handle.Dispose();
            throw new SerialPortException($"{path}: cannot open ({reason}): {hint}");
        }

        var port = new WindowsSerialPort(handle, path);
        try
        {
            port.Configure(baud);
            return port;
        }
        catch
        {
            port.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timeoutMs);
        ValidateRange(buffer, offset, count);
        if (count == 0)
        {
            return 0;
        }

        long deadline = Stopwatch.GetTimestamp() + (timeoutMs * Stopwatch.Frequency / 1000);
        try
        {
            while (true)
            {
                long remaining = (deadline - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency;
                SetReadTimeout((uint)Math.Clamp(remaining, 0, SliceMs));
                if (!Win32Comm.ReadFile(_handle, ref buffer[offset], (uint)count, out uint read, 0))
                {
                    throw new SerialPortException($"{Name}: read failed ({Win32Comm.LastError(out _)}): was the device unplugged?");
                }

                if (read > 0)
                {
                    return (int)read;
                }

                if (Stopwatch.GetTimestamp() >= deadline)
                {
                    return 0;
                }
            }
        }
        catch (ObjectDisposedException)
        {
            return -1;
        }
    }

    /// <inheritdoc />
    public void Write(byte[] buffer, int offset, int count)
    {
        ValidateRange(buffer, offset, count);
        while (count > 0)
        {
            if (!Win32Comm.WriteFile(_handle, ref buffer[offset], (uint)count, out uint written, 0))
            {
                throw new SerialPortException($"{Name}: write failed ({Win32Comm.LastError(out _)})");
            }

            if (written == 0)
            {
                throw new SerialPortException($"{Name}: write made no progress for {WriteTimeoutMs / 1000} s: is the device connected?");
            }

            offset += (int)written;
            count -= (int)written;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();

    private static void ValidateRange(byte[] buffer, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, buffer.Length - offset);
    }

    private void Configure(int baud)
    {
        var dcb = new Win32Comm.Dcb { DCBlength = (uint)Marshal.SizeOf<Win32Comm.Dcb>() };
        if (!Win32Comm.GetCommState(_handle, ref dcb))
        {
            throw new SerialPortException($"{Name}: is not a serial port ({Win32Comm.LastError(out _)})");
        }

        // DTR and RTS are left de-asserted: on ESP32 boards they drive the EN/IO0 auto-reset circuit, and toggling
        // them could reset the board out of provisioning mode.
        dcb.BaudRate = (uint)baud;
        dcb.Flags = Win32Comm.DcbBinary;
        dcb.ByteSize = 8;
        dcb.Parity = Win32Comm.NoParity;
        dcb.StopBits = Win32Comm.OneStopBit;
        if (!Win32Comm.SetCommState(_handle, ref dcb))
        {
            throw new SerialPortException($"{Name}: {baud} baud 8N1 refused ({Win32Comm.LastError(out _)})");
        }

        SetReadTimeout(0);
        Win32Comm.PurgeComm(_handle, Win32Comm.PurgeRxClear);
    }

    private void SetReadTimeout(uint timeoutMs)
    {
        if (timeoutMs == _readTimeoutMs)
        {
            return;
        }

        // Constant 0 with MAXDWORD/MAXDWORD is not the "return at once" case; that needs interval MAXDWORD alone.
        var timeouts = timeoutMs == 0
            ? new Win32Comm.CommTimeouts { ReadIntervalTimeout = Win32Comm.MaxDword }
            : new Win32Comm.CommTimeouts { ReadIntervalTimeout = Win32Comm.MaxDword, ReadTotalTimeoutMultiplier = Win32Comm.MaxDword, ReadTotalTimeoutConstant = timeoutMs };
        timeouts.WriteTotalTimeoutConstant = WriteTimeoutMs;
        if (!Win32Comm.SetCommTimeouts(_handle, ref timeouts))
        {
            throw new SerialPortException($"{Name}: could not set timeouts ({Win32Comm.LastError(out _)})");
        }

        _readTimeoutMs = timeoutMs;
    }
}
