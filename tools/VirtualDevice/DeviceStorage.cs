using AwsIotDevice.Core.Boot;
using AwsIotDevice.Core.Settings;

namespace AwsIotDevice.VirtualDevice;

/// <summary>
/// What stands for the board's <c>I:\</c> drive: the settings file, the import file nanoff would copy
/// (<c>device.import</c>), the crash record (<c>awsiot.crash</c>) and the renewal in progress (<c>awsiot.pending</c>).
/// With a storage folder all four are files in it, named as on the board; with only a settings file there is no import
/// file, the crash record lives in memory for the run and the pending renewal is <c>FILE.pending</c>.
/// </summary>
internal sealed class DeviceStorage
{
    /// <summary>The settings file's name in a storage folder (as on the board).</summary>
    public const string SettingsFileName = "awsiot.settings";

    /// <summary>The crash record's name in a storage folder (as on the board).</summary>
    public const string CrashFileName = "awsiot.crash";

    /// <summary>The pending renewal's name in a storage folder (the board's <c>I:\awsiot.pending</c>).</summary>
    public const string PendingFileName = "awsiot.pending";

    private DeviceStorage(FileSettingsStore settings, IImportFile? import, ICrashRecordStore crashes, FileSettingsStore pending)
    {
        Settings = settings;
        Import = import;
        Crashes = crashes;
        Pending = pending;
    }

    public FileSettingsStore Settings { get; }

    public IImportFile? Import { get; }

    public ICrashRecordStore Crashes { get; }

    /// <summary>Where a credential renewal in progress is kept until it is committed or abandoned.</summary>
    public FileSettingsStore Pending { get; }

    /// <summary>The storage for <paramref name="options"/>: its folder when given, else its settings file.</summary>
    /// <exception cref="VirtualDeviceException">Neither or both are given, or the storage folder is a file.</exception>
    public static DeviceStorage For(VirtualDeviceOptions options)
    {
        if ((options.StorageDirectory is null) == (options.SettingsPath is null))
        {
            throw new VirtualDeviceException("give exactly one of --settings FILE and --storage DIR");
        }

        if (options.StorageDirectory is { } dir)
        {
            string full = Path.GetFullPath(dir);

            // A file here would fail later as "awsiot.settings cannot be read", which does not say what is wrong.
            if (File.Exists(full))
            {
                throw new VirtualDeviceException($"--storage {dir} is a file; give a folder (it stands for the board's I:\\)");
            }
            return new DeviceStorage(
                new FileSettingsStore(Path.Combine(full, SettingsFileName)),
                new HostImportFile(Path.Combine(full, SettingsImport.FileName)),
                new HostCrashRecordFile(Path.Combine(full, CrashFileName)),
                new FileSettingsStore(Path.Combine(full, PendingFileName)));
        }

        return new DeviceStorage(new FileSettingsStore(options.SettingsPath!), null, new MemoryCrashRecordStore(), new FileSettingsStore(options.SettingsPath! + ".pending"));
    }
}

/// <summary>The import file on the host: read whole (bounded), deleted after the boot decided on it.</summary>
internal sealed class HostImportFile(string path) : IImportFile
{
    public byte[]? Read(int maxBytes)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
        int size = stream.Length > maxBytes ? maxBytes + 1 : (int)stream.Length;
        var bytes = new byte[size];
        stream.ReadExactly(bytes);
        return bytes;
    }

    public void Delete() => File.Delete(path);
}

/// <summary>The crash record in a file, replaced atomically like the settings.</summary>
internal sealed class HostCrashRecordFile(string path) : ICrashRecordStore
{
    private readonly FileSettingsStore _file = new(path);

    public string? Load() => _file.Load();

    public void Save(string text) => _file.Save(text);
}

/// <summary>A crash record kept for one run of the virtual device (no storage folder).</summary>
internal sealed class MemoryCrashRecordStore : ICrashRecordStore
{
    private volatile string? _text;

    public string? Load() => _text;

    public void Save(string text) => _text = text;
}

/// <summary>The free heap the virtual device reports at boot: a configured figure, or unknown.</summary>
internal sealed class HostMemory(long? freeBytes) : IMemoryInfo
{
    public long FreeBytes() => freeBytes ?? -1;
}
