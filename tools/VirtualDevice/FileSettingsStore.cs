using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Storage;

namespace AwsIotDevice.VirtualDevice;

/// <summary>
/// The settings text in one file, replaced by the board's own algorithm (Core's <see cref="AtomicFileStore"/>: write
/// <c>FILE.new</c> and read it back, rename FILE to <c>FILE.bak</c>, rename <c>.new</c> to FILE, delete <c>.bak</c>;
/// <see cref="Load"/> restores <c>.bak</c> when a save was cut between the renames) over
/// <see cref="HostFileOperations"/> (0600 files, fsync). A crash at any point leaves the old text or the new one.
/// </summary>
public sealed class FileSettingsStore : ISettingsStore
{
    private readonly HostFileOperations _files = new();
    private readonly AtomicFileStore _store;

    /// <summary>Stores the settings in <paramref name="path"/> (its directory is created on the first save).</summary>
    public FileSettingsStore(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("settings path is empty", nameof(path));
        }

        Path = System.IO.Path.GetFullPath(path);
        _store = new AtomicFileStore(_files, Path);
    }

    /// <summary>The settings file.</summary>
    public string Path { get; }

    /// <summary>Where a save writes before its renames.</summary>
    public string NewPath => _store.NewPath;

    /// <summary>Where the previous text waits between the two renames of a save.</summary>
    public string BackupPath => _store.BackupPath;

    /// <summary>Fault injection for tests: runs before each rename of a save (throw to simulate a crash there).</summary>
    internal Action? BeforeRename
    {
        get => _files.BeforeMove;
        set => _files.BeforeMove = value;
    }

    /// <summary>Returns the stored text, or null when nothing was stored. Repairs a save cut between its renames first.</summary>
    /// <exception cref="IOException">The files exist but cannot be read.</exception>
    public string? Load() => _store.Load();

    /// <summary>Replaces the stored text; on any failure the previous text is what <see cref="Load"/> returns, and this throws.</summary>
    public void Save(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _store.Save(text);
    }
}
