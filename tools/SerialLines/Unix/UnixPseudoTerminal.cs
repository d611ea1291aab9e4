using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;

namespace AwsIotDevice.SerialLines.Unix;

/// <summary>Creates pseudo-terminal pairs through libc (posix_openpt, grantpt, unlockpt, ptsname, cfmakeraw).</summary>
[SupportedOSPlatform("linux")]
[SupportedOSPlatform("macos")]
internal static class UnixPseudoTerminal
{
    // Large enough for struct termios on Linux (60 bytes) and macOS (72 bytes); only libc reads or writes it.
    private const int TermiosSize = 256;

    /// <summary>
    /// Opens a raw pair; returns its master (waiting with select() when <paramref name="useSelect"/>), its slave's
    /// path and an open slave descriptor.
    /// </summary>
    public static (PseudoTerminalMaster Master, string SlavePath, FileDescriptorHandle Slave) Open(bool useSelect)
    {
        int masterFd = LibC.PosixOpenPt(LibC.O_RDWR | LibC.O_NOCTTY);
        if (masterFd < 0)
        {
            throw new SerialLineException($"cannot create a pseudo-terminal: posix_openpt failed ({LibC.LastError(out _)})");
        }

        var master = new PseudoTerminalMaster(masterFd, "pty master") { UseSelect = useSelect };
        try
        {
            if (LibC.GrantPt(masterFd) != 0 || LibC.UnlockPt(masterFd) != 0)
            {
                throw new SerialLineException($"cannot create a pseudo-terminal: setup failed ({LibC.LastError(out _)})");
            }

            string slavePath = SlaveName(masterFd);

            // Holding the slave open keeps the master from reporting hang-up before (and between) the times a
            // tool has it open, so a virtual device can outlive many tool runs.
            int slaveFd = LibC.Open(slavePath, LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_CLOEXEC);
            if (slaveFd < 0)
            {
                throw new SerialLineException($"{slavePath}: cannot open the new pseudo-terminal ({LibC.LastError(out _)})");
            }

            var slave = new FileDescriptorHandle(slaveFd);
            try
            {
                MakeRaw(slaveFd, slavePath);
            }
            catch
            {
                slave.Dispose();
                throw;
            }

            return (master, slavePath, slave);
        }
        catch
        {
            master.Dispose();
            throw;
        }
    }

    // The line settings belong to the pair; making the slave raw before anyone else opens it means no echo of the
    // device's replies back to the device and no CR/LF translation, whatever tool opens it later.
    private static void MakeRaw(int slaveFd, string slavePath)
    {
        byte[] termios = new byte[TermiosSize];
        if (LibC.TcGetAttr(slaveFd, termios) != 0)
        {
            throw new SerialLineException($"{slavePath}: cannot read the pseudo-terminal's settings ({LibC.LastError(out _)})");
        }

        LibC.CfMakeRaw(termios);
        if (LibC.TcSetAttr(slaveFd, LibC.TCSANOW, termios) != 0)
        {
            throw new SerialLineException($"{slavePath}: cannot make the pseudo-terminal raw ({LibC.LastError(out _)})");
        }
    }

    private static string SlaveName(int masterFd)
    {
        if (LibC.IsMacOS)
        {
            // macOS has no ptsname_r; ptsname's static buffer is read at once, on this thread.
            nint name = LibC.PtsName(masterFd);
            return name == 0
                ? throw new SerialLineException($"cannot create a pseudo-terminal: ptsname failed ({LibC.LastError(out _)})")
                : Marshal.PtrToStringUTF8(name)!;
        }

        byte[] buffer = new byte[256];
        if (LibC.PtsNameR(masterFd, buffer, (nuint)buffer.Length) != 0)
        {
            throw new SerialLineException($"cannot create a pseudo-terminal: ptsname_r failed ({LibC.LastError(out _)})");
        }

        int length = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, length < 0 ? buffer.Length : length);
    }
}
