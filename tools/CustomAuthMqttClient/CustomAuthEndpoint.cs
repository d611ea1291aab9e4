using System.Security.Cryptography.X509Certificates;

namespace AwsIotDevice.CustomAuthMqttClient;

/// <summary>
/// Where an AWS IoT Core custom-auth endpoint (or the local emulator) is reached over TLS. What TCP connects to and
/// the name TLS sends differ for the emulator: it listens on localhost, but routes by the SNI of an AWS-style ATS
/// name, which does not resolve.
/// </summary>
public sealed record CustomAuthEndpoint
{
    /// <summary>What TCP connects to: a DNS name or address (the emulator: <c>localhost</c>).</summary>
    public required string ConnectHost { get; init; }

    /// <summary>The TCP port.</summary>
    public required int Port { get; init; }

    /// <summary>The TLS server name (SNI) and the name the certificate must carry: the ATS endpoint or a domain configuration.</summary>
    public required string ServerName { get; init; }

    /// <summary>
    /// Offer ALPN <c>mqtt</c>: needed for custom auth on port 443 of the default endpoint; a CUSTOM_AUTH + SECURE_MQTT
    /// domain configuration does without (give an empty list: no ALPN at all).
    /// </summary>
    public IReadOnlyList<string> ApplicationProtocols { get; init; } = [CustomAuthMqttOptions.AlpnMqtt];

    /// <summary>The only roots trusted (the emulator's CA, or the Amazon roots); never the OS store.</summary>
    public required X509Certificate2Collection Trust { get; init; }
}
