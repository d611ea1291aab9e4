using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AwsIotDevice.Emulator.Init;

/// <summary>
/// A local certificate authority (ECDSA P-256: small and fast) that issues TLS server certificates: what
/// <c>emulator init</c> writes, and what the tests' throw-away PKI uses, so both make the same kind of certificate.
/// </summary>
public sealed class LocalCertificateAuthority : IDisposable
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    private LocalCertificateAuthority(X509Certificate2 certificate)
    {
        Certificate = certificate;
    }

    /// <summary>The CA certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>A new self-signed CA named <paramref name="subject"/> (a distinguished name such as "CN=Test CA").</summary>
    public static LocalCertificateAuthority Create(string subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return new LocalCertificateAuthority(request.CreateSelfSigned(notBefore, notAfter));
    }

    /// <summary>
    /// A server certificate (CN = the first DNS name) for <paramref name="dnsNames"/> and <paramref name="addresses"/>,
    /// signed by this CA, with its private key.
    /// </summary>
    public X509Certificate2 IssueServer(IReadOnlyList<string> dnsNames, IReadOnlyList<IPAddress> addresses, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        ArgumentOutOfRangeException.ThrowIfZero(dnsNames.Count);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsNames[0]}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (string name in dnsNames)
        {
            san.AddDnsName(name);
        }

        foreach (IPAddress address in addresses)
        {
            san.AddIpAddress(address);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using X509Certificate2 issued = request.Create(Certificate, notBefore, notAfter, serial);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>The certificate's private key as PKCS#8 PEM (what server.key and ca.key hold).</summary>
    public static string PrivateKeyPem(X509Certificate2 certificate)
    {
        using ECDsa key = certificate.GetECDsaPrivateKey() ?? throw new ArgumentException("the certificate has no ECDSA private key", nameof(certificate));
        return key.ExportPkcs8PrivateKeyPem();
    }

    /// <inheritdoc />
    public void Dispose() => Certificate.Dispose();
}
