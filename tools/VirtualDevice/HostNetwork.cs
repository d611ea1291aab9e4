using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.VirtualDevice;

/// <summary>
/// The host's network as the core sees it: always joined and with valid time (the host's OS owns both),
/// unless a test injects an outage with <see cref="SetDown"/>. The password is ignored; the SSID of the last
/// successful join is reported as <see cref="CurrentSsid"/> until <see cref="Leave"/>, so a test can see that the
/// device joined the network it was configured with.
/// </summary>
public sealed class HostNetwork : INetwork
{
    private const string DownDetail = "network down (injected by SetDown)";
    private volatile bool _down;
    private volatile string? _ssid;

    /// <summary>Fault injection: while <paramref name="down"/> is true, Join fails with NetworkDown and IsUp is false.</summary>
    public void SetDown(bool down) => _down = down;

    /// <inheritdoc />
    public Fault Join(string ssid, string password, int timeoutMs)
    {
        if (_down)
        {
            return Fault.NetworkDown;
        }

        _ssid = ssid;
        return Fault.None;
    }

    /// <inheritdoc />
    public bool IsUp => !_down;

    /// <inheritdoc />
    public bool IsTimeValid => true;

    /// <inheritdoc />
    public string LastErrorDetail => _down ? DownDetail : string.Empty;

    /// <inheritdoc />
    public string? CurrentSsid => _down ? null : _ssid;

    /// <inheritdoc />
    public void Leave() => _ssid = null;
}
