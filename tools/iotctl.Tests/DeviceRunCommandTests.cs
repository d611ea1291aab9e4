namespace AwsIotDevice.Iotctl.Tests;

/// <summary><c>iotctl device run</c>: where its storage is (a settings file or a folder standing for the board's drive).</summary>
public class DeviceRunCommandTests
{
    [Fact]
    public void StorageAndSettingsAreExclusiveAndOneIsNeeded()
    {
        string dir = Cli.TempDir();

        Cli.Result both = Cli.Run("device", "run", "--settings", Path.Combine(dir, "a.settings"), "--storage", dir);
        Cli.Result neither = Cli.Run("device", "run");

        Assert.Equal(2, both.ExitCode);
        Assert.Contains("exactly one of --settings FILE and --storage DIR", both.Err);
        Assert.Equal(2, neither.ExitCode);
        Assert.Contains("exactly one of --settings FILE and --storage DIR", neither.Err);
    }

    [Fact]
    public void AStorageFolderWithAnInvalidImportAndNoSerialLineSaysWhy()
    {
        string dir = Cli.TempDir();
        File.WriteAllText(Path.Combine(dir, "device.import"), "wifi.ssid=x\n");

        Cli.Result result = Cli.Run("device", "run", "--storage", dir);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("import refused (torn)", result.Err);
        Assert.Contains("awsiot.settings: no settings stored", result.Err);
        Assert.False(File.Exists(Path.Combine(dir, "device.import")));
    }
}
