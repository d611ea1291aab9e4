using System.Text;
using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.VirtualDevice;

/// <summary>
/// The settings text in one file, replaced atomically: the new text goes to <c>FILE.tmp</c> in the same directory,
/// is flushed to the disk (fsync), and then renamed over FILE (rename(2) is atomic on POSIX, and same-volume
/// File.Move with overwrite replaces in one step on Windows). A crash at any point leaves either the old file or the
/// new one (the directory entry itself reaches the disk with the file system's next journal commit).
/// A leftover <c>FILE.tmp</c> is an interrupted write: <see cref="Load"/> ignores and deletes it.
/// Files are created owner read/write only (0600) because they hold secrets.
/// </summary>
public sealed class FileSettingsStore : ISettingsStore
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>Stores the settings in <paramref name="path"/> (its directory is created on the first save).</summary>
    public FileSettingsStore(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("settings path is empty", nameof(path));
        }

        Path = System.IO.Path.GetFullPath(path);
        TempPath = Path + ".tmp";
    }

    /// <summary>The settings file.</summary>
    public string Path { get; }

    /// <summary>Where a save writes before the rename.</summary>
    public string TempPath { get; }

    /// <summary>Fault injection for tests: runs after the temp file is written and synced, before the rename (throw to simulate a crash).</summary>
    internal Action? BeforeRename { get; set; }

    /// <summary>
    /// Returns the stored text, or null when the file does not exist. Deletes a leftover temp file first.
    /// </summary>
    /// <exception cref="IOException">The file exists but cannot be read.</exception>
    public string? Load()
    {
        DeleteLeftoverTemp();
        if (!File.Exists(Path))
        {
            return null;
        }

        return File.ReadAllText(Path, Utf8NoBom);
    }

    /// <summary>Replaces the stored text atomically; on any failure the previous file is untouched and this throws.</summary>
    public void Save(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        DeleteLeftoverTemp();
        byte[] bytes = Utf8NoBom.GetBytes(text);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(TempPath, options))
            {
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }

            BeforeRename?.Invoke();
            File.Move(TempPath, Path, overwrite: true);
        }
        catch
        {
            TryDelete(TempPath);
            throw;
        }
    }

    private void DeleteLeftoverTemp()
    {
        if (File.Exists(TempPath))
        {
            File.Delete(TempPath);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
