using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Provisioning;
using AwsIotDevice.Core.Settings;

namespace AwsIotDevice.TestSupport;

/// <summary>A settings store in memory; can be told to fail like a full or broken flash.</summary>
public sealed class MemorySettingsStore : ISettingsStore
{
    private readonly object _gate = new();
    private string? _text;

    public MemorySettingsStore(string? text = null)
    {
        _text = text;
    }

    public bool Fail { get; set; }

    public int Saves { get; private set; }

    public string? Text
    {
        get
        {
            lock (_gate)
            {
                return _text;
            }
        }
    }

    public string Load() => Text!;

    public void Save(string text)
    {
        if (Fail)
        {
            throw new IOException("flash full");
        }

        lock (_gate)
        {
            _text = text;
            Saves++;
        }
    }
}

/// <summary>The rest of the device, as the provisioning session sees it.</summary>
public sealed class FakeDeviceControl : IDeviceControl
{
    public const string StatusText = "state=Provisioning faults=0 lastFault=none";

    private int _reboots;

    public DeviceSettings? Committed { get; private set; }

    public int Reboots => Volatile.Read(ref _reboots);

    public string DescribeStatus() => StatusText;

    public void OnCommitted(DeviceSettings settings) => Committed = settings;

    public void Reboot() => Interlocked.Increment(ref _reboots);
}
