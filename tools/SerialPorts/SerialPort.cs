using AwsIotDevice.SerialPorts.Unix;
using AwsIotDevice.SerialPorts.Windows;

namespace AwsIotDevice.SerialPorts;

/// <summary>Opens serial ports with the implementation for the running operating system.</summary>
public static class SerialPort
{
    /// <summary>
    /// Opens <paramref name="path"/> (a device path such as /dev/ttyUSB0 on Unix; COM3 or \\.\COM12 on Windows)
    /// for reading and writing at <paramref name="baud"/>, 8 data bits, no parity, 1 stop bit, no flow control,
    /// raw (no echo, no line editing, no character translation); input that arrived before opening is dropped.
    /// </summary>
    /// <exception cref="SerialPortException">The port does not exist, is busy, not a serial port, or refuses the speed.</exception>
    /// <exception cref="PlatformNotSupportedException">Neither Unix (Linux, macOS) nor Windows.</exception>
    public static ISerialPort Open(string path, int baud)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baud);
        if (OperatingSystem.IsWindows())
        {
            return WindowsSerialPort.Open(path, baud);
        }

        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            return UnixSerialPort.Open(path, baud);
        }

        throw new PlatformNotSupportedException("serial ports are supported on Linux, macOS and Windows only");
    }
}
