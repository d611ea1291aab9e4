using System.Security.Cryptography;

namespace AwsIotDevice.Iotctl.Tests;

public class KeygenCommandTests
{
    [Fact]
    public void Keygen_WritesPairWithOwnerOnlyPrivateKey_AndRefusesToOverwriteWithoutForce()
    {
        string dir = Path.Combine(Cli.TempDir(), "keys");
        Cli.Result first = Cli.Run("keygen", "--out", dir);
        Assert.Equal(0, first.ExitCode);
        string privatePem = File.ReadAllText(Path.Combine(dir, "private.pem"));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", privatePem);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", File.ReadAllText(Path.Combine(dir, "public.pem")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, "private.pem")));
        }

        Assert.All(Cli.SecretLines(privatePem), line => Assert.DoesNotContain(line, first.All));

        Cli.Result again = Cli.Run("keygen", "--out", dir);
        Cli.AssertOneLineError(again, 2, "--force");
        Assert.Equal(privatePem, File.ReadAllText(Path.Combine(dir, "private.pem")));

        Assert.Equal(0, Cli.Run("keygen", "--out", dir, "--force").ExitCode);
        Assert.NotEqual(privatePem, File.ReadAllText(Path.Combine(dir, "private.pem")));
    }
}

public class SignCommandErrorTests
{
    private static string WriteKey(string pem)
    {
        string path = Path.Combine(Cli.TempDir(), "key.pem");
        File.WriteAllText(path, pem);
        return path;
    }

    public static TheoryData<string, string> BadKeys()
    {
        using RSA rsa = RSA.Create(2048);
        using RSA small = RSA.Create(1024);
        using ECDsa ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new TheoryData<string, string>
        {
            { rsa.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000)), "encrypted" },
            { rsa.ExportSubjectPublicKeyInfoPem(), "public key" },
            { ec.ExportPkcs8PrivateKeyPem(), "not an RSA key" },
            { small.ExportRSAPrivateKeyPem(), "1024-bit" },
            { "garbage\n", "no PEM block" },
            { "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY-----\n", "not a valid RSA key" },
        };
    }

    [Theory]
    [MemberData(nameof(BadKeys))]
    public void Sign_BadKey_OneLineNamingTheFile_NoKeyMaterialNoToken(string pem, string expected)
    {
        string path = WriteKey(pem);
        const string token = "v1.c2VjcmV0LXRva2Vu.1999999999";
        Cli.Result result = Cli.Run("sign", "--key", path, "--token", token);

        Cli.AssertOneLineError(result, 2, expected);
        Assert.Contains(path, result.Err);
        Assert.DoesNotContain(token, result.All);
        Assert.All(Cli.SecretLines(pem), line => Assert.DoesNotContain(line, result.All));
    }

    [Fact]
    public void Sign_MissingFile_And_MissingOption_AreOneLine()
    {
        Cli.AssertOneLineError(Cli.Run("sign", "--key", "/nonexistent/key.pem", "--token", "t"), 2, "file not found");
        Cli.AssertOneLineError(Cli.Run("sign", "--token", "t"), 2, "--key");
        Cli.AssertOneLineError(Cli.Run("sign", "--key", "k", "--token", "t", "--bogus"), 2, "--bogus");
    }

    [Fact]
    public void Sign_UnpairedSurrogateOrTooLongToken_IsRefused_WithoutEchoingIt()
    {
        using RSA rsa = RSA.Create(2048);
        string path = WriteKey(rsa.ExportPkcs8PrivateKeyPem());
        string longToken = new string('q', 6145);
        Cli.Result tooLong = Cli.Run("sign", "--key", path, "--token", longToken);
        Cli.AssertOneLineError(tooLong, 2, "6144");
        Assert.DoesNotContain("qqqqqqqq", tooLong.Err);
        Cli.AssertOneLineError(Cli.Run("sign", "--key", path, "--token", "ab\uD800"), 2, "surrogate");
    }
}

public class VerifyCommandTests
{
    private static (string Private, string Public) Keys()
    {
        string dir = Cli.TempDir();
        Assert.Equal(0, Cli.Run("keygen", "--out", dir).ExitCode);
        return (Path.Combine(dir, "private.pem"), Path.Combine(dir, "public.pem"));
    }

    [Fact]
    public void Verify_ValidRawOrPercentEncoded_InvalidOtherwise()
    {
        (string privatePath, string publicPath) = Keys();
        const string token = "v1.ZGV2aWNlLTAx.1767225600";
        string signature = Cli.Run("sign", "--key", privatePath, "--token", token).Out.Trim();
        string encoded = signature.Replace("+", "%2B").Replace("/", "%2F").Replace("=", "%3D");
        string lowerEncoded = signature.Replace("+", "%2b").Replace("/", "%2f").Replace("=", "%3d");

        foreach (string sig in new[] { signature, encoded, lowerEncoded })
        {
            Cli.Result ok = Cli.Run("verify", "--public-key", publicPath, "--token", token, "--signature", sig);
            Assert.Equal(0, ok.ExitCode);
            Assert.Equal("valid\n", ok.Out);
        }

        Cli.Result tampered = Cli.Run("verify", "--public-key", publicPath, "--token", token.Replace("1767", "1768"), "--signature", signature);
        Assert.Equal(1, tampered.ExitCode);
        Assert.Equal("invalid\n", tampered.Out);

        Cli.Result garbage = Cli.Run("verify", "--public-key", publicPath, "--token", token, "--signature", "%%%not-base64");
        Assert.Equal(1, garbage.ExitCode);
        Assert.Equal("invalid\n", garbage.Out);
        Assert.DoesNotContain(token, garbage.Err);
    }

    [Fact]
    public void Verify_WithPrivateKeyInsteadOfPublic_IsRefusedWithoutKeyMaterial()
    {
        (string privatePath, _) = Keys();
        Cli.Result result = Cli.Run("verify", "--public-key", privatePath, "--token", "t", "--signature", "AAAA");
        Cli.AssertOneLineError(result, 2, "is a private key");
        Assert.All(Cli.SecretLines(File.ReadAllText(privatePath)), line => Assert.DoesNotContain(line, result.All));
    }
}
