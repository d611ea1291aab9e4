using System.Collections;
using AwsIotDevice.Core.Settings;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Settings
{
    /// <summary>
    /// One row per rule: a value that breaks it (the problem must name the key and say what is wrong) and a
    /// value that satisfies it (the otherwise valid configuration must stay valid).
    /// </summary>
    [TestClass]
    public class SettingsValidatorRuleTests
    {
        [DataRow("wifi.ssid", "", "is empty")]
        [DataRow("wifi.ssid", "123456789012345678901234567890123", "at most 32 bytes")]
        [DataRow("wifi.ssid", "ééééééééééééééééé", "at most 32 bytes")]
        [DataRow("wifi.password", "1234567", "too short")]
        [DataRow("wifi.password", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg", "64-digit hex")]
        [DataRow("wifi.password", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0", "too long")]
        [DataRow("aws.endpoint", "", "is empty")]
        [DataRow("aws.endpoint", "192.168.1.10", "IPv4 address: TLS SNI needs the DNS name")]
        [DataRow("aws.endpoint", "2001:db8::1", "IPv6 address: TLS SNI needs the DNS name")]
        [DataRow("aws.endpoint", "[2001:db8::1]", "IPv6 address")]
        [DataRow("aws.endpoint", "::1", "IPv6 address")]
        [DataRow("aws.endpoint", "https://abc123-ats.iot.eu-west-1.amazonaws.com", "includes a scheme")]
        [DataRow("aws.endpoint", "abc123-ats.iot.eu-west-1.amazonaws.com:443", "put the port in aws.port")]
        [DataRow("aws.endpoint", "abc_123.example.com", "only letters, digits, '-' and '.'")]
        [DataRow("aws.endpoint", "a b.example.com", "only letters, digits, '-' and '.'")]
        [DataRow("aws.endpoint", "-abc.example.com", "starts or ends with '-'")]
        [DataRow("aws.endpoint", "abc-.example.com", "starts or ends with '-'")]
        [DataRow("aws.endpoint", "abc..example.com", "empty label")]
        [DataRow("aws.endpoint", ".abc.example.com", "empty label")]
        [DataRow("aws.endpoint", "abc.example.com.", "trailing '.'")]
        [DataRow("aws.port", "abc", "must be a whole number")]
        [DataRow("aws.port", "", "must be a whole number")]
        [DataRow("aws.port", " 443", "must be a whole number")]
        [DataRow("aws.port", "4.43", "must be a whole number")]
        [DataRow("aws.port", "0", "out of range")]
        [DataRow("aws.port", "65536", "out of range")]
        [DataRow("aws.port", "99999999999999", "out of range")]
        [DataRow("aws.port", "8883", "WebSockets with custom authentication only on port 443")]
        [DataRow("aws.port", "8443", "set aws.port to 443")]
        [DataRow("aws.mode", "mqtt", "use wss")]
        [DataRow("aws.mode", "WSS", "is not valid")]
        [DataRow("aws.wssCredentials", "body", "use headers")]
        [DataRow("aws.wssCredentials", "", "is not valid")]
        [DataRow("aws.wssCredentials", "Headers", "is not valid")]
        [DataRow("aws.mode", "ALPN", "is not valid")]
        [DataRow("aws.mode", "", "is not valid")]
        [DataRow("aws.authorizer", "", "is empty")]
        [DataRow("aws.authorizer", "my authorizer", "only letters, digits and _ = , @ -")]
        [DataRow("aws.authorizer", "auth/1", "only letters, digits and _ = , @ -")]
        [DataRow("aws.authorizer", "authé", "only letters, digits and _ = , @ -")]
        [DataRow("aws.tokenKeyName", "", "is empty but aws.token is set")]
        [DataRow("aws.tokenKeyName", "token=x", "only letters, digits, _ and -")]
        [DataRow("aws.tokenKeyName", "tok.en", "only letters, digits, _ and -")]
        [DataRow("aws.token", "", "is empty but aws.signature is set")]
        [DataRow("aws.signature", "", "is empty but aws.token is set")]
        [DataRow("aws.signature", "abc$def", "is not base64")]
        [DataRow("aws.signature", "abc=def", "is not base64")]
        [DataRow("aws.signature", "abcd===", "is not base64")]
        [DataRow("aws.signature", "==", "is not base64")]
        [DataRow("aws.signature", "ab-_cd==", "URL-safe base64")]
        [DataRow("aws.signature", "abcd efgh", "space or line break")]
        [DataRow("aws.signature", "abcd\nefgh", "space or line break")]
        [DataRow("aws.signature", "abcd%41", "'%' escape")]
        [DataRow("mqtt.clientId", "", "is empty")]
        [DataRow("mqtt.clientId", "$device-01", "starts with '$'")]
        [DataRow("mqtt.username", "user?x-amz-customauthorizer-name=Auth", "contains '?'")]
        [DataRow("mqtt.keepAliveSeconds", "sixty", "must be a whole number")]
        [DataRow("mqtt.keepAliveSeconds", "29", "AWS IoT would use 30 instead")]
        [DataRow("mqtt.keepAliveSeconds", "1", "AWS IoT would use 30 instead")]
        [DataRow("mqtt.keepAliveSeconds", "0", "AWS IoT would use 1200 instead")]
        [DataRow("mqtt.keepAliveSeconds", "1201", "AWS IoT would use 1200 instead")]
        [DataRow("mqtt.keepAliveSeconds", "-5", "cannot be negative")]
        [DataRow("telemetry.topic", "", "is empty")]
        [DataRow("telemetry.topic", "devices/+/telemetry", "wildcards are only for subscriptions")]
        [DataRow("telemetry.topic", "devices/#", "wildcards are only for subscriptions")]
        [DataRow("telemetry.topic", "$SYS/telemetry", "reserves")]
        [DataRow("telemetry.topic", "$aws/things/d1/shadow/update", "reserves")]
        [DataRow("telemetry.topic", "$aws/rules/", "reserves")]
        [DataRow("telemetry.topic", "$aws/rules/my-rule/x", "reserves")]
        [DataRow("telemetry.topic", "a/b/c/d/e/f/g/h/i", "at most 7")]
        [DataRow("telemetry.topic", "/a/b/c/d/e/f/g/h", "at most 7")]
        [DataRow("telemetry.topic", "$aws/rules/my_rule/a/b/c/d/e/f/g/h/i", "at most 7")]
        [DataRow("telemetry.intervalSeconds", "ten", "must be a whole number")]
        [DataRow("telemetry.intervalSeconds", "0", "out of range")]
        [DataRow("telemetry.intervalSeconds", "86401", "out of range")]
        [DataRow("telemetry.qos", "2", "AWS IoT does not support QoS 2")]
        [DataRow("telemetry.qos", "3", "use 1 (at least once) or 0")]
        [DataRow("telemetry.qos", "-1", "use 1 (at least once) or 0")]
        [DataRow("telemetry.qos", "one", "must be a whole number")]
        [DataRow("telemetry.queueCapacity", "0", "out of range")]
        [DataRow("telemetry.queueCapacity", "1001", "out of range")]
        [DataRow("telemetry.queueCapacity", "lots", "must be a whole number")]
        [DataRow("telemetry.batchBytes", "255", "out of range: use 256..8192 (bytes per backlog message)")]
        [DataRow("telemetry.batchBytes", "8193", "out of range: use 256..8192")]
        [DataRow("telemetry.batchBytes", "5k", "must be a whole number between 256..8192")]
        public void RejectsWithKeyAndReason(string key, string value, string expectedReason)
        {
            ArrayList problems = SettingsTestData.ValidateWith(key, value);
            SettingProblem problem = SettingsTestData.ProblemFor(problems, key);

            Assert.IsNotNull(problem, key + " should be rejected; got: " + SettingsTestData.AllMessages(problems));
            Assert.StartsWith(key, problem.Message, "the message must name the key");
            Assert.Contains(expectedReason, problem.Message);
            Assert.AreEqual(0, problem.Line);
            if (SettingKeys.IsSecret(key) && value.Length > 0)
            {
                Assert.DoesNotContains(value, SettingsTestData.AllMessages(problems), "a secret must never appear in a message");
            }
        }

        [DataRow("wifi.ssid", "a")]
        [DataRow("wifi.ssid", "12345678901234567890123456789012")]
        [DataRow("wifi.ssid", "Café ☕ 2.4GHz")]
        [DataRow("wifi.password", "")]
        [DataRow("wifi.password", "12345678")]
        [DataRow("wifi.password", "123456789012345678901234567890123456789012345678901234567890123")]
        [DataRow("wifi.password", "0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789abcdef")]
        [DataRow("aws.endpoint", "abc123-ats.iot.eu-west-1.amazonaws.com")]
        [DataRow("aws.endpoint", "localhost")]
        [DataRow("aws.endpoint", "xn--bcher-kva.example")]
        [DataRow("aws.endpoint", "iot.example.com")]
        [DataRow("aws.endpoint", "1.2.3.example")]
        [DataRow("aws.port", "443")]
        [DataRow("aws.mode", "alpn")]
        [DataRow("aws.mode", "domain")]
        [DataRow("aws.mode", "wss")]
        [DataRow("aws.wssCredentials", "headers")]
        [DataRow("aws.wssCredentials", "query")]
        [DataRow("aws.authorizer", "My_Auth=1,a@b-c")]
        [DataRow("aws.tokenKeyName", "x-Token_1")]
        [DataRow("aws.signature", "abc+/def")]
        [DataRow("aws.signature", "abcd=")]
        [DataRow("aws.signature", "abcd==")]
        [DataRow("aws.signature", "ab%2Bc%2Fd%3D")]
        [DataRow("aws.token", "any string: spaces, ?&=+/ and ünïcödé")]
        [DataRow("mqtt.clientId", "device-01")]
        [DataRow("mqtt.clientId", "ünïcödé-Gerät")]
        [DataRow("mqtt.clientId", "a$b")]
        [DataRow("mqtt.username", "")]
        [DataRow("mqtt.username", "alice & bob=1")]
        [DataRow("mqtt.password", "p?ss&word=")]
        [DataRow("mqtt.keepAliveSeconds", "30")]
        [DataRow("mqtt.keepAliveSeconds", "1200")]
        [DataRow("telemetry.topic", "devices/d1/telemetry")]
        [DataRow("telemetry.topic", "/leading/slash")]
        [DataRow("telemetry.topic", "a//b")]
        [DataRow("telemetry.topic", "a/b/c/d/e/f/g/h")]
        [DataRow("telemetry.topic", "$aws/rules/my_rule")]
        [DataRow("telemetry.topic", "$aws/rules/my_rule/devices/d1")]
        [DataRow("telemetry.topic", "$aws/rules/my_rule/a/b/c/d/e/f/g/h")]
        [DataRow("telemetry.topic", "température/ü")]
        [DataRow("telemetry.intervalSeconds", "1")]
        [DataRow("telemetry.intervalSeconds", "86400")]
        [DataRow("telemetry.qos", "0")]
        [DataRow("telemetry.qos", "1")]
        [DataRow("telemetry.queueCapacity", "1")]
        [DataRow("telemetry.queueCapacity", "1000")]
        [DataRow("telemetry.batchBytes", "256")]
        [DataRow("telemetry.batchBytes", "8192")]
        public void Accepts(string key, string value)
        {
            ArrayList problems = SettingsTestData.ValidateWith(key, value);

            Assert.AreEqual(0, problems.Count, key + " should accept the value; got: " + SettingsTestData.AllMessages(problems));
        }

        [TestMethod]
        public void RejectsNulInTopic()
        {
            string topic = "a" + new string((char)0, 1) + "b";
            if (topic.Length != 3)
            {
                Assert.SkipTest("this runtime's strings cannot hold a NUL character, so no topic can contain one");
            }

            SettingProblem problem = SettingsTestData.ProblemFor(SettingsTestData.ValidateWith(SettingKeys.TelemetryTopic, topic), SettingKeys.TelemetryTopic);

            Assert.IsNotNull(problem);
            Assert.Contains("NUL", problem.Message);
        }

        [DataRow("aws.port", "8883")]
        [DataRow("aws.port", "8443")]
        [DataRow("aws.port", "443")]
        [DataRow("aws.authorizer", "")]
        public void DomainModeAccepts(string key, string value)
        {
            DeviceSettings settings = SettingsTestData.Valid();
            settings.Mode = DeviceSettings.ModeDomain;
            settings.Set(key, value);

            ArrayList problems = SettingsValidator.Validate(settings);

            Assert.AreEqual(0, problems.Count, SettingsTestData.AllMessages(problems));
        }

        [DataRow("aws.port", "0", "out of range")]
        [DataRow("aws.port", "x", "must be a whole number")]
        [DataRow("aws.authorizer", "a b", "only letters")]
        public void DomainModeStillRejects(string key, string value, string expectedReason)
        {
            DeviceSettings settings = SettingsTestData.Valid();
            settings.Mode = DeviceSettings.ModeDomain;
            settings.Set(key, value);

            SettingProblem problem = SettingsValidator.ValidateKey(settings, key);

            Assert.IsNotNull(problem);
            Assert.Contains(expectedReason, problem.Message);
        }
    }
}
