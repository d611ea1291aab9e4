using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AwsIotDevice.VirtualDevice.Tests.Support;

/// <summary>A throw-away certificate authority and server certificates for localhost TLS tests (ECDSA P-256: fast).</summary>
internal sealed class TestPki
{
    private TestPki(X509Certificate2 ca)
    {
        Ca = ca;
    }

    /// <summary>The CA certificate, with its private key.</summary>
    public X509Certificate2 Ca { get; }

    public static TestPki Create(string name = "VirtualDevice Test CA")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        X509Certificate2 ca = request.CreateSelfSigned(now.AddYears(-5), now.AddYears(5));
        return new TestPki(ca);
    }

    /// <summary>A server certificate for <paramref name="dnsName"/> signed by this CA, valid from/to the given times (default: now -1 day .. +30 days).</summary>
    public X509Certificate2 IssueServer(string dnsName, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(dnsName);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Ca, true, false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        byte[] serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using X509Certificate2 issued = request.Create(Ca, notBefore ?? now.AddDays(-1), notAfter ?? now.AddDays(30), serial);
        X509Certificate2 withKey = issued.CopyWithPrivateKey(key);

        // A PKCS#12 round trip gives a certificate whose key SslStream can use as a server on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
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
        using ECDsa ecdsa = server.GetECDsaPrivateKey()!;
        File.WriteAllText(key, ecdsa.ExportPkcs8PrivateKeyPem());
        return (cert, key);
    }

    /// <summary>Trust anchors holding only this CA.</summary>
    public TrustAnchors Anchors() => TrustAnchors.From(new X509Certificate2Collection(X509CertificateLoader.LoadCertificate(Ca.RawData)), "test CA");

    /// <summary>A free TCP port on 127.0.0.1 (bound and released; good enough for tests that start listening right away).</summary>
    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
