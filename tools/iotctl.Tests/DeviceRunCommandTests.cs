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
        string file = Path.Combine(dir, "awsiot.settings");
        File.WriteAllText(file, "wifi.ssid=x\n");
        Cli.Result storageIsAFile = Cli.Run("device", "run", "--storage", file);

        Assert.Equal(2, both.ExitCode);
        Assert.Contains("exactly one of --settings FILE and --storage DIR", both.Err);
        Assert.Equal(2, neither.ExitCode);
        Assert.Contains("exactly one of --settings FILE and --storage DIR", neither.Err);
        Assert.Equal(2, storageIsAFile.ExitCode);
        Assert.Contains($"--storage {file} is a file; give a folder (it stands for the board's I:\\)", storageIsAFile.Err);
    }

    [Fact]
    public async Task AStorageFolderWithAnInvalidImportAndNoSerialLineSaysWhy()
    {
        string dir = Cli.TempDir();
        File.WriteAllText(Path.Combine(dir, "device.import"), "wifi.ssid=x\n");

        Cli.Result result = await RunBounded("device", "run", "--storage", dir);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("import refused (torn)", result.Err);
        Assert.Contains("awsiot.settings: no settings stored", result.Err);
        Assert.Contains($"or copy an `iotctl provision --nanoff` device.import into {dir}", result.Err);
        Assert.False(File.Exists(Path.Combine(dir, "device.import")));
    }

    // `device run` runs in-process and waits for the device: a regression that keeps it running must fail the test,
    // not hang the test run.
    private static async Task<Cli.Result> RunBounded(params string[] args)
    {
        Task<Cli.Result> run = Task.Run(() => Cli.Run(args));
        try
        {
            return await run.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"iotctl {string.Join(' ', args)} did not return within 60 s");
            throw;
        }
    }
}
