using System.Security.Cryptography;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.CustomAuth.Signing;

namespace AwsIotDevice.Provisioning.Tests;

/// <summary>
/// Issue #12 item 5 on the host: <c>iotctl provision</c> refuses, before any SET, a plan that re-points a device holding
/// credentials without re-entering them; the firmware's own session serves a pseudo-terminal.
/// </summary>
public class CredentialPreflightTests
{
    private const string OtherEndpoint = "evil-ats.iot.us-east-1.amazonaws.com";

    private static readonly ProvisioningTimeouts Bounded = new() { Hello = TimeSpan.FromSeconds(3), Command = TimeSpan.FromSeconds(5), Commit = TimeSpan.FromSeconds(5) };

    private static DeviceSettings DeviceWithCredentials(RSA key)
    {
        DeviceSettings settings = TestData.DomainModeDevice();
        settings.Set(SettingKeys.AwsToken, TestData.Token);
        settings.Set(SettingKeys.AwsSignature, TokenSignature.Sign(key, TestData.Token));
        Assert.Empty(SettingsValidator.Validate(settings));
        return settings;
    }

    private static (int Exit, string Out, string Err) Run(ProvisionRequest request)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = Provisioner.Run(request, output, error, timeouts: Bounded);
        return (exit, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("aws.endpoint=" + OtherEndpoint, "aws.endpoint")]
    [InlineData("mqtt.clientId=device-999", "mqtt.clientId")]
    [InlineData("aws.authorizer=OtherAuthorizer", "aws.authorizer")]
    public void A_plan_that_repoints_the_device_without_its_credentials_is_refused_before_any_SET(string setting, string key)
    {
        (_, RSA rsa) = TestData.PrivateKeyFile();
        using (rsa)
        using (var device = new DeviceOnPty(DeviceWithCredentials(rsa)))
        {
            var (exit, output, error) = Run(new ProvisionRequest { Port = device.Port, Set = [setting, "wifi.ssid=Other Net"] });

            Assert.Equal(Provisioner.ExitBadInput, exit);
            Assert.StartsWith($"iotctl provision: {key} changes from ", error);
            Assert.Contains("add aws.token aws.signature to the plan (nothing was sent)", error);
            Assert.Single(error.TrimEnd().Split('\n'));
            Assert.DoesNotContain("SET ", output);
            Assert.DoesNotContain("ABORT", output);
            Assert.Equal(0, device.Store.Saves);
            Assert.Null(device.Host.Committed);
            TestData.AssertNoSecrets(output + error);
            Assert.Contains("staged=0", Run(new ProvisionRequest { Port = device.Port, Status = true }).Out);
        }
    }

    [Fact]
    public void A_plan_that_repoints_the_device_with_both_secrets_goes_through()
    {
        (string keyFile, RSA rsa) = TestData.PrivateKeyFile();
        using (rsa)
        using (var device = new DeviceOnPty(DeviceWithCredentials(rsa)))
        {
            var (exit, output, error) = Run(new ProvisionRequest
            {
                Port = device.Port,
                Set = ["aws.endpoint=" + OtherEndpoint, "aws.token=" + TestData.Token],
                SignWith = keyFile,
            });

            Assert.Equal(string.Empty, error);
            Assert.Equal(Provisioner.ExitOk, exit);
            Assert.Equal(OtherEndpoint, device.Stored!.Endpoint);
            Assert.Contains("COMMIT: OK committed", output);
        }
    }

    [Fact]
    public void A_plan_that_keeps_the_target_needs_no_secrets()
    {
        (_, RSA rsa) = TestData.PrivateKeyFile();
        using (rsa)
        using (var device = new DeviceOnPty(DeviceWithCredentials(rsa)))
        {
            var (exit, _, error) = Run(new ProvisionRequest { Port = device.Port, Set = ["aws.endpoint=abc123-ats.iot.eu-west-1.amazonaws.com", "wifi.ssid=Other Net"] });

            Assert.Equal(string.Empty, error);
            Assert.Equal(Provisioner.ExitOk, exit);
            Assert.Equal("Other Net", device.Stored!.WifiSsid);
        }
    }
}
