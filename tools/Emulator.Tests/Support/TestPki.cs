using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AwsIotDevice.Emulator.Tests.Support;

/// <summary>One in-memory CA + server certificate + authorizer key pair, shared by all tests (creation is slow-ish).</summary>
public static class TestPki
{
    public const string AtsHost = "abc123-ats.iot.us-east-1.amazonaws.com";
    public const string DomainHost = "custom.example.test";
    public const string DefaultDomainHost = "default.example.test";

    private static readonly Lazy<(X509Certificate2 Ca, X509Certificate2 Server)> Certs = new(Create);
    private static readonly Lazy<RSA> Key1 = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> Key2 = new(() => RSA.Create(2048));

    public static X509Certificate2 Ca => Certs.Value.Ca;
    public static X509Certificate2 Server => Certs.Value.Server;
    public static RSA AuthorizerKey => Key1.Value;
    public static RSA OtherKey => Key2.Value;

    private static (X509Certificate2, X509Certificate2) Create()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caReq = new CertificateRequest("CN=Test CA", caKey, HashAlgorithmName.SHA256);
        caReq.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caReq.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        var ca = caReq.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var req = new CertificateRequest($"CN={AtsHost}", serverKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(AtsHost);
        san.AddDnsName("localhost");
        san.AddDnsName(DomainHost);
        san.AddDnsName(DefaultDomainHost);
        san.AddIpAddress(IPAddress.Loopback);
        req.CertificateExtensions.Add(san.Build());
        req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var cert = req.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(20), [1, 2, 3, 4]);
        return (ca, cert.CopyWithPrivateKey(serverKey));
    }

    /// <summary>Validates the server certificate against the test CA only (name checked unless <paramref name="ignoreName"/>).</summary>
    public static bool Validate(X509Certificate? cert, System.Net.Security.SslPolicyErrors errors, bool ignoreName)
    {
        if (cert is null) return false;
        if ((errors & System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch) != 0 && !ignoreName) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(cert));
    }
}
