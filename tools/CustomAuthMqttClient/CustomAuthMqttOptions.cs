using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;

namespace AwsIotDevice.CustomAuthMqttClient;

/// <summary>MQTTnet client options for a custom-auth connection: TLS (SNI, ALPN, one trusted CA) and the username.</summary>
public static class CustomAuthMqttOptions
{
    /// <summary>The ALPN protocol AWS IoT Core needs for MQTT with custom auth on 443.</summary>
    public const string AlpnMqtt = "mqtt";

    /// <summary>
    /// Options that connect to <paramref name="endpoint"/> as <paramref name="clientId"/> with
    /// <paramref name="username"/> (the custom-authorizer username, e.g. from the firmware's AuthUsername.Build) and no
    /// password. Keep-alive defaults to 30 s, the CONNECT timeout to 10 s; MQTT 3.1.1 unless told otherwise.
    /// </summary>
    public static MqttClientOptions Create(
        CustomAuthEndpoint endpoint,
        string clientId,
        string? username,
        MqttProtocolVersion version = MqttProtocolVersion.V311,
        TimeSpan? keepAlive = null,
        TimeSpan? timeout = null,
        byte[]? password = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(endpoint.ConnectHost, endpoint.Port)
            .WithClientId(clientId)
            .WithProtocolVersion(version)
            .WithCleanSession(true)
            .WithKeepAlivePeriod(keepAlive ?? TimeSpan.FromSeconds(30))
            .WithTimeout(timeout ?? TimeSpan.FromSeconds(10))
            .WithTlsOptions(tls => tls
                .UseTls()
                .WithTargetHost(endpoint.ServerName)
                .WithApplicationProtocols(endpoint.ApplicationProtocols.Select(p => new SslApplicationProtocol(p)).ToList())
                .WithCertificateValidationHandler(e => IsTrusted(e.Certificate, e.SslPolicyErrors, endpoint.Trust)));
        if (username is not null || password is not null)
        {
            builder.WithCredentials(username, password);
        }

        return builder.Build();
    }

    /// <summary>Loads the PEM certificates in <paramref name="caFile"/> (e.g. the emulator's ca.crt).</summary>
    public static X509Certificate2Collection LoadTrust(string caFile)
    {
        var trust = new X509Certificate2Collection();
        trust.ImportFromPemFile(caFile);
        return trust;
    }

    /// <summary>
    /// True when <paramref name="certificate"/> carries the expected name (the platform decides that) and chains to
    /// one of <paramref name="trust"/>, whatever the OS store says.
    /// </summary>
    public static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection trust)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trust);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
