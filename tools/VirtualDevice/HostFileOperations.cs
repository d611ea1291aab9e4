using AwsIotDevice.Core.Storage;

namespace AwsIotDevice.VirtualDevice;

/// <summary>
/// Core's <see cref="IFileOperations"/> on the host's file system, for the virtual device's settings store: files are
/// created owner read/write only (0600, they hold secrets) and flushed to the disk (fsync) before WriteAll returns;
/// Move refuses an existing destination, as nanoFramework's File.Move does, so the host runs the board's algorithm.
/// </summary>
internal sealed class HostFileOperations : IFileOperations
{
    /// <summary>Fault injection for tests: runs before every rename (throw to simulate a power cut there).</summary>
    public Action? BeforeMove { get; set; }

    public bool Exists(string path) => File.Exists(path);

    public byte[] ReadAll(string path) => File.ReadAllBytes(path);

    public void WriteAll(string path, byte[] bytes)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        stream.Write(bytes, 0, bytes.Length);
        stream.Flush(flushToDisk: true);
    }

    public void Move(string from, string to)
    {
        BeforeMove?.Invoke();
        File.Move(from, to, overwrite: false);
    }

    public void Delete(string path) => File.Delete(path);
}
