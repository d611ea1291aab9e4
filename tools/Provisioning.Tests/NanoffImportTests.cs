using System.Text.Json;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.CustomAuth.Signing;

namespace AwsIotDevice.Provisioning.Tests;

/// <summary>
/// <c>iotctl provision --nanoff</c>: the import file is one the device's own decision applies, deploy.json is what nanoff
/// reads, both are owner-only, nothing is overwritten by accident, and no secret is ever printed.
/// </summary>
public class NanoffImportTests
{
    private static readonly TempDirectories TempDirs = new("nanoff-import-tests-");

    // Shaped exactly like nanoff's own classes (nanoframework/nanoFirmwareFlasher, nanoFirmwareFlasher.Library/FileDeployment/
    // FileDeploymentConfiguration.cs: string SerialPort, List<DeploymentFile> Files; DeploymentFile.cs: string
    // DestinationFilePath, string SourceFilePath), read the way its FileDeploymentManager reads them: System.Text.Json with
    // PropertyNameCaseInsensitive.
    private sealed class FileDeploymentConfiguration
    {
        public string? SerialPort { get; set; }

        public List<DeploymentFile>? Files { get; set; }
    }

    private sealed class DeploymentFile
    {
        public string? DestinationFilePath { get; set; }

        public string? SourceFilePath { get; set; }
    }

    private static (int Exit, string Out, string Err, NanoffImportRequest Request) Run(string settingsText, string? signWith, string? port = "COM3", string? outDir = null, bool force = false)
    {
        var request = new NanoffImportRequest
        {
            SettingsFile = TestData.TempFile(settingsText),
            SignWith = signWith,
            OutDirectory = outDir ?? Path.Combine(TempDirs.Create(), "out"),
            Port = port,
            Force = force,
        };
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = NanoffProvisioner.Run(request, output, error);
        TestData.AssertNoSecrets(output.ToString() + error.ToString());
        return (exit, output.ToString(), error.ToString(), request);
    }

    [Fact]
    public void WritesAnImportTheDeviceApplies_SignedWithTheKey()
    {
        var (keyPath, key) = TestData.PrivateKeyFile();
        var (exit, output, error, request) = Run(TestData.SettingsFileText(), keyPath);

        Assert.True(exit == 0, error);
        string import = Path.Combine(Path.GetFullPath(request.OutDirectory), "device.import");
        SettingsImportDecision decision = SettingsImport.Decide(null, File.ReadAllBytes(import), (int)new FileInfo(import).Length);
        Assert.True(decision.Apply, decision.Message);
        Assert.Equal(TestData.WifiPassword, decision.Settings!.WifiPassword);
        Assert.Equal(TestData.Token, decision.Settings.Token);
        Assert.True(TokenSignature.Verify(key, TestData.Token, decision.Settings.Signature));
        Assert.Equal("Test Net ☕", decision.Settings.WifiSsid);
        Assert.Equal("domain\\device", decision.Settings.MqttUsername);
        Assert.Equal(DeviceSettings.DefaultQueueCapacity, decision.Settings.QueueCapacity);
        Assert.Contains("aws.signature=<secret>", output);
    }

    [Fact]
    public void PrintsTheOneNanoffCommandAndTheWarning()
    {
        var (keyPath, _) = TestData.PrivateKeyFile();
        var (exit, output, _, request) = Run(TestData.SettingsFileText(), keyPath, port: "/dev/ttyUSB0");

        Assert.Equal(0, exit);
        string deploy = Path.Combine(Path.GetFullPath(request.OutDirectory), "deploy.json");
        string[] commands = output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("nanoff ", StringComparison.Ordinal)).ToArray();
        Assert.Equal($"nanoff --filedeployment {deploy} --serialport /dev/ttyUSB0", Assert.Single(commands));
        Assert.Contains("WARNING", output);
        Assert.Contains("delete " + Path.GetFullPath(request.OutDirectory), output);
    }

    [Theory]
    [InlineData("COM3")]
    [InlineData(null)]
    public void DeployJson_IsWhatNanoffReads(string? port)
    {
        var (keyPath, _) = TestData.PrivateKeyFile();
        var (exit, output, _, request) = Run(TestData.SettingsFileText(), keyPath, port);
        Assert.Equal(0, exit);

        string dir = Path.GetFullPath(request.OutDirectory);
        string json = File.ReadAllText(Path.Combine(dir, "deploy.json"));
        FileDeploymentConfiguration config = JsonSerializer.Deserialize<FileDeploymentConfiguration>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

        Assert.Equal(port, config.SerialPort);
        DeploymentFile file = Assert.Single(config.Files!);
        Assert.Equal("I:\\device.import", file.DestinationFilePath);
        Assert.Equal(Path.Combine(dir, "device.import"), file.SourceFilePath);
        Assert.True(Path.IsPathFullyQualified(file.SourceFilePath!));

        using JsonDocument doc = JsonDocument.Parse(json);
        Assert.Equal(port is null ? ["Files"] : ["SerialPort", "Files"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["DestinationFilePath", "SourceFilePath"], doc.RootElement.GetProperty("Files")[0].EnumerateObject().Select(p => p.Name));
        if (port is null)
        {
            Assert.Contains("--serialport <PORT>", output);
        }
    }

    [Fact]
    public void BothFilesAreOwnerOnly_AndANewDirectoryToo()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes only
        }

        var (keyPath, _) = TestData.PrivateKeyFile();
        var (exit, _, _, request) = Run(TestData.SettingsFileText(), keyPath);
        Assert.Equal(0, exit);

        string dir = Path.GetFullPath(request.OutDirectory);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, "device.import")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, "deploy.json")));
    }

    [Fact]
    public void ExistingFilesAreNotReplacedWithoutForce()
    {
        var (keyPath, _) = TestData.PrivateKeyFile();
        var first = Run(TestData.SettingsFileText(), keyPath);
        Assert.Equal(0, first.Exit);
        string import = Path.Combine(Path.GetFullPath(first.Request.OutDirectory), "device.import");
        string before = File.ReadAllText(import);

        var again = Run(TestData.SettingsFileText(), keyPath, outDir: first.Request.OutDirectory);
        Assert.Equal(2, again.Exit);
        Assert.Contains("already exists; pass --force", again.Err);
        Assert.Equal(before, File.ReadAllText(import));

        var forced = Run(TestData.SettingsFileText().Replace("Test Net", "Other Net", StringComparison.Ordinal), keyPath, outDir: first.Request.OutDirectory, force: true);
        Assert.Equal(0, forced.Exit);
        Assert.Contains("wifi.ssid=Other Net", File.ReadAllText(import));
    }

    [Fact]
    public void SettingsTheDeviceWouldRefuse_AreRefusedHere_NamingTheKey_AndNothingIsWritten()
    {
        // No --sign-with: aws.token without aws.signature.
        var (exit, output, error, request) = Run(TestData.SettingsFileText(), signWith: null);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("aws.signature", error);
        Assert.Contains("whole configuration", error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.False(Directory.Exists(request.OutDirectory));
    }

    [Fact]
    public void AnIncompleteFileIsRefused_BecauseTheImportIsTheWholeConfiguration()
    {
        var (exit, _, error, _) = Run("wifi.ssid=Net\n", signWith: null);

        Assert.Equal(2, exit);
        Assert.Contains("aws.endpoint", error);
        Assert.Contains("mqtt.clientId", error);
    }

    [Fact]
    public void AMalformedFileIsRefusedWithoutItsContent()
    {
        var (exit, _, error, _) = Run("wifi.ssid=Net\n" + TestData.WifiPassword + "\n", signWith: null);

        Assert.Equal(2, exit);
        Assert.Contains("line 2", error);
    }

    [Fact]
    public void ABadPortOrOutIsRefused()
    {
        Assert.Equal(2, Run(TestData.SettingsFileText(), null, port: "COM 3").Exit);
        Assert.Equal(2, Run(TestData.SettingsFileText(), null, outDir: " ").Exit);
        string file = TestData.TempFile("x");
        var (keyPath, _) = TestData.PrivateKeyFile();
        var onFile = Run(TestData.SettingsFileText(), keyPath, outDir: file);
        Assert.Equal(2, onFile.Exit);
        Assert.Contains("is a file", onFile.Err);
    }
}
