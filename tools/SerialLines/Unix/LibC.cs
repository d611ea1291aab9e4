using System.Runtime.InteropServices;

namespace AwsIotDevice.SerialLines.Unix;

/// <summary>
/// The libc calls pseudo-terminal pairs need, and the constants whose values differ between Linux and macOS.
/// Only non-variadic functions are bound (open is called without its optional mode argument), because a
/// variadic call through a fixed signature breaks the Apple arm64 calling convention.
/// </summary>
internal static class LibC
{
    // "libc" is mapped by the .NET runtime to libc.so.6 on Linux and resolves to libSystem on macOS.
    private const string Library = "libc";

    public const short PollIn = 0x1;
    public const short PollOut = 0x4;
    public const short PollErr = 0x8;
    public const short PollHup = 0x10;
    public const short PollNval = 0x20;

    public const int EINTR = 4;
    public const int EIO = 5;

    public static bool IsMacOS => OperatingSystem.IsMacOS();

    public static int O_RDWR => 0x2;

    public static int O_NOCTTY => IsMacOS ? 0x20000 : 0x100;

    public static int O_CLOEXEC => IsMacOS ? 0x1000000 : 0x80000;

    public static int EAGAIN => IsMacOS ? 35 : 11;

    public static int TCSANOW => 0;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [DllImport(Library, EntryPoint = "open", SetLastError = true)]
    public static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport(Library, EntryPoint = "close", SetLastError = true)]
    public static extern int Close(int fd);

    [DllImport(Library, EntryPoint = "read", SetLastError = true)]
    public static extern nint Read(int fd, ref byte buffer, nint count);

    [DllImport(Library, EntryPoint = "write", SetLastError = true)]
    public static extern nint Write(int fd, ref byte buffer, nint count);

    // nfds_t is unsigned long on Linux and unsigned int on macOS; both take a register-sized argument here.
    [DllImport(Library, EntryPoint = "poll", SetLastError = true)]
    public static extern int Poll(ref PollFd fds, nuint count, int timeoutMs);

    // fd_set as 32 x 32-bit words (1024 descriptors; the bit layout of both libcs on little-endian CPUs) and
    // timeval as two 64-bit words (tv_sec; tv_usec in the low half of the second on macOS, the whole word on Linux).
    [DllImport(Library, EntryPoint = "select", SetLastError = true)]
    public static extern int Select(int count, int[]? read, int[]? write, int[]? error, long[] timeout);

    [DllImport(Library, EntryPoint = "tcgetattr", SetLastError = true)]
    public static extern int TcGetAttr(int fd, byte[] termios);

    [DllImport(Library, EntryPoint = "tcsetattr", SetLastError = true)]
    public static extern int TcSetAttr(int fd, int optionalActions, byte[] termios);

    [DllImport(Library, EntryPoint = "cfmakeraw")]
    public static extern void CfMakeRaw(byte[] termios);

    [DllImport(Library, EntryPoint = "posix_openpt", SetLastError = true)]
    public static extern int PosixOpenPt(int flags);

    [DllImport(Library, EntryPoint = "grantpt", SetLastError = true)]
    public static extern int GrantPt(int fd);

    [DllImport(Library, EntryPoint = "unlockpt", SetLastError = true)]
    public static extern int UnlockPt(int fd);

    [DllImport(Library, EntryPoint = "ptsname_r", SetLastError = true)]
    public static extern int PtsNameR(int fd, byte[] buffer, nuint length);

    [DllImport(Library, EntryPoint = "ptsname", SetLastError = true)]
    public static extern nint PtsName(int fd);

    [DllImport(Library, EntryPoint = "strerror")]
    private static extern nint StrError(int errno);

    /// <summary>The errno of the last failed call, as "message (errno N)".</summary>
    public static string LastError(out int errno)
    {
        errno = Marshal.GetLastPInvokeError();
        string? text = Marshal.PtrToStringUTF8(StrError(errno));
        return $"{text ?? "error"} (errno {errno})";
    }
}
