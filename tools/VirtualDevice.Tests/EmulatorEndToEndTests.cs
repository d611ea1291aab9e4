using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.CustomAuth.Tokens;
using AwsIotDevice.VirtualDevice.Tests.Support;
using AwsIotDevice.Emulator.Logging;

namespace AwsIotDevice.VirtualDevice.Tests;

/// <summary>
/// The virtual device against the local AWS IoT Core custom-auth emulator (in-process, 127.0.0.1) as <c>emulator init</c>
/// sets it up, in every mode: wss (default endpoint, no ALPN, credentials in the upgrade headers or query), alpn (default
/// endpoint, ALPN mqtt, credentials in the username), domain (the CUSTOM_AUTH + SECURE_MQTT domain configuration by SNI,
/// no ALPN); and the authorizer's refusals as the device reports them.
/// </summary>
public sealed class EmulatorEndToEndTests
{
    [Theory]
    [InlineData(DeviceSettings.ModeWss, DeviceSettings.WssCredentialsHeaders)]
    [InlineData(DeviceSettings.ModeWss, DeviceSettings.WssCredentialsQuery)]
    [InlineData(DeviceSettings.ModeAlpn, DeviceSettings.WssCredentialsHeaders)]
    [InlineData(DeviceSettings.ModeDomain, DeviceSettings.WssCredentialsHeaders)]
    public async Task SignedTokenIsAcceptedAndTelemetryIsPublishedInEveryMode(string mode, string credentials)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        string endpoint = mode == DeviceSettings.ModeDomain ? emu.Init.DomainName : "localhost";
        string settingsPath = emu.WriteSettings(endpoint, mode, emu.Init.Token, emu.Init.Signature, emu.Init.ClientId, credentials);
        var log = new RecordingLog();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        using var device = emu.Start(settingsPath, log, stop.Token);

        bool published = Wait.Until(() => device.GetStatus().Published >= 2, TimeSpan.FromSeconds(30));
        Assert.True(published, device.DescribeStatus() + "\n" + log.Text + "\n" + emu.Describe());
        Assert.Equal(mode == DeviceSettings.ModeAlpn ? "mqtt" : string.Empty, device.Link.NegotiatedApplicationProtocol);
        LogEntry ok = Assert.Single(emu.Log.Entries.Where(e => e.Event == LogEvents.ConnectOk && e.ClientId == emu.Init.ClientId).Take(1));
        Assert.Equal(endpoint, ok.Sni);
        Assert.Equal(mode == DeviceSettings.ModeWss ? "websocket" : null, ok.Details?.GetValueOrDefault("transport"));
        Assert.Contains($"mode={mode}", log.Text);
        Assert.DoesNotContain(emu.Init.Token, log.Text + device.DescribeStatus());
        Assert.DoesNotContain(emu.Init.Signature, log.Text + device.DescribeStatus());
    }

    public static TheoryData<string, string> WssRefusals => new()
    {
        { "forged signature", "signature" },
        { "expired token", "expired" },
        { "token of another client", "issued for client id" },
    };

    [Theory]
    [MemberData(nameof(WssRefusals))]
    public async Task AuthorizerRefusalsOverWssAreConnectRefusedAndTheEmulatorSaysWhy(string refusal, string emulatorReason)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        (string token, string signature) = refusal switch
        {
            "forged signature" => (emu.Init.Token, Convert.ToBase64String(new byte[256])),
            "expired token" => emu.Sign(AuthToken.Create(emu.Init.ClientId, DateTimeOffset.UtcNow.AddHours(-1)).Encode()),
            _ => emu.Sign(AuthToken.Create("someone-else", DateTimeOffset.UtcNow.AddDays(1)).Encode()),
        };
        string settingsPath = emu.WriteSettings("localhost", DeviceSettings.ModeWss, token, signature, emu.Init.ClientId, DeviceSettings.WssCredentialsHeaders);
        var log = new RecordingLog();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        using var device = emu.Start(settingsPath, log, stop.Token);

        // A refusal the token's own expiry explains is reported as such; the others as the broker's refusal.
        Fault expected = refusal == "expired token" ? Fault.TokenExpired : Fault.ConnectRefused;
        bool refused = Wait.Until(() => device.GetStatus().CountOf(expected) >= 1, TimeSpan.FromSeconds(30));
        Assert.True(refused, device.DescribeStatus() + "\n" + log.Text + "\n" + emu.Describe());
        string status = device.DescribeStatus();
        Assert.Contains($"lastFault={FaultNames.Of(expected)}", status);
        Assert.Contains(expected == Fault.TokenExpired ? "which expired at" : "before CONNACK", status);
        Assert.Equal(0, device.GetStatus().Connects);
        Assert.DoesNotContain(token, log.Text + status);
        Assert.DoesNotContain(signature, log.Text + status);

        // The emulator says why (what AWS hides in CloudWatch).
        LogEntry entry = Assert.Single(emu.Log.Entries.Where(e => e.Event == LogEvents.Refused && e.ClientId == emu.Init.ClientId).Take(1));
        Assert.Contains(emulatorReason, $"{entry.Reason} {entry.Rule} {entry.Hint}", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RawMqttWithoutAlpnOnTheDefaultEndpointIsRefusedAsHttps()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        string settingsPath = emu.WriteSettings("localhost", DeviceSettings.ModeDomain, emu.Init.Token, emu.Init.Signature, emu.Init.ClientId, DeviceSettings.WssCredentialsHeaders);
        var log = new RecordingLog();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        using var device = emu.Start(settingsPath, log, stop.Token);

        // No ALPN on the default endpoint means HTTPS to AWS: an MQTT CONNECT there is never answered with a CONNACK.
        bool refused = Wait.Until(() => device.GetStatus().LastFault is Fault.ConnectRefused or Fault.TlsFailure, TimeSpan.FromSeconds(30));
        Assert.True(refused, device.DescribeStatus() + "\n" + log.Text + "\n" + emu.Describe());
        Assert.Equal(0, device.GetStatus().Connects);
        Assert.Contains(emu.Log.Entries, e => e.Event == LogEvents.Refused && (e.Rule ?? string.Empty).Contains("HTTPS", StringComparison.Ordinal));
    }
}
