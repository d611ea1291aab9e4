using System.Net;

namespace AwsIotDevice.VirtualDevice;

/// <summary>
/// Time limits of the virtual device's link (<see cref="HostTlsConnector"/> + Core's <c>CoreMqttLink</c>). Every wait is
/// bounded; defaults suit the real cloud.
/// </summary>
public sealed class HostLinkOptions
{
    /// <summary>DNS resolution of the endpoint.</summary>
    public int DnsTimeoutMs { get; init; } = 10_000;

    /// <summary>TCP connect (all resolved addresses together).</summary>
    public int TcpTimeoutMs { get; init; } = 10_000;

    /// <summary>TLS handshake.</summary>
    public int TlsTimeoutMs { get; init; } = 10_000;

    /// <summary>WebSocket upgrade in wss mode (request written to 101 read); the authorizer may take up to 5 s.</summary>
    public int UpgradeTimeoutMs { get; init; } = 10_000;

    /// <summary>From CONNECT written to CONNACK read; a custom authorizer Lambda may take up to 5 s.</summary>
    public int ConnAckTimeoutMs { get; init; } = 10_000;

    /// <summary>Each control packet the MQTT client writes on its own (PINGREQ, PUBACK, DISCONNECT).</summary>
    public int WriteTimeoutMs { get; init; } = 10_000;

    /// <summary>How long a PINGREQ may stay unanswered before the session counts as lost; 0: Core's default (10 s).</summary>
    public int PingResponseTimeoutMs { get; init; }

    /// <summary>
    /// Replaces DNS for the endpoint (like curl's --resolve), e.g. to reach the emulator's domain-configuration name
    /// custom-auth.localhost on 127.0.0.1. The host name still goes into SNI and the certificate check. Null: DNS.
    /// </summary>
    public Func<string, CancellationToken, Task<IPAddress[]>>? Resolver { get; init; }

    /// <summary>
    /// Wraps the TCP stream under TLS (e.g. to count the bytes on the wire in a benchmark); null: none. The wrapper must
    /// pass every call through and dispose the inner stream.
    /// </summary>
    public Func<Stream, Stream>? TcpStreamWrapper { get; init; }

    /// <summary>A resolver that maps <paramref name="host"/> (any case) to 127.0.0.1 and everything else to DNS.</summary>
    public static Func<string, CancellationToken, Task<IPAddress[]>> Loopback(string host) => async (name, ct) =>
        string.Equals(name, host, StringComparison.OrdinalIgnoreCase)
            ? [IPAddress.Loopback]
            : await Dns.GetHostAddressesAsync(name, ct).ConfigureAwait(false);
}
