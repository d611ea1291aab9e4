using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.VirtualDevice.Tests.Support;
using AwsIotDevice.Emulator.Config;
using AwsIotDevice.Emulator.Server;
using AwsIotDevice.Emulator.Init;
using AwsIotDevice.Emulator.Logging;

namespace AwsIotDevice.VirtualDevice.Tests;

/// <summary>
/// The virtual device against the local AWS IoT Core custom-auth emulator (in-process, 127.0.0.1): the whole path of
/// the product, TLS with SNI and ALPN "mqtt", the custom-authorizer username, signature check, policy, publish.
/// </summary>
public sealed class EmulatorEndToEndTests
{
    [Fact]
    public async Task SignedTokenIsAcceptedAndTelemetryIsPublished()
    {
        using var dir = new TempDir();
        InitResult init = EmulatorInit.Run(new InitOptions { Directory = dir.File("emu"), HostName = "localhost", Port = 0 });
        var emulatorLog = new MemoryLogSink();
        await using EmulatorServer emulator = await EmulatorServer.StartAsync(ConfigLoader.Load(init.ConfigFile), new EmulatorServerOptions { Log = emulatorLog });
        string settingsPath = dir.File("device.settings");
        WriteSettings(settingsPath, init, emulator.Ports[0], init.Signature);
        var log = new RecordingLog();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        using var device = VirtualDeviceRunner.Start(settingsPath, init.CaFile, null, log, stop.Token);

        bool published = Wait.Until(() => device.GetStatus().Published >= 2, TimeSpan.FromSeconds(30));
        Assert.True(published, device.DescribeStatus() + "\n" + log.Text + "\n" + Describe(emulatorLog));
        Assert.Equal("mqtt", device.Link.NegotiatedApplicationProtocol);
        Assert.Contains(emulatorLog.Entries, e => e.Event == LogEvents.ConnectOk && e.ClientId == init.ClientId);
        Assert.DoesNotContain(init.Token, log.Text);
        Assert.DoesNotContain(init.Signature, log.Text);
    }

    [Fact]
    public async Task ForgedSignatureIsRefusedAndStatusSaysHow()
    {
        using var dir = new TempDir();
        InitResult init = EmulatorInit.Run(new InitOptions { Directory = dir.File("emu"), HostName = "localhost", Port = 0 });
        var emulatorLog = new MemoryLogSink();
        await using EmulatorServer emulator = await EmulatorServer.StartAsync(ConfigLoader.Load(init.ConfigFile), new EmulatorServerOptions { Log = emulatorLog });
        string settingsPath = dir.File("device.settings");
        string forged = Convert.ToBase64String(new byte[256]);
        WriteSettings(settingsPath, init, emulator.Ports[0], forged);
        var log = new RecordingLog();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        using var device = VirtualDeviceRunner.Start(settingsPath, init.CaFile, null, log, stop.Token);

        bool refused = Wait.Until(() => device.GetStatus().CountOf(Fault.ConnectRefused) >= 1, TimeSpan.FromSeconds(30));
        Assert.True(refused, device.DescribeStatus() + "\n" + log.Text + "\n" + Describe(emulatorLog));
        string status = device.DescribeStatus();
        Assert.Contains("lastFault=ConnectRefused", status);
        Assert.Contains("without CONNACK", status);
        Assert.Equal(0, device.GetStatus().Connects);

        // The emulator says why (what AWS hides in CloudWatch), and it was the signature, before any authorizer call.
        LogEntry refusal = Assert.Single(emulatorLog.Entries.Where(e => e.Event == LogEvents.Refused && e.ClientId == init.ClientId).Take(1));
        Assert.Contains("signature", $"{refusal.Reason} {refusal.Rule} {refusal.Hint}", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DomainModeReachesTheDomainConfigurationWithoutAlpn()
    {
        using var dir = new TempDir();
        InitResult init = EmulatorInit.Run(new InitOptions { Directory = dir.File("emu"), HostName = "localhost", Port = 0 });
        var emulatorLog = new MemoryLogSink();
        await using EmulatorServer emulator = await EmulatorServer.StartAsync(ConfigLoader.Load(init.ConfigFile), new EmulatorServerOptions { Log = emulatorLog });
        string settingsPath = dir.File("device.settings");
        WriteSettings(settingsPath, init, emulator.Ports[0], init.Signature, init.DomainName, DeviceSettings.ModeDomain);
        var log = new RecordingLog();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        using var device = VirtualDeviceRunner.Start(
            new VirtualDeviceOptions { SettingsPath = settingsPath, Trust = TrustAnchors.FromPemFile(init.CaFile), Log = log, LinkOptions = LoopbackFor(init.DomainName) },
            stop.Token);

        bool published = Wait.Until(() => device.GetStatus().Published >= 1, TimeSpan.FromSeconds(30));
        Assert.True(published, device.DescribeStatus() + "\n" + log.Text + "\n" + Describe(emulatorLog));
        Assert.Equal(string.Empty, device.Link.NegotiatedApplicationProtocol);
    }

    [Fact]
    public async Task DomainModeOnTheDefaultEndpointIsRefusedAsHttps()
    {
        using var dir = new TempDir();
        InitResult init = EmulatorInit.Run(new InitOptions { Directory = dir.File("emu"), HostName = "localhost", Port = 0 });
        var emulatorLog = new MemoryLogSink();
        await using EmulatorServer emulator = await EmulatorServer.StartAsync(ConfigLoader.Load(init.ConfigFile), new EmulatorServerOptions { Log = emulatorLog });
        string settingsPath = dir.File("device.settings");
        WriteSettings(settingsPath, init, emulator.Ports[0], init.Signature, "localhost", DeviceSettings.ModeDomain);
        var log = new RecordingLog();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        using var device = VirtualDeviceRunner.Start(settingsPath, init.CaFile, null, log, stop.Token);

        // No ALPN on the default endpoint means HTTPS to AWS: the CONNECT is never answered with a CONNACK.
        bool refused = Wait.Until(() => device.GetStatus().LastFault is Fault.ConnectRefused or Fault.TlsFailure, TimeSpan.FromSeconds(30));
        Assert.True(refused, device.DescribeStatus() + "\n" + log.Text + "\n" + Describe(emulatorLog));
        Assert.Equal(0, device.GetStatus().Connects);
        Assert.Contains(emulatorLog.Entries, e => e.Event == LogEvents.Refused);
    }

    private static TlsMqttLinkOptions LoopbackFor(string host) => new()
    {
        Resolver = (name, _) => Task.FromResult(
            string.Equals(name, host, StringComparison.OrdinalIgnoreCase) ? new[] { System.Net.IPAddress.Loopback } : []),
    };

    private static void WriteSettings(string path, InitResult init, int port, string signature, string endpoint = "localhost", string mode = DeviceSettings.ModeAlpn)
    {
        var settings = new DeviceSettings
        {
            WifiSsid = "host-network",
            Endpoint = endpoint,
            Port = port,
            Mode = mode,
            AuthorizerName = init.AuthorizerName,
            TokenKeyName = init.TokenKeyName,
            Token = init.Token,
            Signature = signature,
            ClientId = init.ClientId,
            Topic = init.Topic,
            IntervalSeconds = 1,
        };
        Assert.Empty(SettingsValidator.Validate(settings));
        new FileSettingsStore(path).Save(SettingsCodec.FormatForStorage(settings));
    }

    private static string Describe(MemoryLogSink log) =>
        string.Join('\n', log.Entries.Select(e => $"{e.Event} {e.Reason} {e.Rule} {e.Hint}"));
}
