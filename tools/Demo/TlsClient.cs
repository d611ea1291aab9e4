using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace AwsIotDevice.Demo;

/// <summary>Opens TLS to the emulator the way the device does: SNI = host name, ALPN "mqtt", only the emulator's CA trusted.</summary>
internal static class TlsClient
{
    /// <summary>Connects to 127.0.0.1:<paramref name="port"/> with SNI <paramref name="host"/>; the caller owns the stream.</summary>
    public static async Task<SslStream> ConnectAsync(string host, int port, X509Certificate2Collection trust, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(System.Net.IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
            var ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
            try
            {
                await ssl.AuthenticateAsClientAsync(
                    new SslClientAuthenticationOptions
                    {
                        TargetHost = host,
                        ApplicationProtocols = [new SslApplicationProtocol("mqtt")],
                        RemoteCertificateValidationCallback = (_, certificate, _, errors) => Trusted(certificate, errors, trust),
                    },
                    cancellationToken).ConfigureAwait(false);
                return ssl;
            }
            catch
            {
                await ssl.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>Loads the PEM certificates in <paramref name="caFile"/>.</summary>
    public static X509Certificate2Collection LoadTrust(string caFile)
    {
        var trust = new X509Certificate2Collection();
        trust.ImportFromPemFile(caFile);
        return trust;
    }

    // Only name mismatches are decided by the platform; the chain must end at the emulator's own CA.
    private static bool Trusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection trust)
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
