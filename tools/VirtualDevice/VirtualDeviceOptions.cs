using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.VirtualDevice;

/// <summary>How to start a <see cref="VirtualDeviceRunner"/>. Only <see cref="SettingsPath"/> is required.</summary>
public sealed class VirtualDeviceOptions
{
    /// <summary>The settings file (SettingsCodec format); created by a provisioning COMMIT when missing.</summary>
    public required string SettingsPath { get; init; }

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
