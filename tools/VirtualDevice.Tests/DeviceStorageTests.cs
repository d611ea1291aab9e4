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
}
