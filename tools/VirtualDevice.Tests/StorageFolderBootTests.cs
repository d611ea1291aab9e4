using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Boot;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.VirtualDevice.Tests.Support;

namespace AwsIotDevice.VirtualDevice.Tests;

/// <summary>
/// The virtual device with a storage folder standing for the board's <c>I:\</c>: what <c>iotctl provision --nanoff</c>
/// writes, copied in by hand, boots a device that connects to the emulator; a bad import leaves the old settings in
/// force; crashes are recorded there and three quick ones enter safe mode.
/// </summary>
public sealed class StorageFolderBootTests
{
    [Fact]
    public async Task AnImportFromProvisionNanoffBootsADeviceThatConnects()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        string importFile = emu.ProvisionNanoff(emu.Settings(emu.Init.ClientId));
        string storage = emu.Dir.File("storage");
        Directory.CreateDirectory(storage);
        File.Copy(importFile, Path.Combine(storage, "device.import"));
        var log = new RecordingLog();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        using var device = emu.StartWithStorage(storage, log, stop.Token);

        bool published = Wait.Until(() => device.GetStatus().Published >= 1, TimeSpan.FromSeconds(30));
        Assert.True(published, device.DescribeStatus() + "\n" + log.Text);
        Assert.Contains("lastImport=applied", device.DescribeStatus());
        Assert.False(File.Exists(Path.Combine(storage, "device.import")), "no secret left lying around");
        Assert.Contains($"mqtt.clientId={emu.Init.ClientId}", File.ReadAllText(Path.Combine(storage, "awsiot.settings")));
        Assert.Contains("settings imported from the import file", log.Text);
        Assert.DoesNotContain(emu.Init.Token, log.Text + device.DescribeStatus());
        Assert.DoesNotContain(emu.Init.Signature, log.Text + device.DescribeStatus());
    }

    [Fact]
    public async Task ATornImportLeavesTheOldSettingsInForce()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        string storage = emu.Dir.File("storage");
        Directory.CreateDirectory(storage);
        string settingsPath = Path.Combine(storage, "awsiot.settings");
        DeviceSettings old = emu.Settings(emu.Init.ClientId);
        new FileSettingsStore(settingsPath).Save(SettingsCodec.FormatForStorage(old));
        DeviceSettings other = emu.Settings("someone-else");
        byte[] import = File.ReadAllBytes(emu.ProvisionNanoff(other));
        File.WriteAllBytes(Path.Combine(storage, "device.import"), import[..(import.Length - 10)]);
        string before = File.ReadAllText(settingsPath);
        var log = new RecordingLog();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        using var device = emu.StartWithStorage(storage, log, stop.Token);

        bool published = Wait.Until(() => device.GetStatus().Published >= 1, TimeSpan.FromSeconds(30));
        Assert.True(published, device.DescribeStatus() + "\n" + log.Text);
        Assert.Contains("lastImport=rejected:torn", device.DescribeStatus());
        Assert.Contains("import refused (torn)", log.Text);
        Assert.Equal(before, File.ReadAllText(settingsPath));
        Assert.False(File.Exists(Path.Combine(storage, "device.import")), "refused imports are removed, not retried at every boot");
        Assert.DoesNotContain(emu.Init.Signature, log.Text + device.DescribeStatus());
    }

    [Fact]
    public void ThreeCrashesEnterSafeModeAndStatusShowsIt()
    {
        using var dir = new TempDir();
        string storage = dir.File("storage");
        Directory.CreateDirectory(storage);
        var settings = new DeviceSettings
        {
            WifiSsid = "host-network",
            Endpoint = "localhost",
            Port = 9,
            AuthorizerName = "TestAuthorizer",
            Token = "tok-SECRET-crash",
            Signature = Convert.ToBase64String(new byte[256]),
            ClientId = "vdev-crash",
            Topic = "dt/vdev-crash",
            IntervalSeconds = 1,
        };
        new FileSettingsStore(Path.Combine(storage, "awsiot.settings")).Save(SettingsCodec.FormatForStorage(settings));
        int samples = 0;
        var serial = new MemorySerialLine();
        var log = new RecordingLog();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        using var device = VirtualDeviceRunner.Start(
            new VirtualDeviceOptions
            {
                StorageDirectory = storage,
                Serial = serial,
                Log = log,
                CrashRebootDelayMs = 50,
                Sensors = () => new ThrowingSensors(() => Interlocked.Increment(ref samples) <= CrashGuard.LoopCrashes),
            },
            stop.Token);

        bool safe = Wait.Until(() => device.Boots == 4 && device.Plan.SafeMode, TimeSpan.FromSeconds(30));
        Assert.True(safe, $"boots={device.Boots}\n{log.Text}");
        string status = serial.Send("STATUS");
        Assert.True(status.Contains("crashReboots=3"), status + "\n" + log.Text);
        Assert.Contains("safeMode=1", status);
        Assert.Contains("lastCrash=\"System.InvalidOperationException: sensor bus stuck\"", status);
        Assert.Contains("crashes=3", File.ReadAllText(Path.Combine(storage, "awsiot.crash")));
        Assert.DoesNotContain("tok-SECRET-crash", log.Text + status + File.ReadAllText(Path.Combine(storage, "awsiot.crash")));
    }

    [Fact]
    public void StatusShowsTheQueueBoundFromTheReportedHeap()
    {
        using var dir = new TempDir();
        var serial = new MemorySerialLine();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var device = VirtualDeviceRunner.Start(
            new VirtualDeviceOptions { StorageDirectory = dir.File("storage"), Serial = serial, Log = new RecordingLog(), FreeHeapBytes = QueueBudget.ReserveBytes + (60 * QueueBudget.BytesPerSlot) },
            stop.Token);

        string status = serial.Send("STATUS");
        Assert.Contains("queueCapacity=60 queueMax=60", status);
        Assert.StartsWith("ERR", serial.Send("SET telemetry.queueCapacity 61"));
    }

    /// <summary>A sensor that throws while <c>fail()</c> says so (a stuck bus), then reads nothing.</summary>
    private sealed class ThrowingSensors(Func<bool> fail) : ISensors
    {
        public void Sample(Core.Telemetry.Reading into)
        {
            if (fail())
            {
                throw new InvalidOperationException("sensor bus stuck");
            }
        }
    }
}
