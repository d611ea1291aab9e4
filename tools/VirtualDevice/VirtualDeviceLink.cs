using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Mqtt;

namespace AwsIotDevice.VirtualDevice;

/// <summary>
/// The virtual device's <see cref="IMqttLink"/>: exactly the board's Core link (<see cref="CoreMqttLink"/>: Core's MQTT
/// client, and Core's WebSocket client in wss mode) over host TLS (<see cref="HostTlsConnector"/>), so what the device
/// sends is what tests see. Adds what a test needs around it: <see cref="Sever"/> (fault injection),
/// <see cref="NegotiatedApplicationProtocol"/>, and a lock so <see cref="Close"/> may come from a thread that stops the
/// device while the supervisor's thread is inside a call (<see cref="Abort"/> releases such a call first).
/// </summary>
public sealed class VirtualDeviceLink : IMqttLink, IAbortable, IDisposable
{
    private readonly object _calls = new();

    /// <summary>
    /// A link that trusts only <paramref name="anchors"/>, with <paramref name="options"/> (defaults when null);
    /// cancelling <paramref name="stopping"/> cuts short a connect in progress.
    /// </summary>
    public VirtualDeviceLink(TrustAnchors anchors, HostLinkOptions? options = null, CancellationToken stopping = default)
    {
        HostLinkOptions o = options ?? new HostLinkOptions();
        Connector = new HostTlsConnector(anchors, o, stopping);
        var core = new CoreMqttLinkOptions
        {
            TlsTimeoutMs = o.DnsTimeoutMs + o.TcpTimeoutMs + o.TlsTimeoutMs,
            UpgradeTimeoutMs = o.UpgradeTimeoutMs,
            ConnackTimeoutMs = o.ConnAckTimeoutMs,
            WriteTimeoutMs = o.WriteTimeoutMs,
        };
        if (o.PingResponseTimeoutMs > 0)
        {
            core.PingResponseTimeoutMs = o.PingResponseTimeoutMs;
        }

        Core = new CoreMqttLink(Connector, new SystemClock(), new SystemRandom(), core);
    }

    /// <summary>The host TLS under Core's clients.</summary>
    public HostTlsConnector Connector { get; }

    /// <summary>The board's link itself (subscriptions, the MQTT client's counters). Supervisor's thread only.</summary>
    public CoreMqttLink Core { get; }

    /// <summary>The ALPN protocol the server chose in the last handshake ("" when none).</summary>
    public string NegotiatedApplicationProtocol => Connector.NegotiatedApplicationProtocol;

    /// <inheritdoc />
    public bool IsConnected => Core.IsConnected;

    /// <inheritdoc />
    public string LastErrorDetail => Core.LastErrorDetail;

    /// <inheritdoc />
    public Fault Connect(MqttConnectRequest request)
    {
        lock (_calls)
        {
            return Core.Connect(request);
        }
    }

    /// <inheritdoc />
    public Fault Publish(string topic, byte[] payload, int length, int qos, int timeoutMs)
    {
        lock (_calls)
        {
            return Core.Publish(topic, payload, length, qos, timeoutMs);
        }
    }

    /// <inheritdoc />
    public Fault Process(int timeoutMs)
    {
        lock (_calls)
        {
            return Core.Process(timeoutMs);
        }
    }

    /// <inheritdoc />
    public void Close()
    {
        lock (_calls)
        {
            Core.Close();
        }
    }

    /// <summary>Any thread: closes the connection at once so a call blocked in the supervisor's thread returns.</summary>
    public void Abort() => Core.Abort();

    /// <summary>Fault injection, any thread: drops the TCP connection at once (RST, no DISCONNECT), like a dead network.</summary>
    public void Sever() => Connector.Sever();

    /// <summary>Same as <see cref="Close"/>.</summary>
    public void Dispose() => Close();
}
