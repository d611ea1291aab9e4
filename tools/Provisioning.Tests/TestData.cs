using System.Security.Cryptography;
using AwsIotDevice.Core.Settings;

namespace AwsIotDevice.Provisioning.Tests;

/// <summary>Settings, secrets and keys for the tests. The secrets are distinctive so a leak is easy to find.</summary>
internal static class TestData
{
    public const string WifiPassword = "WIFI-SECRET-7f3a91";
    public const string Token = "TOKEN-SECRET-c0ffee";
    public const string MqttPassword = "MQTT-SECRET-b16b00b5";

    /// <summary>Every secret string (and distinctive parts of them) that must never appear in tool output.</summary>
    public static readonly string[] SecretMarkers = [WifiPassword, Token, MqttPassword, "7f3a91", "c0ffee", "b16b00b5"];

    /// <summary>A complete, valid alpn-mode configuration in the codec format, one escaped value included.</summary>
    public static string SettingsFileText(bool withToken = true) =>
        "# test device\n"
        + "wifi.ssid=Test Net ☕\n"
        + $"wifi.password={WifiPassword}\n"
        + "aws.endpoint=abc123-ats.iot.eu-west-1.amazonaws.com\n"
        + "aws.port=443\n"
        + "aws.mode=alpn\n"
        + "aws.authorizer=DeviceAuthorizer\n"
        + "aws.tokenKeyName=token\n"
        + (withToken ? $"aws.token={Token}\n" : string.Empty)
        + "mqtt.clientId=device-001\r\n"
        + "mqtt.username=domain\\\\device\n"
        + $"mqtt.password={MqttPassword}\n"
        + "telemetry.topic=devices/device-001/telemetry\n";

    /// <summary>
    /// A valid configuration in domain mode on port 8883 with an AWS endpoint, as a device might already hold
    /// (alpn mode would need port 443 there).
    /// </summary>
    public static DeviceSettings DomainModeDevice()
    {
        var settings = new DeviceSettings();
        settings.Set(SettingKeys.WifiSsid, "Old Net");
        settings.Set(SettingKeys.AwsEndpoint, "abc123-ats.iot.eu-west-1.amazonaws.com");
        settings.Set(SettingKeys.AwsAuthorizer, "DeviceAuthorizer");
        settings.Set(SettingKeys.AwsPort, "8883");
        settings.Set(SettingKeys.AwsMode, DeviceSettings.ModeDomain);
        settings.Set(SettingKeys.MqttClientId, "device-001");
        settings.Set(SettingKeys.TelemetryTopic, "devices/device-001/telemetry");
        Assert.Empty(SettingsValidator.Validate(settings));
        return settings;
    }

    public static string TempFile(string text)
    {
        string path = Path.Combine(Path.GetTempPath(), "provisioning-test-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Writes a new RSA-2048 private key PEM; returns its path and the key.</summary>
    public static (string Path, RSA Key) PrivateKeyFile()
    {
        RSA key = RSA.Create(2048);
        return (TempFile(key.ExportPkcs8PrivateKeyPem()), key);
    }

    public static void AssertNoSecrets(string text)
    {
        foreach (string secret in SecretMarkers)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }
}
