using System.Collections;
using AwsIotDevice.Core.Settings;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Settings
{
    /// <summary>Length limits at their exact edges, rules between keys, and whole-configuration behaviour.</summary>
    [TestClass]
    public class SettingsValidatorTests
    {
        [DataRow("aws.authorizer", "a", 128, "at most 128")]
        [DataRow("aws.tokenKeyName", "k", 128, "at most 128")]
        [DataRow("aws.token", "t", 6144, "at most 6144")]
        [DataRow("aws.signature", "S", 2560, "at most 2560")]
        [DataRow("mqtt.clientId", "c", 128, "at most 128 bytes")]
        [DataRow("telemetry.topic", "x", 256, "at most 256 bytes")]
        public void LengthLimitIsInclusive(string key, string fill, int limit, string expectedReason)
        {
            ArrayList atLimit = SettingsTestData.ValidateWith(key, SettingsTestData.Repeat(fill[0], limit));
            ArrayList overLimit = SettingsTestData.ValidateWith(key, SettingsTestData.Repeat(fill[0], limit + 1));

            Assert.AreEqual(0, atLimit.Count, SettingsTestData.AllMessages(atLimit));
            SettingProblem problem = SettingsTestData.ProblemFor(overLimit, key);
            Assert.IsNotNull(problem, key + " over its limit must be rejected");
            Assert.StartsWith(key, problem.Message);
            Assert.Contains(expectedReason, problem.Message);
        }

        [TestMethod]
        public void MultiByteCharactersCountAsBytes()
        {
            // "é" is 2 bytes in UTF-8: 64 of them fill the 128-byte client id limit exactly, 65 are over it with only 65 characters.
            ArrayList ok = SettingsTestData.ValidateWith(SettingKeys.MqttClientId, SettingsTestData.Repeat('é', 64));
            ArrayList tooLong = SettingsTestData.ValidateWith(SettingKeys.MqttClientId, SettingsTestData.Repeat('é', 65));

            Assert.AreEqual(0, ok.Count, SettingsTestData.AllMessages(ok));
            Assert.Contains("130 bytes", SettingsTestData.ProblemFor(tooLong, SettingKeys.MqttClientId).Message);
        }

        [TestMethod]
        public void CharactersOutsideTheBmpCountAsFourBytes()
        {
            string face = "\uD83D\uDE00";
            if (face.Length != 2 || face[1] != '\uDE00')
            {
                // Seen on the nanoCLR: both halves of a surrogate pair read back as the high half.
                Assert.SkipTest("this runtime does not expose surrogate pairs as two chars");
            }

            string fits = string.Empty;
            for (int i = 0; i < 32; i++)
            {
                fits += face;
            }

            ArrayList ok = SettingsTestData.ValidateWith(SettingKeys.MqttClientId, fits);
            ArrayList tooLong = SettingsTestData.ValidateWith(SettingKeys.MqttClientId, fits + face);

            Assert.AreEqual(0, ok.Count, SettingsTestData.AllMessages(ok));
            Assert.Contains("132 bytes", SettingsTestData.ProblemFor(tooLong, SettingKeys.MqttClientId).Message);
        }

        [TestMethod]
        public void TopicByteLimitCountsUtf8()
        {
            ArrayList tooLong = SettingsTestData.ValidateWith(SettingKeys.TelemetryTopic, SettingsTestData.Repeat('€', 86));

            Assert.Contains("258 bytes", SettingsTestData.ProblemFor(tooLong, SettingKeys.TelemetryTopic).Message);
        }

        [TestMethod]
        public void EndpointDnsLengthLimits()
        {
            string label63 = SettingsTestData.Repeat('a', 63);
            string name253 = label63 + "." + label63 + "." + label63 + "." + SettingsTestData.Repeat('b', 61);
            ArrayList ok = SettingsTestData.ValidateWith(SettingKeys.AwsEndpoint, name253);
            ArrayList tooLong = SettingsTestData.ValidateWith(SettingKeys.AwsEndpoint, name253 + "c");
            ArrayList longLabel = SettingsTestData.ValidateWith(SettingKeys.AwsEndpoint, label63 + "a.example.com");

            Assert.AreEqual(253, name253.Length);
            Assert.AreEqual(0, ok.Count, SettingsTestData.AllMessages(ok));
            Assert.Contains("at most 253", SettingsTestData.ProblemFor(tooLong, SettingKeys.AwsEndpoint).Message);
            Assert.Contains("limit is 63", SettingsTestData.ProblemFor(longLabel, SettingKeys.AwsEndpoint).Message);
        }

        [TestMethod]
        public void MqttPasswordOverMqttLimitIsRejectedWithoutItsValue()
        {
            string password = SettingsTestData.Repeat('p', 65536);
            ArrayList problems = SettingsTestData.ValidateWith(SettingKeys.MqttPassword, password);
            ArrayList ok = SettingsTestData.ValidateWith(SettingKeys.MqttPassword, SettingsTestData.Repeat('p', 65535));

            Assert.Contains("at most 65535 bytes", SettingsTestData.ProblemFor(problems, SettingKeys.MqttPassword).Message);
            Assert.AreEqual(0, ok.Count);
        }

        [TestMethod]
        public void BuiltUsernameOverMqttLimitIsReportedOnUsername()
        {
            // alpn and domain mode put the authorizer query into the username (wss mode sends mqtt.username alone).
            DeviceSettings settings = SettingsTestData.Valid();
            settings.Mode = DeviceSettings.ModeAlpn;
            settings.MqttUsername = SettingsTestData.Repeat('u', 65535);
            ArrayList problems = SettingsValidator.Validate(settings);

            SettingProblem problem = SettingsTestData.ProblemFor(problems, SettingKeys.MqttUsername);
            Assert.IsNotNull(problem);
            Assert.Contains("over MQTT's 65535", problem.Message);
        }

        [TestMethod]
        public void DefaultsReportExactlyTheRequiredKeys()
        {
            ArrayList problems = SettingsValidator.Validate(new DeviceSettings());
            string[] required = { "wifi.ssid", "aws.endpoint", "aws.authorizer", "mqtt.clientId", "telemetry.topic" };

            Assert.AreEqual(required.Length, problems.Count, SettingsTestData.AllMessages(problems));
            for (int i = 0; i < required.Length; i++)
            {
                SettingProblem problem = SettingsTestData.ProblemFor(problems, required[i]);
                Assert.IsNotNull(problem, required[i] + " must be reported as missing");
                Assert.Contains("is empty", problem.Message);
            }
        }

        [TestMethod]
        public void DefaultsAreValidOnceRequiredValuesAreSet()
        {
            DeviceSettings settings = new DeviceSettings();
            settings.WifiSsid = "net";
            settings.Endpoint = "abc123-ats.iot.us-east-1.amazonaws.com";
            settings.AuthorizerName = "Auth";
            settings.ClientId = "d1";
            settings.Topic = "t";

            ArrayList problems = SettingsValidator.Validate(settings);

            Assert.AreEqual(0, problems.Count, SettingsTestData.AllMessages(problems));
            Assert.IsTrue(SettingsValidator.IsValid(settings));
        }

        [TestMethod]
        public void TokenAndSignatureMayBothBeEmpty()
        {
            // An unsigned authorizer that reads the credential from mqtt.password needs neither.
            DeviceSettings settings = SettingsTestData.Valid();
            settings.Token = string.Empty;
            settings.Signature = string.Empty;
            settings.MqttPassword = "credential";

            Assert.AreEqual(0, SettingsValidator.Validate(settings).Count);
        }

        [TestMethod]
        public void EveryProblemIsReportedAtOnce()
        {
            DeviceSettings settings = SettingsTestData.Valid();
            settings.Set(SettingKeys.AwsPort, "x");
            settings.Set(SettingKeys.TelemetryQos, "2");
            settings.Set(SettingKeys.TelemetryTopic, "a/#");
            settings.Set(SettingKeys.WifiSsid, string.Empty);

            ArrayList problems = SettingsValidator.Validate(settings);

            Assert.AreEqual(4, problems.Count, SettingsTestData.AllMessages(problems));
            Assert.IsNotNull(SettingsTestData.ProblemFor(problems, SettingKeys.AwsPort));
            Assert.IsNotNull(SettingsTestData.ProblemFor(problems, SettingKeys.TelemetryQos));
            Assert.IsNotNull(SettingsTestData.ProblemFor(problems, SettingKeys.TelemetryTopic));
            Assert.IsNotNull(SettingsTestData.ProblemFor(problems, SettingKeys.WifiSsid));
        }

        [TestMethod]
        public void InvalidModeDoesNotAlsoBlameThePort()
        {
            DeviceSettings settings = SettingsTestData.Valid();
            settings.Mode = "websocket";
            settings.Port = 8883;

            ArrayList problems = SettingsValidator.Validate(settings);

            Assert.AreEqual(1, problems.Count, SettingsTestData.AllMessages(problems));
            Assert.IsNotNull(SettingsTestData.ProblemFor(problems, SettingKeys.AwsMode));
        }

        [TestMethod]
        public void AlpnModeNeedsPort443OnAwsEndpoints()
        {
            DeviceSettings settings = SettingsTestData.Valid();
            settings.Mode = DeviceSettings.ModeAlpn;
            settings.Port = 8883;

            SettingProblem problem = SettingsValidator.ValidateKey(settings, SettingKeys.AwsPort);

            Assert.IsNotNull(problem);
            Assert.Contains("443", problem.Message);
        }

        [TestMethod]
        public void AlpnModeAcceptsAnyPortOnALocalEmulator()
        {
            DeviceSettings settings = SettingsTestData.Valid();
            settings.Mode = DeviceSettings.ModeAlpn;
            settings.Endpoint = "localhost";
            settings.Port = 8883;

            Assert.IsNull(SettingsValidator.ValidateKey(settings, SettingKeys.AwsPort));
            Assert.IsFalse(SettingsValidator.IsAwsEndpoint("iot.example.com"));
            Assert.IsTrue(SettingsValidator.IsAwsEndpoint("abc-ats.iot.cn-north-1.amazonaws.com.cn"));
            Assert.IsTrue(SettingsValidator.IsAwsEndpoint("ABC-ats.iot.eu-west-1.AmazonAWS.com"));
        }

        [TestMethod]
        public void ValidateKeyReturnsOnlyThatKeysProblem()
        {
            DeviceSettings settings = SettingsTestData.Valid();
            settings.Set(SettingKeys.TelemetryQos, "2");

            SettingProblem qos = SettingsValidator.ValidateKey(settings, SettingKeys.TelemetryQos);
            SettingProblem ssid = SettingsValidator.ValidateKey(settings, SettingKeys.WifiSsid);

            Assert.IsNotNull(qos);
            Assert.AreEqual(SettingKeys.TelemetryQos, qos.Key);
            Assert.IsNull(ssid);
        }

        [TestMethod]
        public void MessagesNeverContainSecretValues()
        {
            DeviceSettings settings = SettingsTestData.Valid();
            settings.WifiPassword = "Wpw7x!";
            settings.Token = "TOKEN-xyzzy-" + SettingsTestData.Repeat('t', 6200);
            settings.Signature = "SIGplugh$$99";
            settings.MqttPassword = "MQTTfrobozz" + SettingsTestData.Repeat('m', 65600);

            string all = SettingsTestData.AllMessages(SettingsValidator.Validate(settings));

            Assert.Contains("wifi.password", all);
            Assert.Contains("aws.token", all);
            Assert.Contains("aws.signature", all);
            Assert.Contains("mqtt.password", all);
            Assert.DoesNotContains("Wpw7x!", all);
            Assert.DoesNotContains("xyzzy", all);
            Assert.DoesNotContains("plugh", all);
            Assert.DoesNotContains("frobozz", all);
        }

        [TestMethod]
        public void ValidateNullThrows()
        {
            Assert.ThrowsException(typeof(System.ArgumentNullException), () => SettingsValidator.Validate(null));
        }
    }
}
