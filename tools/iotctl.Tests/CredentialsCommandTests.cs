using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AwsIotDevice.Core.Auth;
using AwsIotDevice.Core.Credentials;
using AwsIotDevice.CustomAuth.Renewal;
using AwsIotDevice.CustomAuth.Signing;
using AwsIotDevice.CustomAuth.Tokens;
using AwsIotDevice.CustomAuthMqttClient;
using AwsIotDevice.Emulator.Config;
using AwsIotDevice.Emulator.Init;
using AwsIotDevice.Emulator.Server;
using AwsIotDevice.VirtualDevice;
using MQTTnet;
using MQTTnet.Protocol;

namespace AwsIotDevice.Iotctl.Tests;

/// <summary>
/// <c>iotctl credentials keygen|renew</c>: the message the device believes, never printed unless asked, the AWS command,
/// and a renewal through the running emulator to a device (firmware Core's verifier and acknowledgement on an MQTTnet
/// client) and back.
/// </summary>
public class CredentialsCommandTests
{
    private static (string Dir, string PrivateKey, string RenewalKey) Setup()
    {
        string dir = Cli.TempDir();
        Assert.Equal(0, Cli.Run("keygen", "--out", Path.Combine(dir, "keys")).ExitCode);
        string renewalKey = Path.Combine(dir, "renewal.key");
        Cli.Result keygen = Cli.Run("credentials", "keygen", "--out", renewalKey);
        Assert.True(keygen.ExitCode == 0, keygen.Err);
        return (dir, Path.Combine(dir, "keys", "private.pem"), renewalKey);
    }

    private static RenewalVerdict VerifyOnDevice(string message, string renewalKeyFile, string currentToken, long now)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(message);
        return RenewalVerifier.Verify(bytes, 0, bytes.Length, "device-01", currentToken, RenewalKeyFile.Load(renewalKeyFile), new HostHmacSha256(), now);
    }

    [Fact]
    public void Keygen_WritesAnOwnerOnlyKeyTheDeviceAccepts_AndNeverReplacesItSilently()
    {
        var (dir, _, renewalKey) = Setup();
        string content = File.ReadAllText(renewalKey).Trim();
        var settings = new AwsIotDevice.Core.Settings.DeviceSettings { RenewalKey = content };
        Assert.NotNull(AwsIotDevice.Core.Settings.RenewalSettingRules.KeyOf(settings));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(renewalKey));
        }

        Cli.Result again = Cli.Run("credentials", "keygen", "--out", renewalKey);
        Cli.AssertOneLineError(again, 2, "already exists");
        Assert.Equal(content, File.ReadAllText(renewalKey).Trim());
        Assert.DoesNotContain(content, again.All);
        _ = dir;
    }

    [Fact]
    public void Renew_Out_WritesAMessageTheDeviceBelieves_AndPrintsNoSecret()
    {
        var (dir, key, renewalKey) = Setup();
        string outFile = Path.Combine(dir, "renewal.json");

        Cli.Result result = Cli.Run("credentials", "renew", "--client-id", "device-01", "--key", key, "--renewal-key-file", renewalKey,
            "--expires-in", "90d", "--now", "2026-12-01T00:00:00Z", "--out", outFile);

        Assert.True(result.ExitCode == 0, result.Err);
        Assert.Contains("new token expires 2027-03-01T00:00:00Z; topic devices/device-01/credentials", result.Out);
        string message = File.ReadAllText(outFile).Trim();
        Assert.DoesNotContain("v1.ZGV2aWNlLTAx", result.All);
        Assert.DoesNotContain(JsonDocument.Parse(message).RootElement.GetProperty("signature").GetString()!, result.All);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(outFile));
        }

        RenewalVerdict verdict = VerifyOnDevice(message, renewalKey, "v1.ZGV2aWNlLTAx.1798761600", DateTimeOffset.Parse("2026-12-02T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds());
        Assert.True(verdict.Ok, verdict.Reason + " " + verdict.Detail);
        Assert.Equal(DateTimeOffset.Parse("2027-03-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds(), verdict.ExpiresAt);

        Cli.AssertOneLineError(Cli.Run("credentials", "renew", "--client-id", "device-01", "--key", key, "--renewal-key-file", renewalKey, "--expires-in", "90d", "--out", outFile), 2, "already exists");
    }

    [Fact]
    public void Renew_Stdout_PrintsOnlyTheMessageOnStdout_WithNotBefore()
    {
        var (_, key, renewalKey) = Setup();

        Cli.Result result = Cli.Run("credentials", "renew", "--client-id", "device-01", "--key", key, "--renewal-key-file", renewalKey,
            "--expires-in", "30d", "--not-before", "1800000000", "--now", "1799000000", "--stdout");

        Assert.True(result.ExitCode == 0, result.Err);
        using JsonDocument doc = JsonDocument.Parse(result.Out);
        Assert.Equal(1800000000, doc.RootElement.GetProperty("notBefore").GetInt64());
        Assert.Equal("device-01", doc.RootElement.GetProperty("clientId").GetString());
        Assert.Contains("usable from", result.Err);
        Assert.DoesNotContain("v1.", result.Err);
    }

    [Fact]
    public void Renew_Endpoint_PrintsTheAwsIotDataPublishCommand()
    {
        var (dir, key, renewalKey) = Setup();
        string outFile = Path.Combine(dir, "r.json");

        Cli.Result result = Cli.Run("credentials", "renew", "--client-id", "device-01", "--key", key, "--renewal-key-file", renewalKey,
            "--expires-in", "90d", "--out", outFile, "--endpoint", "abc123-ats.iot.eu-west-1.amazonaws.com", "--topic-prefix", "fleet");

        Assert.True(result.ExitCode == 0, result.Err);
        Assert.Contains($"aws iot-data publish --endpoint-url https://abc123-ats.iot.eu-west-1.amazonaws.com --region eu-west-1 --topic fleet/device-01/credentials --qos 1 --payload fileb://{outFile}", result.Out);
        Assert.Contains("iot:Publish on arn:aws:iot:<region>:<account>:topic/fleet/*/credentials", result.Out);
        Assert.Contains("fleet/device-01/credentials/ack", result.Out);
    }

    [Theory]
    [InlineData("nothing to do")]
    [InlineData("give --out FILE too", "--endpoint", "h.example.com")]
    [InlineData("not both", "--emulator", "e.json", "--endpoint", "h.example.com", "--out", "x")]
    [InlineData("are for --emulator", "--stdout", "--wait-ack", "10s")]
    public void Renew_UsageErrorsAreOneLine(string expected, params string[] extra)
    {
        var (_, key, renewalKey) = Setup();
        string[] args = ["credentials", "renew", "--client-id", "device-01", "--key", key, "--renewal-key-file", renewalKey, "--expires-in", "90d", .. extra];
        Cli.AssertOneLineError(Cli.Run(args), 2, expected);
    }

    [Fact]
    public void Renew_RefusesAWrongRenewalKeyFile_WithoutQuotingIt()
    {
        var (dir, key, _) = Setup();
        string bad = Path.Combine(dir, "bad.key");
        File.WriteAllText(bad, "c2hvcnQ=");
        Cli.Result result = Cli.Run("credentials", "renew", "--client-id", "device-01", "--key", key, "--renewal-key-file", bad, "--expires-in", "90d", "--stdout");
        Cli.AssertOneLineError(result, 2, "is not a renewal key");
        Assert.DoesNotContain("c2hvcnQ", result.Err);
    }

    [Fact]
    public async Task Renew_Emulator_ReachesTheDeviceAndPrintsItsAcknowledgement()
    {
        string dir = Cli.TempDir();
        InitResult init = EmulatorInit.Run(new InitOptions { Directory = Path.Combine(dir, "emu"), Port = 0 });
        await using EmulatorServer emulator = await EmulatorServer.StartAsync(ConfigLoader.Load(init.ConfigFile));
        int port = emulator.Ports[0];
        string renewalKey = Path.Combine(dir, "renewal.key");
        RenewalKeyFile.Generate(renewalKey, overwrite: false);
        string currentToken = AuthToken.Create("device-01", DateTimeOffset.UtcNow.AddDays(3)).Encode();

        // The device: its token signed with the emulator's authorizer key; Core's verifier and acknowledgement.
        using RSA authorizerKey = RsaKeyFile.LoadPrivateKey(init.PrivateKeyFile);
        var endpoint = new CustomAuthEndpoint { ConnectHost = "127.0.0.1", Port = port, ServerName = init.Host, Trust = CustomAuthMqttOptions.LoadTrust(init.CaFile) };
        string username = AuthUsername.Build("device", init.AuthorizerName, TokenSignature.Sign(authorizerKey, currentToken), init.TokenKeyName, currentToken);
        using IMqttClient device = new MqttClientFactory().CreateMqttClient();
        var verdicts = new TaskCompletionSource<RenewalVerdict>(TaskCreationOptions.RunContinuationsAsynchronously);
        device.ApplicationMessageReceivedAsync += async e =>
        {
            byte[] payload = e.ApplicationMessage.Payload.ToArray();
            RenewalVerdict verdict = RenewalVerifier.Verify(payload, 0, payload.Length, "device-01", currentToken, RenewalKeyFile.Load(renewalKey), new HostHmacSha256(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            string ack = RenewalAck.Format("device-01", verdict.Ok, verdict.Reason, verdict.Detail, verdict.ExpiresAt, verdict.ExpiresAt);
            await device.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("devices/device-01/credentials/ack").WithPayload(ack).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            verdicts.TrySetResult(verdict);
        };
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await device.ConnectAsync(CustomAuthMqttOptions.Create(endpoint, "device-01", username), limit.Token);
        await device.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("devices/device-01/credentials", MqttQualityOfServiceLevel.AtLeastOnce).Build(), limit.Token);

        Cli.Result result = await Task.Run(() => Cli.Run("credentials", "renew", "--client-id", "device-01", "--key", init.PrivateKeyFile, "--renewal-key-file", renewalKey,
            "--expires-in", "90d", "--emulator", init.ConfigFile, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--wait-ack", "20s"));

        Assert.True(result.ExitCode == 0, result.Err);
        RenewalVerdict seen = await verdicts.Task.WaitAsync(limit.Token);
        Assert.True(seen.Ok, seen.Reason + " " + seen.Detail);
        Assert.Contains("as backend 'iotctl-backend'", result.Out);
        Assert.Contains("device acknowledgement on devices/device-01/credentials/ack: {\"v\":1,\"clientId\":\"device-01\",\"status\":\"accepted\"", result.Out);
        Assert.DoesNotContain(seen.Token!, result.All);
    }

    [Fact]
    public void Renew_Emulator_WithAPortZeroConfigAndNoPortSaysWhatToDo()
    {
        string dir = Cli.TempDir();
        InitResult init = EmulatorInit.Run(new InitOptions { Directory = Path.Combine(dir, "emu"), Port = 0 });
        string renewalKey = Path.Combine(dir, "renewal.key");
        RenewalKeyFile.Generate(renewalKey, overwrite: false);

        Cli.Result result = Cli.Run("credentials", "renew", "--client-id", "device-01", "--key", init.PrivateKeyFile, "--renewal-key-file", renewalKey, "--expires-in", "90d", "--emulator", init.ConfigFile);

        Cli.AssertOneLineError(result, 2, "pass --port");
    }
}
