using System.Security.Cryptography;
using AwsIotDevice.CustomAuth.Signing;

namespace AwsIotDevice.CustomAuth.Tests;

public class RsaKeyPairFilesTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public void Generate_WritesPkcs8PrivateAndSpkiPublic_PrivateOwnerOnly()
    {
        string dir = Path.Combine(TestKeys.TempDir(), "new");
        (string privatePath, string publicPath) = RsaKeyPairFiles.Generate(dir, overwrite: false);

        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(privatePath));
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", File.ReadAllText(publicPath));
        using RSA privateKey = RsaKeyFile.LoadPrivateKey(privatePath);
        using RSA publicKey = RsaKeyFile.LoadPublicKey(publicPath);
        Assert.Equal(privateKey.ExportRSAPublicKey(), publicKey.ExportRSAPublicKey());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(privatePath));
            Assert.Empty(Directory.GetFiles(dir, "*.tmp", new EnumerationOptions { AttributesToSkip = 0 }));
        }
    }

    [Fact]
    public void Generate_ExistingFiles_RefusedUnlessOverwrite_AndReplacementIsOwnerOnly()
    {
        string dir = TestKeys.TempDir();
        string privatePath = Path.Combine(dir, RsaKeyPairFiles.PrivateKeyFileName);
        File.WriteAllText(privatePath, "old");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(privatePath, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        var e = Assert.Throws<CustomAuthException>(() => RsaKeyPairFiles.Generate(dir, overwrite: false));
        Assert.Contains("already exists", e.Message);
        Assert.Equal("old", File.ReadAllText(privatePath));
        Assert.False(File.Exists(Path.Combine(dir, RsaKeyPairFiles.PublicKeyFileName)));

        RsaKeyPairFiles.Generate(dir, overwrite: true);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(privatePath));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(privatePath));
        }
    }

    [Fact]
    public void Generate_IntoAFile_IsAClearError()
    {
        string file = Path.Combine(TestKeys.TempDir(), "file");
        File.WriteAllText(file, "x");
        Assert.Contains("is a file", Assert.Throws<CustomAuthException>(() => RsaKeyPairFiles.Generate(file, overwrite: true)).Message);
    }
}
