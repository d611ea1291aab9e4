using System.Net;

namespace AwsIotDevice.VirtualDevice;

/// <summary>Time limits of a <see cref="TlsMqttLink"/>. Every wait is bounded; defaults suit the real cloud.</summary>
public sealed class TlsMqttLinkOptions
{
    /// <summary>DNS resolution of the endpoint.</summary>
    public int DnsTimeoutMs { get; init; } = 10_000;

    /// <summary>TCP connect (all resolved addresses together).</summary>
    public int TcpTimeoutMs { get; init; } = 10_000;

    /// <summary>TLS handshake.</summary>
    public int TlsTimeoutMs { get; init; } = 10_000;

    /// <summary>From CONNECT written to CONNACK read; a custom authorizer Lambda may take up to 5 s.</summary>
    public int ConnAckTimeoutMs { get; init; } = 10_000;

    /// <summary>Writing one packet (a stalled peer must not block the supervisor forever).</summary>
    public int WriteTimeoutMs { get; init; } = 10_000;

    /// <summary>
    /// How long a PINGREQ may stay unanswered before the session counts as lost; 0 means one keep-alive interval.
    /// </summary>
    public int PingResponseTimeoutMs { get; init; }

    /// <summary>
    /// Replaces DNS for the endpoint (like curl's --resolve), e.g. to reach the emulator's domain-configuration name
    /// custom-auth.localhost on 127.0.0.1. The host name still goes into SNI and the certificate check. Null: DNS.
    /// </summary>
    public Func<string, CancellationToken, Task<IPAddress[]>>? Resolver { get; init; }
}
