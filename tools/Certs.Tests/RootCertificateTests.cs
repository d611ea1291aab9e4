using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace AwsIotDevice.Certs.Tests;

public class RootCertificateTests
{
    [Theory]
    [MemberData(nameof(ExpectedRoots.All), MemberType = typeof(ExpectedRoots))]
    public void Pem_is_the_expected_amazon_root(string file, string commonName, string keyAlgorithmOid, string notAfterUtc)
    {
        using X509Certificate2 cert = LoadSingle(file);

        Assert.Equal(commonName, cert.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        Assert.Equal("CN=" + commonName + ", O=Amazon, C=US", cert.Subject);
        Assert.Equal(keyAlgorithmOid, cert.PublicKey.Oid.Value);
        DateTime expected = DateTime.Parse(notAfterUtc, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        Assert.Equal(expected, cert.NotAfter.ToUniversalTime());
    }

    [Theory]
    [MemberData(nameof(ExpectedRoots.All), MemberType = typeof(ExpectedRoots))]
    public void Fingerprint_matches_the_one_stated_in_certs_readme(string file, string commonName, string keyAlgorithmOid, string notAfterUtc)
    {
        _ = (commonName, keyAlgorithmOid, notAfterUtc);
        IReadOnlyDictionary<string, string> stated = ReadmeFingerprints.Read();
        Assert.True(stated.ContainsKey(file), $"certs/README.md states no SHA-256 fingerprint for {file}");

        using X509Certificate2 cert = LoadSingle(file);
        string actual = string.Join(':', cert.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256).Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));

        Assert.Equal(stated[file], actual);
    }

    [Theory]
    [MemberData(nameof(ExpectedRoots.All), MemberType = typeof(ExpectedRoots))]
    public void Is_a_self_signed_ca(string file, string commonName, string keyAlgorithmOid, string notAfterUtc)
    {
        _ = (commonName, keyAlgorithmOid, notAfterUtc);
        using X509Certificate2 cert = LoadSingle(file);

        Assert.Equal(cert.SubjectName.RawData, cert.IssuerName.RawData);

        X509BasicConstraintsExtension? constraints = cert.Extensions.OfType<X509BasicConstraintsExtension>().SingleOrDefault();
        Assert.NotNull(constraints);
        Assert.True(constraints!.CertificateAuthority, $"{file} is not a CA certificate");
        Assert.True(constraints.Critical, $"{file}: basicConstraints should be critical");

        // A chain that trusts only this certificate builds iff its signature verifies with its own key.
        using X509Chain chain = new();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(cert);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        bool built = chain.Build(cert);
        string statuses = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()));
        Assert.True(built, $"{file} does not verify as its own issuer: {statuses}");
        Assert.Single(chain.ChainElements);
    }

    [Fact]
    public void Each_file_holds_exactly_one_ascii_pem_certificate()
    {
        // TrustedRoots joins the files into one bundle, so each must be exactly one clean PEM block.
        foreach (string file in ExpectedRoots.Files)
        {
            string text = File.ReadAllText(Path.Combine(RepoFiles.CertsDir, file));
            Assert.True(text.All(c => c < 128), $"{file} has non-ASCII characters");
            Assert.Equal(1, CountOf(text, "-----BEGIN CERTIFICATE-----"));
            Assert.Equal(1, CountOf(text, "-----END CERTIFICATE-----"));
            Assert.StartsWith("-----BEGIN CERTIFICATE-----", text, StringComparison.Ordinal);
            Assert.EndsWith("-----END CERTIFICATE-----\n", text.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_pem_in_certs_is_expected_and_listed_in_the_readme()
    {
        string[] present = Directory.GetFiles(RepoFiles.CertsDir, "*.pem").Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(ExpectedRoots.Files.Order(StringComparer.Ordinal).ToArray(), present);
        Assert.Equal(present, ReadmeFingerprints.Read().Keys.Order(StringComparer.Ordinal).ToArray());
    }

    internal static X509Certificate2 LoadSingle(string file)
    {
        string path = Path.Combine(RepoFiles.CertsDir, file);
        Assert.True(File.Exists(path), $"missing {path}");
        return X509Certificate2.CreateFromPem(File.ReadAllText(path));
    }

    private static int CountOf(string text, string needle)
    {
        int count = 0;
        for (int i = text.IndexOf(needle, StringComparison.Ordinal); i >= 0; i = text.IndexOf(needle, i + needle.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
