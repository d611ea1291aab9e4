using System.Security.Cryptography;
using AwsIotDevice.CustomAuth.Signing;

namespace AwsIotDevice.CustomAuth.Tests;

public class RsaKeyFileTests
{
    private static (string Path, string Pem) Write(string pem, string name = "key.pem")
    {
        string path = Path.Combine(TestKeys.TempDir(), name);
        File.WriteAllText(path, pem);
        return (path, pem);
    }

    [Fact]
    public void LoadPrivateKey_AcceptsPkcs8AndPkcs1()
    {
        (string pkcs8, _) = Write(TestKeys.Primary.ExportPkcs8PrivateKeyPem());
        (string pkcs1, _) = Write(TestKeys.Primary.ExportRSAPrivateKeyPem());
        using RSA a = RsaKeyFile.LoadPrivateKey(pkcs8);
        using RSA b = RsaKeyFile.LoadPrivateKey(pkcs1);
        Assert.Equal(TestKeys.Primary.ExportRSAPublicKey(), a.ExportRSAPublicKey());
        Assert.Equal(TestKeys.Primary.ExportRSAPublicKey(), b.ExportRSAPublicKey());
    }

    [Fact]
    public void LoadPublicKey_AcceptsSpkiAndPkcs1()
    {
        (string spki, _) = Write(TestKeys.Primary.ExportSubjectPublicKeyInfoPem());
        (string pkcs1, _) = Write(TestKeys.Primary.ExportRSAPublicKeyPem());
        using RSA a = RsaKeyFile.LoadPublicKey(spki);
        using RSA b = RsaKeyFile.LoadPublicKey(pkcs1);
        Assert.Equal(2048, a.KeySize);
        Assert.Equal(a.ExportRSAPublicKey(), b.ExportRSAPublicKey());
    }

    public static TheoryData<string, string> BadPrivateKeys()
    {
        using RSA small = RSA.Create(1024);
        using RSA large = RSA.Create(3072);
        using ECDsa ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var data = new TheoryData<string, string>
        {
            { TestKeys.Primary.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 1000)), "encrypted" },
            { "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\nAAAA\n-----END RSA PRIVATE KEY-----\n", "encrypted" },
            { TestKeys.Primary.ExportSubjectPublicKeyInfoPem(), "public key" },
            { TestKeys.Primary.ExportRSAPublicKeyPem(), "public key" },
            { ec.ExportPkcs8PrivateKeyPem(), "not an RSA key" },
            { ec.ExportECPrivateKeyPem(), "not an RSA key" },
            { small.ExportPkcs8PrivateKeyPem(), "1024-bit" },
            { large.ExportRSAPrivateKeyPem(), "3072-bit" },
            { "hello, this is not a key", "no PEM block" },
            { "-----BEGIN PRIVATE KEY-----\nAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END PRIVATE KEY-----\n", "not an RSA key" },
            { "-----BEGIN RSA PRIVATE KEY-----\nAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END RSA PRIVATE KEY-----\n", "not a valid RSA key" },
            { "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n", "OpenSSH" },
            { "", "no PEM block" },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(BadPrivateKeys))]
    public void LoadPrivateKey_BadInput_SaysWhatAndWhereWithoutKeyMaterial(string pem, string expected)
    {
        (string path, _) = Write(pem);
        var e = Assert.Throws<CustomAuthException>(() => RsaKeyFile.LoadPrivateKey(path));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith(path + ":", e.Message);
        Assert.DoesNotContain("\n", e.Message);
        Assert.All(TestKeys.SecretLines(pem), line => Assert.DoesNotContain(line, e.Message));
    }

    [Fact]
    public void LoadPublicKey_PrivateKeyGiven_IsRefusedWithoutKeyMaterial()
    {
        string pem = TestKeys.Primary.ExportPkcs8PrivateKeyPem();
        (string path, _) = Write(pem);
        var e = Assert.Throws<CustomAuthException>(() => RsaKeyFile.LoadPublicKey(path));
        Assert.Contains("is a private key", e.Message);
        Assert.All(TestKeys.SecretLines(pem), line => Assert.DoesNotContain(line, e.Message));
    }

    [Fact]
    public void Load_MissingFileOrDirectory_IsClear()
    {
        string dir = TestKeys.TempDir();
        Assert.Contains("file not found", Assert.Throws<CustomAuthException>(() => RsaKeyFile.LoadPrivateKey(Path.Combine(dir, "none.pem"))).Message);
        Assert.Contains("is a directory", Assert.Throws<CustomAuthException>(() => RsaKeyFile.LoadPublicKey(dir)).Message);
    }

    [Fact]
    public void Load_HugeFile_IsRefusedWithoutReadingIt()
    {
        (string path, _) = Write(new string('A', 100_000));
        Assert.Contains("too large", Assert.Throws<CustomAuthException>(() => RsaKeyFile.LoadPrivateKey(path)).Message);
    }
}
