using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;

namespace AwsIotDevice.SerialPorts.Unix;

/// <summary>Creates pseudo-terminal pairs through libc (posix_openpt, grantpt, unlockpt, ptsname).</summary>
[SupportedOSPlatform("linux")]
[SupportedOSPlatform("macos")]
internal static class UnixPseudoTerminal
{
    /// <summary>Opens a master in raw 8N1 mode; returns it, its slave's path and an open slave descriptor.</summary>
    public static (UnixSerialPort Master, string SlavePath, FileDescriptorHandle Slave) Open()
    {
        int masterFd = LibC.PosixOpenPt(LibC.O_RDWR | LibC.O_NOCTTY);
        if (masterFd < 0)
        {
            throw new SerialPortException($"posix_openpt failed ({LibC.LastError(out _)})");
        }

        var master = new UnixSerialPort(masterFd, "pty master");
        try
        {
            if (LibC.GrantPt(masterFd) != 0 || LibC.UnlockPt(masterFd) != 0)
            {
                throw new SerialPortException($"pseudo-terminal setup failed ({LibC.LastError(out _)})");
            }

            string slavePath = SlaveName(masterFd);

            // Holding the slave open keeps the master from reporting hang-up before (and between) the times a
            // tool has it open, so a virtual device can outlive many tool runs.
            int slaveFd = LibC.Open(slavePath, LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_CLOEXEC);
            if (slaveFd < 0)
            {
                throw new SerialPortException($"{slavePath}: cannot open ({LibC.LastError(out _)})");
            }

            var slave = new FileDescriptorHandle(slaveFd);

            // The line settings belong to the pair; setting them on the slave makes the line raw before anyone
            // else opens it (no echo of commands back to the tool, no CR/LF translation).
            Termios.MakeRaw(slaveFd, slavePath, 115200);
            return (master, slavePath, slave);
        }
        catch
        {
            master.Dispose();
            throw;
        }
    }

    private static string SlaveName(int masterFd)
    {
        if (LibC.IsMacOS)
        {
            // macOS has no ptsname_r; ptsname's static buffer is read at once, on this thread.
            nint name = LibC.PtsName(masterFd);
            return name == 0
                ? throw new SerialPortException($"ptsname failed ({LibC.LastError(out _)})")
                : Marshal.PtrToStringUTF8(name)!;
        }

        byte[] buffer = new byte[256];
        if (LibC.PtsNameR(masterFd, buffer, (nuint)buffer.Length) != 0)
        {
            throw new SerialPortException($"ptsname_r failed ({LibC.LastError(out _)})");
        }

        int length = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, length < 0 ? buffer.Length : length);
    }
}
