using AwsIotDevice.Core.Settings;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Settings
{
    [TestClass]
    public class SettingKeysTests
    {
        [TestMethod]
        public void ListHasEveryProtocolKeyExactlyOnce()
        {
            // These names are the provisioning protocol and the storage format: a rename is a breaking change.
            string[] expected =
            {
                "wifi.ssid", "wifi.password", "aws.endpoint", "aws.port", "aws.mode", "aws.wssCredentials", "aws.authorizer",
                "aws.tokenKeyName", "aws.token", "aws.signature", "aws.renewalKey", "aws.tokenWarnDays", "mqtt.clientId",
                "mqtt.username", "mqtt.password",
                "mqtt.keepAliveSeconds", "telemetry.topic", "telemetry.intervalSeconds", "telemetry.qos",
                "telemetry.queueCapacity", "telemetry.batchBytes",
            };

            string[] all = SettingKeys.All();

            CollectionAssert.AreEqual(expected, all);
            Assert.AreEqual(expected.Length, SettingKeys.Count);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(i, SettingKeys.IndexOf(expected[i]));
                Assert.AreEqual(expected[i], SettingKeys.KeyAt(i));
            }
        }

        [TestMethod]
        public void AllReturnsACopy()
        {
            string[] first = SettingKeys.All();
            first[0] = "changed";

            Assert.AreEqual("wifi.ssid", SettingKeys.All()[0]);
        }

        [DataRow("wifi.password", true)]
        [DataRow("aws.token", true)]
        [DataRow("aws.signature", true)]
        [DataRow("mqtt.password", true)]
        [DataRow("aws.renewalKey", true)]
        [DataRow("aws.tokenWarnDays", false)]
        [DataRow("wifi.ssid", false)]
        [DataRow("aws.tokenKeyName", false)]
        [DataRow("mqtt.username", false)]
        [DataRow("WIFI.PASSWORD", false)]
        [DataRow("", false)]
        public void IsSecretMarksExactlyTheWriteOnlyKeys(string key, bool secret)
        {
            Assert.AreEqual(secret, SettingKeys.IsSecret(key));
        }

        [TestMethod]
        public void LookupsTolerateNullAndUnknown()
        {
            Assert.IsFalse(SettingKeys.IsSecret(null));
            Assert.IsFalse(SettingKeys.IsKnown(null));
            Assert.AreEqual(-1, SettingKeys.IndexOf("wifi.SSID"));
            Assert.IsFalse(SettingKeys.IsKnown("wifi"));
            Assert.IsTrue(SettingKeys.IsKnown(SettingKeys.TelemetryQueueCapacity));
            Assert.IsTrue(SettingKeys.IsKnown(SettingKeys.TelemetryBatchBytes));
            Assert.IsTrue(SettingKeys.IsNumeric(SettingKeys.TelemetryBatchBytes));
        }
    }
}
