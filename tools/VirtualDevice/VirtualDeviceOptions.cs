using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.VirtualDevice;

/// <summary>
/// How to start a <see cref="VirtualDeviceRunner"/>. Exactly one of <see cref="SettingsPath"/> and
/// <see cref="StorageDirectory"/> is required.
/// </summary>
public sealed class VirtualDeviceOptions
{
    /// <summary>The settings file (SettingsCodec format); created by a provisioning COMMIT when missing.</summary>
    public string? SettingsPath { get; init; }

    /// <summary>
    /// A folder that stands for the board's <c>I:\</c> drive: <c>awsiot.settings</c>, <c>device.import</c> (applied at boot,
    /// as <c>iotctl provision --nanoff</c> writes it), <c>awsiot.crash</c> (the crash record) and <c>awsiot.pending</c> (a renewal in progress). Instead of <see cref="SettingsPath"/>.
    /// </summary>
    public string? StorageDirectory { get; init; }

    /// <summary>Makes each boot's sensors (fault injection: a sensor that throws crashes the boot); null means <see cref="HostSensors"/>.</summary>
    public Func<ISensors>? Sensors { get; init; }

    /// <summary>The free managed heap the device reports at boot, in bytes (it bounds the queue); null means unknown.</summary>
    public long? FreeHeapBytes { get; init; }

    /// <summary>How long after a crash the device restarts (the board waits <see cref="AwsIotDevice.Core.Boot.CrashGuard.RebootDelayMs"/>).</summary>
    public int CrashRebootDelayMs { get; init; } = AwsIotDevice.Core.Boot.CrashGuard.RebootDelayMs;

    /// <summary>Trust anchors for the broker's certificate; null means the Amazon roots (the real cloud).</summary>
    public TrustAnchors? Trust { get; init; }

    /// <summary>
    /// The serial provisioning line (a pseudo-terminal or a real port through SerialLineReader, or an in-memory line
    /// in tests). Null: no provisioning, so the settings file must already be complete and valid.
    /// </summary>
    public ISerialLine? Serial { get; init; }

    /// <summary>Where the core logs; null means <see cref="ConsoleLog"/> on standard error.</summary>
    public ILog? Log { get; init; }

    /// <summary>Link time limits; null means the defaults.</summary>
    public HostLinkOptions? LinkOptions { get; init; }

    /// <summary>Reconnect backoff bounds and jitter seed; null means the board's defaults (120 s cap, unseeded).</summary>
    public BackoffOptions? Backoff { get; init; }

    /// <summary>How long one wait for a serial line lasts, i.e. how soon a stop is noticed by the serial thread.</summary>
    public int SerialPollMs { get; init; } = 200;
}
