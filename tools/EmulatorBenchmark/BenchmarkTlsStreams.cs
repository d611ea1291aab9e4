using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Channel;

namespace AwsIotDevice.EmulatorBenchmark;

/// <summary>
/// The TLS streams MQTTnet runs over in the benchmark: TCP (NoDelay) to the broker, TLS with SNI "localhost" and ALPN
/// "mqtt", no session resumption, the chain ending at the init CA and the leaf equal to the init's server.crt.
/// </summary>
internal sealed class BenchmarkTlsStreams(X509Certificate2 serverCertificate, X509Certificate2 ca) : IMqttClientStreamProvider
{
    private const string SniHost = "localhost";
    private readonly byte[] _pinned = serverCertificate.GetCertHash();

    // Chain built against the init CA only: otherwise a server that sends just its leaf (mosquitto) makes .NET search
    // the system store for the issuer on every handshake, a client-side cost (~10 ms) that would be charged to it.
    private readonly X509ChainPolicy _chainPolicy = new()
    {
        TrustMode = X509ChainTrustMode.CustomRootTrust,
        CustomTrustStore = { ca },
        RevocationMode = X509RevocationMode.NoCheck,
    };

    /// <inheritdoc />
    public async Task<Stream> ConnectAsync(EndPoint remoteEndPoint, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient { NoDelay = true };
        SslStream? ssl = null;
        try
        {
            await tcp.ConnectAsync((IPEndPoint)remoteEndPoint, cancellationToken).ConfigureAwait(false);
            ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
            await ssl.AuthenticateAsClientAsync(ClientOptions(), cancellationToken).ConfigureAwait(false);
            return ssl;
        }
        catch
        {
            if (ssl is not null)
            {
                await ssl.DisposeAsync().ConfigureAwait(false);
            }

            tcp.Dispose();
            throw;
        }
    }

    // No TLS resumption: every connect is a full handshake, as a device that reboots or lacks a session cache does,
    // and the same for both brokers (the .NET server and OpenSSL would otherwise resume differently).
    private SslClientAuthenticationOptions ClientOptions() => new()
    {
        TargetHost = SniHost,
        ApplicationProtocols = [new SslApplicationProtocol("mqtt")],
        AllowTlsResume = false,
        CertificateChainPolicy = _chainPolicy,
        RemoteCertificateValidationCallback = (_, cert, _, errors) =>
            errors == SslPolicyErrors.None && cert is not null && cert.GetCertHash().AsSpan().SequenceEqual(_pinned),
    };
}
