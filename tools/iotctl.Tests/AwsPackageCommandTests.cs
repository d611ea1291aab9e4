using System.IO.Compression;
using System.Security.Cryptography;
using AwsIotDevice.Iotctl.Setup;

namespace AwsIotDevice.Iotctl.Tests;

/// <summary>
/// 'iotctl aws package': the zip layout Lambda needs (the full Native AOT build is exercised once per run by
/// LambdaAuthorizer.Tests), and one-line errors.
/// </summary>
public class AwsPackageCommandTests
{
    [Fact]
    public void TheZipHoldsOneExecutableBootstrap_AndIsTheSameForTheSameExecutable()
    {
        string dir = Cli.TempDir();
        string executable = Path.Combine(dir, "AwsIotDevice.LambdaAuthorizer");
        File.WriteAllBytes(executable, RandomNumberGenerator.GetBytes(4096));
        string first = Path.Combine(dir, "a.zip");
        string second = Path.Combine(dir, "b.zip");
        LambdaPackager.WriteZip(executable, first);
        LambdaPackager.WriteZip(executable, second);

        using (ZipArchive zip = ZipFile.OpenRead(first))
        {
            ZipArchiveEntry entry = Assert.Single(zip.Entries);
            Assert.Equal("bootstrap", entry.FullName);
            Assert.Equal(Convert.ToInt32("100755", 8), (entry.ExternalAttributes >> 16) & 0xFFFF);
        }

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        Assert.False(File.Exists(first + ".tmp"));
    }

    [Theory]
    [InlineData("x86_64", "iot-authorizer-provided.al2023-x86_64.zip")]
    [InlineData("arm64", "iot-authorizer-provided.al2023-arm64.zip")]
    public void TheFileNameNamesTheArchitecture(string arch, string name) => Assert.Equal(name, LambdaPackager.FileName(arch));

    [Fact]
    public void BadArchitectureOrProject_AreOneLine()
    {
        string dir = Cli.TempDir();
        Cli.AssertOneLineError(Cli.Run("aws", "package", "--out", dir, "--arch", "sparc"), 2, "sparc");
        Cli.AssertOneLineError(Cli.Run("aws", "package", "--out", dir, "--project", Path.Combine(dir, "nothing.csproj")), 2, "not found");

        string broken = Path.Combine(dir, "broken.csproj");
        File.WriteAllText(broken, "<Project><Broken");
        Cli.Result missing = Cli.Run("aws", "package", "--out", dir, "--project", broken);

        // stderr: the progress line ("building ..."), then the error as one line, no stack trace.
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal(string.Empty, missing.Out);
        string[] lines = missing.Err.TrimEnd('\n', '\r').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("building ", lines[0]);
        Assert.StartsWith("iotctl aws package: ", lines[1]);
        Assert.Contains("dotnet publish failed", lines[1]);
        Assert.DoesNotContain("   at ", missing.Err);
        Assert.Empty(Directory.GetFiles(dir, "*.zip"));
    }
}
