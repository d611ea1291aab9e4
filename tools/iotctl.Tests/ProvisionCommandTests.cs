namespace AwsIotDevice.Iotctl.Tests;

/// <summary><c>iotctl provision</c> as a user runs it: failures of the port are one line, no stack trace.</summary>
public class ProvisionCommandTests
{
    [Fact]
    public void A_port_that_does_not_exist_is_one_line_naming_it_and_exit_2()
    {
        Cli.Result result = Cli.RunProcess(string.Empty, "provision", "--port", "/dev/does-not-exist", "--status");

        Cli.AssertOneLineError(result, 2, "/dev/does-not-exist");
        Assert.Contains("no such port", result.Err);
    }
}

/// <summary><c>iotctl provision --nanoff</c> as a user runs it: the files, the one nanoff command, and its usage errors.</summary>
public class ProvisionNanoffCommandTests
{
    private const string Secret = "WIFI-SECRET-91c3e7";

    private static string SettingsFile(string dir) =>
        WriteFile(dir, "device.settings",
            "wifi.ssid=Net\n"
            + $"wifi.password={Secret}\n"
            + "aws.endpoint=abc123-ats.iot.eu-west-1.amazonaws.com\n"
            + "aws.authorizer=DeviceAuthorizer\n"
            + "aws.token=v1.ZGV2aWNlLTAx.1801353600\n"
            + "mqtt.clientId=device-01\n"
            + "telemetry.topic=devices/device-01/telemetry\n");

    private static string WriteFile(string dir, string name, string text)
    {
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite); // as a file with secrets should be
        }

        return path;
    }

    [Fact]
    public void WritesTheFilesAndPrintsTheNanoffCommand()
    {
        string dir = Cli.TempDir();
        Cli.Result keys = Cli.Run("keygen", "--out", Path.Combine(dir, "keys"));
        Assert.Equal(0, keys.ExitCode);
        string outDir = Path.Combine(dir, "import");

        Cli.Result result = Cli.Run("provision", "--nanoff", "--file", SettingsFile(dir), "--sign-with", Path.Combine(dir, "keys", "private.pem"), "--out", outDir, "--port", "COM3");

        Assert.True(result.ExitCode == 0, result.Err);
        Assert.Contains($"nanoff --filedeployment {Path.Combine(outDir, "deploy.json")} --serialport COM3", result.Out);
        Assert.True(File.Exists(Path.Combine(outDir, "device.import")));
        Assert.DoesNotContain(Secret, result.All);
        Assert.DoesNotContain("v1.ZGV2aWNlLTAx", result.All);
    }

    [Fact]
    public void ASettingsFileOthersCanReadIsWarnedAboutAndOneThatOnlyTheOwnerReadsIsNot()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string dir = Cli.TempDir();
        Assert.Equal(0, Cli.Run("keygen", "--out", Path.Combine(dir, "keys")).ExitCode);
        string settings = SettingsFile(dir);
        string key = Path.Combine(dir, "keys", "private.pem");

        File.SetUnixFileMode(settings, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Cli.Result open = Cli.Run("provision", "--nanoff", "--file", settings, "--sign-with", key, "--out", Path.Combine(dir, "a"));
        File.SetUnixFileMode(settings, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Cli.Result closed = Cli.Run("provision", "--nanoff", "--file", settings, "--sign-with", key, "--out", Path.Combine(dir, "b"));

        Assert.True(open.ExitCode == 0, open.Err);
        Assert.Contains($"other users can read it (mode 0644): chmod 600 {settings}", open.Err);
        Assert.True(closed.ExitCode == 0, closed.Err);
        Assert.DoesNotContain("other users can read it", closed.Err);
    }

    [Theory]
    [InlineData("--nanoff needs --out DIR", "provision", "--nanoff", "--file", "f")]
    [InlineData("--nanoff needs --file FILE", "provision", "--nanoff", "--out", "d")]
    [InlineData("not --set", "provision", "--nanoff", "--set", "wifi.ssid=x", "--out", "d")]
    [InlineData("cannot be combined with --nanoff", "provision", "--nanoff", "--file", "f", "--out", "d", "--status")]
    [InlineData("--port is required", "provision", "--status")]
    [InlineData("are for --nanoff", "provision", "--port", "/dev/null", "--out", "d", "--status")]
    public void UsageErrorsAreOneLine(string expected, params string[] args)
    {
        Cli.AssertOneLineError(Cli.Run(args), 2, expected);
    }

    [Fact]
    public void AFileTheDeviceWouldRefuseIsOneLineAndExit2()
    {
        string dir = Cli.TempDir();
        Cli.Result result = Cli.Run("provision", "--nanoff", "--file", SettingsFile(dir), "--out", Path.Combine(dir, "o"));

        Cli.AssertOneLineError(result, 2, "aws.signature");
        Assert.DoesNotContain(Secret, result.Err);
    }
}
