namespace AwsIotDevice.SerialLines;

/// <summary>Turns System.IO.Ports' exceptions into one line that names the port and says what to do.</summary>
internal static class SerialPortErrors
{
    private const string NoSuchPort = "no such port: check the path (ls /dev/ttyUSB* /dev/ttyACM* /dev/cu.*, or COMn in Device Manager) and that the board is plugged in";
    private const string NoPermission = "permission denied: on Linux add yourself to the dialout group (sudo usermod -aG dialout $USER, then log in again), or run with access to the device";
    private const string Busy = "the port is busy: close the other program using it (a serial monitor, the debugger, another iotctl) and retry";
    private const string NotASerialPort = "not a serial port: give the device path of the UART, e.g. /dev/ttyUSB0 or COM3";

    /// <summary>Why <paramref name="path"/> could not be opened, and what to do about it.</summary>
    public static string CannotOpen(string path, Exception e)
    {
        // Checked first and by ourselves: the errno System.IO.Ports reports on Unix is sometimes not the call's own.
        if (!OperatingSystem.IsWindows() && !File.Exists(path) && !Directory.Exists(path))
        {
            return $"{path}: cannot open: {NoSuchPort}";
        }

        // On Unix System.IO.Ports reports every failed open as UnauthorizedAccessException with the errno inside.
        string hint = (e.InnerException as IOException)?.HResult switch
        {
            2 or 6 or 19 => NoSuchPort,          // ENOENT, ENXIO, ENODEV: unplugged while opening
            1 or 13 => NoPermission,             // EPERM, EACCES
            16 => Busy,                          // EBUSY
            20 or 21 or 25 => NotASerialPort,    // ENOTDIR, EISDIR, ENOTTY
            _ => e switch
            {
                FileNotFoundException or DirectoryNotFoundException => NoSuchPort,
                ArgumentException => NotASerialPort,
                _ => $"check that it is the board's serial port, that no other program has it open, and (Linux) that you are in the dialout group",
            },
        };
        return $"{path}: cannot open ({FirstLine(e.InnerException ?? e)}): {hint}";
    }

    /// <summary>The first line of the exception's message (System.IO.Ports' messages can run over several).</summary>
    public static string FirstLine(Exception e) => e.Message.Split('\n')[0].Trim().TrimEnd('.');
}
