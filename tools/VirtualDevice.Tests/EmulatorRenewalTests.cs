using System.Text.Json;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Credentials;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.CustomAuth.Renewal;
using AwsIotDevice.CustomAuth.Signing;
using AwsIotDevice.CustomAuth.Tokens;
using AwsIotDevice.CustomAuthMqttClient;
using AwsIotDevice.Emulator.Logging;
using AwsIotDevice.VirtualDevice.Tests.Support;

namespace AwsIotDevice.VirtualDevice.Tests;

/// <summary>
/// Credential renewal end to end: the emulator's backend principal publishes a renewal (as <c>iotctl credentials renew
/// --emulator</c> does), the virtual device verifies it, reconnects with the new token, keeps it, stores it and
/// acknowledges; a forged one is refused and acknowledged as such. Everything on 127.0.0.1, bounded.
/// </summary>
public sealed class EmulatorRenewalTests
{
    private static readonly TimeSpan AckWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ARenewalFromTheBackendIsVerifiedUsedStoredAndAcknowledged()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        byte[] key = RandomKey();
        (string oldToken, string oldSignature) = emu.Sign(AuthToken.Create(emu.Init.ClientId, DateTimeOffset.UtcNow.AddDays(2)).Encode());
        string settingsPath = emu.WriteSettings("localhost", DeviceSettings.ModeWss, oldToken, oldSignature, emu.Init.ClientId, DeviceSettings.WssCredentialsHeaders, Convert.ToBase64String(key));
        var log = new RecordingLog();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var device = emu.Start(settingsPath, log, stop.Token);
        Assert.True(Wait.Until(() => device.GetStatus().Published >= 2, TimeSpan.FromSeconds(30)), device.DescribeStatus() + "\n" + log.Text);
        Assert.True(Wait.Until(() => log.Text.Contains("connected (CONNACK"), TimeSpan.FromSeconds(5)));

        DateTimeOffset newExpiry = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(90).ToUnixTimeSeconds());
        (string newToken, string newSignature) = emu.Sign(AuthToken.Create(emu.Init.ClientId, newExpiry).Encode());
        string ack = await PublishAsync(emu, RenewalMessageBuilder.Build(emu.Init.ClientId, newToken, newSignature, 0, key), stop.Token);

        using JsonDocument answer = JsonDocument.Parse(ack);
        Assert.Equal("accepted", answer.RootElement.GetProperty("status").GetString());
        Assert.Equal(newExpiry.ToUnixTimeSeconds(), answer.RootElement.GetProperty("expiresAt").GetInt64());
        SettingsParseResult stored = SettingsCodec.Parse(new FileSettingsStore(settingsPath).Load()!);
        Assert.Equal(newToken, stored.Settings.Token);
        Assert.Equal(newSignature, stored.Settings.Signature);
        Assert.Equal(2, emu.Log.Entries.Count(e => e.Event == LogEvents.ConnectOk && e.ClientId == emu.Init.ClientId));

        long before = device.GetStatus().Published;
        Assert.True(Wait.Until(() => device.GetStatus().Published >= before + 2, TimeSpan.FromSeconds(30)), device.DescribeStatus());
        string status = device.DescribeStatus();
        Assert.Contains($"tokenExpiresAt={UnixTime.Format(newExpiry.ToUnixTimeSeconds())}", status);
        Assert.Contains("lastRenewal=accepted", status);
        Assert.Equal(0L, device.GetStatus().Dropped);
        Assert.DoesNotContain(newToken, log.Text + status);
        Assert.DoesNotContain(newSignature, log.Text + status);
        Assert.DoesNotContain(Convert.ToBase64String(key), log.Text + status);
    }

    [Fact]
    public async Task AForgedRenewalIsRefusedLoggedAndAcknowledgedAsRejected()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        byte[] key = RandomKey();
        string settingsPath = emu.WriteSettings("localhost", DeviceSettings.ModeWss, emu.Init.Token, emu.Init.Signature, emu.Init.ClientId, DeviceSettings.WssCredentialsHeaders, Convert.ToBase64String(key));
        var log = new RecordingLog();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var device = emu.Start(settingsPath, log, stop.Token);
        Assert.True(Wait.Until(() => device.GetStatus().Published >= 2, TimeSpan.FromSeconds(30)), device.DescribeStatus() + "\n" + log.Text);

        (string newToken, string newSignature) = emu.Sign(AuthToken.Create(emu.Init.ClientId, DateTimeOffset.UtcNow.AddDays(90)).Encode());
        string ack = await PublishAsync(emu, RenewalMessageBuilder.Build(emu.Init.ClientId, newToken, newSignature, 0, RandomKey()), stop.Token);

        using JsonDocument answer = JsonDocument.Parse(ack);
        Assert.Equal("rejected", answer.RootElement.GetProperty("status").GetString());
        Assert.Equal(RenewalReasons.BadMac, answer.RootElement.GetProperty("reason").GetString());
        Assert.Contains("refused a renewal (bad-mac)", log.Text);
        Assert.Equal(emu.Init.Token, SettingsCodec.Parse(new FileSettingsStore(settingsPath).Load()!).Settings.Token);
        Assert.Equal(1, emu.Log.Entries.Count(e => e.Event == LogEvents.ConnectOk && e.ClientId == emu.Init.ClientId));
    }

    private static byte[] RandomKey() => System.Security.Cryptography.RandomNumberGenerator.GetBytes(RenewalSettingRules.KeyBytes);


    // As the backend principal, bounded by AckWait.
    private static async Task<string> PublishAsync(EmulatorFixture emu, string message, CancellationToken ct)
    {
        EmulatorBackend backend = EmulatorBackend.FromConfig(emu.Init.ConfigFile, emu.Port);
        using var rsa = RsaKeyFile.LoadPrivateKey(emu.Init.PrivateKeyFile);
        string topic = CredentialTopics.CredentialsTopic(emu.Init.Topic, emu.Init.ClientId)!;
        string ackTopic = CredentialTopics.AckTopic(emu.Init.Topic, emu.Init.ClientId)!;
        string? ack = await EmulatorRenewalPublisher.PublishAsync(backend, rsa, topic, ackTopic, message, AckWait, ct);
        Assert.NotNull(ack);
        return ack!;
    }
}
