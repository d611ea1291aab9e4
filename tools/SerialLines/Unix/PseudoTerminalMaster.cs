using System.Diagnostics;
using System.Runtime.Versioning;

namespace AwsIotDevice.SerialLines.Unix;

/// <summary>
/// <see cref="ISerialChannel"/> over a pseudo-terminal's master descriptor, which System.IO.Ports cannot open (it is
/// not a terminal device with a path). Reads wait with poll() (select() on macOS) in short slices, so Dispose on
/// another thread ends a pending read promptly.
/// </summary>
[SupportedOSPlatform("linux")]
[SupportedOSPlatform("macos")]
internal sealed class PseudoTerminalMaster : ISerialChannel
{
    // Waits are cut into slices so Dispose on another thread ends a pending Read promptly.
    private const int SliceMs = 100;

    // A writer that cannot make progress for this long is stuck (receiver gone, flow stopped): fail, never hang.
    private const int WriteStallMs = 10_000;

    private readonly FileDescriptorHandle _handle;
    private volatile bool _disposed;

    internal PseudoTerminalMaster(int fd, string name)
    {
        _handle = new FileDescriptorHandle(fd);
        Name = name;
    }

    /// <summary>
    /// Wait with select() instead of poll(): macOS's poll(2) documents that it "does not support devices", so
    /// pseudo-terminals there are waited on with select (descriptors below 1024 only). Settable for tests on Linux.
    /// </summary>
    internal bool UseSelect { get; init; } = OperatingSystem.IsMacOS();

    /// <inheritdoc />
    public string Name { get; }

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
        while (true)
        {
            if (_disposed)
            {
                return -1;
            }

            try
            {
                short events = PollOnce(LibC.PollIn, RemainingSlice(deadline));
                if ((events & LibC.PollIn) != 0)
                {
                    int n = ReadOnce(buffer, offset, count);
                    if (n != 0)
                    {
                        return n;
                    }
                }
                else if ((events & (LibC.PollHup | LibC.PollErr | LibC.PollNval)) != 0)
                {
                    return -1;
                }
            }
            catch (ObjectDisposedException)
            {
                // Disposed by another thread while waiting: for a reader that is the end of the channel.
                return -1;
            }

            if (Stopwatch.GetTimestamp() >= deadline)
            {
                return 0;
            }
        }
    }

    /// <inheritdoc />
    public void Write(byte[] buffer, int offset, int count)
    {
        ValidateRange(buffer, offset, count);
        long stallDeadline = Stopwatch.GetTimestamp() + (WriteStallMs * Stopwatch.Frequency / 1000);
        while (count > 0)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            nint written = WithFd(fd => LibC.Write(fd, ref buffer[offset], count));
            if (written > 0)
            {
                offset += (int)written;
                count -= (int)written;
                stallDeadline = Stopwatch.GetTimestamp() + (WriteStallMs * Stopwatch.Frequency / 1000);
                continue;
            }

            string reason = LibC.LastError(out int errno);
            if (written < 0 && errno != LibC.EAGAIN && errno != LibC.EINTR)
            {
                throw new SerialLineException($"{Name}: write failed ({reason})");
            }

            if (Stopwatch.GetTimestamp() >= stallDeadline)
            {
                throw new SerialLineException($"{Name}: write made no progress for {WriteStallMs / 1000} s: is the other end reading (flow control, cable)?");
            }

            short events = PollOnce(LibC.PollOut, SliceMs);
            if ((events & (LibC.PollErr | LibC.PollNval)) != 0)
            {
                throw new SerialLineException($"{Name}: write failed (the port reported an error or hang-up)");
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        _handle.Dispose();
    }

    internal static void ValidateRange(byte[] buffer, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, buffer.Length - offset);
    }

    private static int RemainingSlice(long deadline)
    {
        long remaining = (deadline - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency;
        return (int)Math.Clamp(remaining, 0, SliceMs);
    }

    private short PollOnce(short wanted, int timeoutMs)
    {
        return (short)WithFd(fd =>
        {
            if (UseSelect)
            {
                return SelectOnce(fd, wanted, timeoutMs);
            }

            var poll = new LibC.PollFd { Fd = fd, Events = wanted };
            int ready = LibC.Poll(ref poll, 1, timeoutMs);
            if (ready < 0)
            {
                string reason = LibC.LastError(out int errno);
                if (errno == LibC.EINTR)
                {
                    return 0;
                }

                throw new SerialLineException($"{Name}: poll failed ({reason})");
            }

            return ready == 0 ? 0 : poll.Revents;
        });
    }

    private short SelectOnce(int fd, short wanted, int timeoutMs)
    {
        if (fd >= 1024)
        {
            throw new SerialLineException($"{Name}: descriptor {fd} is beyond what select() can wait on; close other files");
        }

        int[] set = new int[32];
        set[fd / 32] = 1 << (fd % 32);
        bool reading = wanted == LibC.PollIn;
        long[] timeout = [timeoutMs / 1000, (timeoutMs % 1000) * 1000L];
        int ready = LibC.Select(fd + 1, reading ? set : null, reading ? null : set, null, timeout);
        if (ready < 0)
        {
            string reason = LibC.LastError(out int errno);
            return errno == LibC.EINTR ? (short)0 : throw new SerialLineException($"{Name}: select failed ({reason})");
        }

        // A hang-up shows as readable; the read then returns end-of-stream.
        return ready > 0 && (set[fd / 32] & (1 << (fd % 32))) != 0 ? wanted : (short)0;
    }

    // Returns bytes read, 0 for "nothing after all" (EAGAIN/EINTR), -1 for end of stream (EOF, or EIO from a
    // pseudo-terminal whose other side has closed).
    private int ReadOnce(byte[] buffer, int offset, int count)
    {
        return (int)WithFd(fd =>
        {
            nint n = LibC.Read(fd, ref buffer[offset], count);
            if (n > 0)
            {
                return n;
            }

            if (n == 0)
            {
                return -1;
            }

            string reason = LibC.LastError(out int errno);
            if (errno == LibC.EAGAIN || errno == LibC.EINTR)
            {
                return 0;
            }

            if (errno == LibC.EIO)
            {
                return -1;
            }

            throw new SerialLineException($"{Name}: read failed ({reason})");
        });
    }

    private nint WithFd(Func<int, nint> call)
    {
        bool added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
            return call(_handle.Fd);
        }
        catch (ObjectDisposedException) when (!added)
        {
            throw new ObjectDisposedException(Name);
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }
    }
}
