using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using AwsIotDevice.CustomAuthMqttClient;
using AwsIotDevice.Emulator.Init;

namespace AwsIotDevice.TestSupport;

/// <summary>
/// A throw-away certificate authority and the server certificates it issues, for TLS tests on 127.0.0.1. Built by
/// the emulator init's <see cref="LocalCertificateAuthority"/>, so tests trust the same kind of chain users get.
/// </summary>
public sealed class TestPki
{
    private readonly LocalCertificateAuthority _authority;

    private TestPki(LocalCertificateAuthority authority)
    {
        _authority = authority;
    }

    /// <summary>The CA certificate, with its private key.</summary>
    public X509Certificate2 Ca => _authority.Certificate;

    /// <summary>A new CA named <paramref name="name"/>, valid from 5 years ago to 5 years ahead.</summary>
    public static TestPki Create(string name = "Test CA")
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        return new TestPki(LocalCertificateAuthority.Create($"CN={name}", now.AddYears(-5), now.AddYears(5)));
    }

    /// <summary>A server certificate for <paramref name="dnsName"/> (default validity: now -1 day .. +30 days).</summary>
    public X509Certificate2 IssueServer(string dnsName, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null) =>
        IssueServer([dnsName], [], notBefore, notAfter);

    /// <summary>A server certificate for several names and addresses, usable by SslStream as a server on every platform.</summary>
    public X509Certificate2 IssueServer(IReadOnlyList<string> dnsNames, IReadOnlyList<IPAddress> addresses, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 issued = _authority.IssueServer(dnsNames, addresses, notBefore ?? now.AddDays(-1), notAfter ?? now.AddDays(30));

        // A PKCS#12 round trip gives a certificate whose key SslStream can use as a server on every platform.
        return X509CertificateLoader.LoadPkcs12(issued.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Writes the CA certificate as PEM; returns the path.</summary>
    public string WriteCaPem(string directory, string fileName = "ca.pem")
    {
        string path = Path.Combine(directory, fileName);
        File.WriteAllText(path, Ca.ExportCertificatePem());
        return path;
    }

    /// <summary>Writes <paramref name="server"/>'s certificate and PKCS#8 key as PEM; returns both paths.</summary>
    public static (string CertPath, string KeyPath) WriteServerPem(X509Certificate2 server, string directory)
    {
        string cert = Path.Combine(directory, "server.pem");
        string key = Path.Combine(directory, "server.key");
        File.WriteAllText(cert, server.ExportCertificatePem());
        File.WriteAllText(key, LocalCertificateAuthority.PrivateKeyPem(server));
        return (cert, key);
    }

    /// <summary>True when <paramref name="certificate"/> chains to this CA only (its name checked unless <paramref name="ignoreName"/>).</summary>
    public bool Validate(X509Certificate? certificate, SslPolicyErrors errors, bool ignoreName) =>
        CustomAuthMqttOptions.IsTrusted(certificate, ignoreName ? errors & ~SslPolicyErrors.RemoteCertificateNameMismatch : errors, [Ca]);

    /// <summary>A free TCP port on 127.0.0.1 (bound and released; good enough for a listener started right away).</summary>
    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
