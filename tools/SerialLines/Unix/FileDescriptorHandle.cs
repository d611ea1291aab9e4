using System.Runtime.InteropServices;

namespace AwsIotDevice.SerialLines.Unix;

/// <summary>
/// Owns a Unix file descriptor. A SafeHandle so that Dispose on one thread never closes the descriptor under a
/// read or poll running on another (the close waits until the call releases it), and the number is not reused early.
/// </summary>
internal sealed class FileDescriptorHandle : SafeHandle
{
    public FileDescriptorHandle(int fd)
        : base(invalidHandleValue: -1, ownsHandle: true)
    {
        SetHandle(fd);
    }

    public override bool IsInvalid => handle == -1;

    /// <summary>The descriptor number; only valid between DangerousAddRef and DangerousRelease.</summary>
    public int Fd => (int)handle;

    protected override bool ReleaseHandle() => LibC.Close((int)handle) == 0;
}
