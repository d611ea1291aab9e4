using AwsIotDevice.VirtualDevice.Tests.Support;

namespace AwsIotDevice.VirtualDevice.Tests;

/// <summary>Where the virtual device keeps what the board keeps on <c>I:\</c>.</summary>
public sealed class DeviceStorageTests
{
    [Fact]
    public void AStorageFolderKeepsThePendingRenewalWhereTheBoardDoes()
    {
        using var dir = new TempDir();

        DeviceStorage storage = DeviceStorage.For(new VirtualDeviceOptions { StorageDirectory = dir.Path });

        Assert.Equal(Path.Combine(Path.GetFullPath(dir.Path), "awsiot.pending"), storage.Pending.Path);
        Assert.Equal(Path.Combine(Path.GetFullPath(dir.Path), "awsiot.settings"), storage.Settings.Path);
    }

    [Fact]
    public void ASettingsFileKeepsThePendingRenewalBesideIt()
    {
        using var dir = new TempDir();
        string settings = dir.File("my.settings");

        DeviceStorage storage = DeviceStorage.For(new VirtualDeviceOptions { SettingsPath = settings });

        Assert.Equal(Path.GetFullPath(settings) + ".pending", storage.Pending.Path);
    }

    [Fact]
    public void AFileGivenAsTheStorageFolderIsRefusedUpFront()
    {
        using var dir = new TempDir();
        string file = dir.File("awsiot.settings");
        File.WriteAllText(file, "wifi.ssid=x\n");

        var error = Assert.Throws<VirtualDeviceException>(() => DeviceStorage.For(new VirtualDeviceOptions { StorageDirectory = file }));

        Assert.Equal($"--storage {file} is a file; give a folder (it stands for the board's I:\\)", error.Message);
    }

    [Fact]
    public void NeitherOrBothAreRefusedInTheCommandsWording()
    {
        using var dir = new TempDir();

        var neither = Assert.Throws<VirtualDeviceException>(() => DeviceStorage.For(new VirtualDeviceOptions()));
        var both = Assert.Throws<VirtualDeviceException>(() => DeviceStorage.For(new VirtualDeviceOptions { StorageDirectory = dir.Path, SettingsPath = dir.File("a") }));

        Assert.Equal("give exactly one of --settings FILE and --storage DIR", neither.Message);
        Assert.Equal(neither.Message, both.Message);
    }

    [Fact]
    public void AnUnusableStorageFolderWithoutASerialLineOffersTheImportFile()
    {
        using var dir = new TempDir();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var error = Assert.Throws<VirtualDeviceException>(() => VirtualDeviceRunner.Start(new VirtualDeviceOptions { StorageDirectory = dir.Path, Log = new RecordingLog() }, stop.Token));

        Assert.Contains("--serial", error.Message);
        Assert.EndsWith($", or copy an `iotctl provision --nanoff` device.import into {dir.Path}", error.Message);
    }

    [Fact]
    public void AStorageFolderThatCannotBeReadIsNamedWithItsFiles()
    {
        var error = new IOException("Permission denied");

        string storage = VirtualDeviceRunner.Unreadable(new VirtualDeviceOptions { StorageDirectory = "/mnt/board" }, error);
        string settings = VirtualDeviceRunner.Unreadable(new VirtualDeviceOptions { SettingsPath = "/etc/dev.settings" }, error);

        Assert.Equal("storage folder '/mnt/board' (awsiot.settings, device.import, awsiot.crash, awsiot.pending) cannot be read (IOException: Permission denied); check the path and its permissions", storage);
        Assert.StartsWith("settings file '/etc/dev.settings' cannot be read", settings);
    }
}
