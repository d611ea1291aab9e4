using AwsIotDevice.Core.Settings;
using AwsIotDevice.Core.Supervision;
using AwsIotDevice.VirtualDevice.Tests.Support;

namespace AwsIotDevice.VirtualDevice.Tests;

/// <summary>The whole virtual device (core supervisor + provisioning session + host adapters) against mosquitto over TLS.</summary>
public sealed class VirtualDeviceRunnerTests
{
    private const string Token = "tok-abcdef-123456";
    private const string Signature = "c2lnbmF0dXJlLWJ5dGVz+/w==";

    private static string[] ProvisioningCommands(int port) =>
    [
        "SET wifi.ssid host-network",
        "SET aws.endpoint localhost",
        $"SET aws.port {port}",
        "SET aws.mode domain",
        "SET aws.authorizer TestAuthorizer",
        $"SET aws.token {Token}",
        $"SET aws.signature {Signature}",
        "SET mqtt.clientId vdev-runner",
        "SET telemetry.topic dt/vdev-runner/telemetry",
        "SET telemetry.intervalSeconds 1",
    ];

    [Fact]
    public void NewDeviceIsProvisionedOverSerialThenPublishesAndAnswersStatus()
    {
        using var broker = Mosquitto.StartTls();
        using var dir = new TempDir();
        var serial = new MemorySerialLine();
        var log = new RecordingLog();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var device = VirtualDeviceRunner.Start(dir.File("settings.txt"), broker.CaPath, serial, log, stop.Token);

        Assert.StartsWith("OK HELLO", serial.Send("HELLO"));
        Assert.Contains("state=Provisioning", serial.Send("STATUS"));
        foreach (string command in ProvisioningCommands(broker.Port))
        {
            Assert.StartsWith("OK", serial.Send(command));
        }

        Assert.Equal("OK committed", serial.Send("COMMIT"));
        Assert.True(Wait.Until(() => device.GetStatus().Published >= 2, TimeSpan.FromSeconds(20)), device.DescribeStatus() + "\n" + log.Text + "\n" + broker.Log);

        string status = serial.Send("STATUS");
        Assert.Contains("state=Publishing", status);
        Assert.Contains("connected=1", status);
        Assert.True(File.Exists(dir.File("settings.txt")));
        Assert.Contains("Received PUBLISH from vdev-runner", broker.Log);
        Assert.DoesNotContain(Token, log.Text + status);
        Assert.DoesNotContain(Signature, log.Text + status);
    }

    [Fact]
    public void ProvisionedDeviceStartsPublishingAndSurvivesASeveredLinkAndAReboot()
    {
        using var broker = Mosquitto.StartTls();
        using var dir = new TempDir();
        string settingsPath = dir.File("settings.txt");
        WriteSettings(settingsPath, broker.Port);
        var serial = new MemorySerialLine();
        var log = new RecordingLog();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var device = VirtualDeviceRunner.Start(settingsPath, broker.CaPath, serial, log, stop.Token);
        Assert.True(Wait.Until(() => device.GetStatus().Published >= 1, TimeSpan.FromSeconds(20)), device.DescribeStatus() + "\n" + log.Text);

        device.Link.Sever();

        Assert.True(Wait.Until(() => device.GetStatus().Connects >= 2 && device.GetStatus().Connected, TimeSpan.FromSeconds(30)), device.DescribeStatus() + "\n" + log.Text);
        SupervisorStatus afterSever = device.GetStatus();
        Assert.True(afterSever.CountOf(Core.Abstractions.Fault.ConnectionLost) + afterSever.CountOf(Core.Abstractions.Fault.ClosedAfterConnack) >= 1, afterSever.Describe());

        Assert.Equal("OK rebooting", serial.Send("REBOOT"));
        Assert.True(Wait.Until(() => device.Boots == 2, TimeSpan.FromSeconds(15)), log.Text);
        Assert.True(Wait.Until(() => device.GetStatus().Published >= 1, TimeSpan.FromSeconds(20)), device.DescribeStatus() + "\n" + log.Text);
        Assert.Equal(1, device.GetStatus().Connects); // a reboot starts the counters from zero, like a board
    }

    [Fact]
    public void CommitWhilePublishingSwitchesTheRunningDeviceToTheNewSettings()
    {
        using var broker = Mosquitto.StartTls();
        using var dir = new TempDir();
        string settingsPath = dir.File("settings.txt");
        WriteSettings(settingsPath, broker.Port);
        var serial = new MemorySerialLine();
        var log = new RecordingLog();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var device = VirtualDeviceRunner.Start(settingsPath, broker.CaPath, serial, log, stop.Token);
        Assert.True(Wait.Until(() => device.GetStatus().Published >= 1, TimeSpan.FromSeconds(20)), device.DescribeStatus() + "\n" + log.Text);

        Assert.Equal("OK telemetry.topic=dt/vdev-runner/v2", serial.Send("SET telemetry.topic dt/vdev-runner/v2"));
        Assert.Equal("OK committed", serial.Send("COMMIT"));

        Assert.True(broker.WaitForLog("'dt/vdev-runner/v2'", TimeSpan.FromSeconds(20)), device.DescribeStatus() + "\n" + log.Text + "\n" + broker.Log);
        Assert.Contains("telemetry.topic=dt/vdev-runner/v2", File.ReadAllText(settingsPath));
        Assert.Equal(1, device.Boots);
    }

    [Fact]
    public void CommitOfANewWifiSsidWhileTheNetworkIsUpJoinsIt()
    {
        using var broker = Mosquitto.StartTls();
        using var dir = new TempDir();
        string settingsPath = dir.File("settings.txt");
        WriteSettings(settingsPath, broker.Port);
        var serial = new MemorySerialLine();
        var log = new RecordingLog();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var device = VirtualDeviceRunner.Start(settingsPath, broker.CaPath, serial, log, stop.Token);
        Assert.True(Wait.Until(() => device.GetStatus().Published >= 1, TimeSpan.FromSeconds(20)), device.DescribeStatus() + "\n" + log.Text);

        Assert.StartsWith("OK", serial.Send("SET wifi.ssid lab-network"));
        Assert.Equal("OK committed", serial.Send("COMMIT"));

        Assert.True(Wait.Until(() => device.Network.CurrentSsid == "lab-network", TimeSpan.FromSeconds(20)), device.DescribeStatus() + "\n" + log.Text);
        long published = device.GetStatus().Published;
        Assert.True(Wait.Until(() => device.GetStatus().Published > published, TimeSpan.FromSeconds(20)), device.DescribeStatus() + "\n" + log.Text);
        Assert.Contains("leaving network", log.Text);
    }

    [Fact]
    public void NetworkOutageIsReportedAndRecovered()
    {
        using var broker = Mosquitto.StartTls();
        using var dir = new TempDir();
        string settingsPath = dir.File("settings.txt");
        WriteSettings(settingsPath, broker.Port);
        var log = new RecordingLog();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var device = VirtualDeviceRunner.Start(settingsPath, broker.CaPath, null, log, stop.Token);
        Assert.True(Wait.Until(() => device.GetStatus().Connected, TimeSpan.FromSeconds(20)), device.DescribeStatus() + "\n" + log.Text);

        device.Network.SetDown(true);
        Assert.True(Wait.Until(() => device.GetStatus().CountOf(Core.Abstractions.Fault.NetworkDown) >= 1, TimeSpan.FromSeconds(20)), device.DescribeStatus());
        device.Network.SetDown(false);

        Assert.True(Wait.Until(() => device.GetStatus().Connected && device.GetStatus().Connects >= 2, TimeSpan.FromSeconds(30)), device.DescribeStatus() + "\n" + log.Text);
    }

    [Fact]
    public void UntrustedBrokerShowsTheTlsReasonInStatus()
    {
        using var broker = Mosquitto.StartTls();
        using var dir = new TempDir();
        string settingsPath = dir.File("settings.txt");
        WriteSettings(settingsPath, broker.Port);
        string otherCa = TestPki.Create("Not The Broker CA").WriteCaPem(dir.Path, "other-ca.pem");
        var serial = new MemorySerialLine();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var device = VirtualDeviceRunner.Start(settingsPath, otherCa, serial, new RecordingLog(), stop.Token);

        Assert.True(Wait.Until(() => device.GetStatus().CountOf(Core.Abstractions.Fault.TlsFailure) >= 1, TimeSpan.FromSeconds(20)), device.DescribeStatus());

        string status = serial.Send("STATUS");
        Assert.Contains("lastFault=TlsFailure", status);
        Assert.Contains("untrusted root", status);
    }

    [Fact]
    public void MissingSettingsWithoutASerialLineIsAUserError()
    {
        using var dir = new TempDir();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var error = Assert.Throws<VirtualDeviceException>(() => VirtualDeviceRunner.Start(dir.File("none.txt"), null, null, new RecordingLog(), stop.Token));

        Assert.Contains("none.txt", error.Message);
        Assert.Contains("--serial", error.Message);
    }

    [Fact]
    public async Task CancellingTheTokenStopsTheDevice()
    {
        using var dir = new TempDir();
        using var stop = new CancellationTokenSource();
        var serial = new MemorySerialLine();
        var device = VirtualDeviceRunner.Start(dir.File("settings.txt"), null, serial, new RecordingLog(), stop.Token);

        stop.Cancel();

        Task finished = await Task.WhenAny(device.Completion, Task.Delay(TimeSpan.FromSeconds(15)));
        Assert.True(finished == device.Completion, "the device did not stop within 15 s");
    }

    private static void WriteSettings(string path, int port)
    {
        var settings = new DeviceSettings
        {
            WifiSsid = "host-network",
            Endpoint = "localhost",
            Port = port,
            Mode = DeviceSettings.ModeDomain,
            AuthorizerName = "TestAuthorizer",
            Token = Token,
            Signature = Signature,
            ClientId = "vdev-runner",
            Topic = "dt/vdev-runner/telemetry",
            IntervalSeconds = 1,
        };
        Assert.Empty(SettingsValidator.Validate(settings));
        new FileSettingsStore(path).Save(SettingsCodec.FormatForStorage(settings));
    }
}
