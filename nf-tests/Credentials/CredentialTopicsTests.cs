using AwsIotDevice.Core.Credentials;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Credentials
{
    [TestClass]
    public class CredentialTopicsTests
    {
        [DataRow("devices/device-01/telemetry", "device-01", "devices/device-01/credentials")]
        [DataRow("a/b/device-01/x/y", "device-01", "a/b/device-01/credentials")]
        [DataRow("device-01/telemetry", "device-01", "device-01/credentials")]
        [DataRow("devices/dev/dev/t", "dev", "devices/dev/credentials")]
        [DataRow("$aws/rules/ingest/devices/device-01/telemetry", "device-01", "devices/device-01/credentials")]
        public void DerivedFromTheTelemetryTopic(string telemetry, string clientId, string credentials)
        {
            Assert.AreEqual(credentials, CredentialTopics.CredentialsTopic(telemetry, clientId));
            Assert.AreEqual(credentials + "/ack", CredentialTopics.AckTopic(telemetry, clientId));
            Assert.IsNull(CredentialTopics.Problem(telemetry, clientId));
        }

        [DataRow("devices/telemetry", "device-01")]
        [DataRow("devices/device-01", "device-01")]
        [DataRow("devices/device-011/telemetry", "device-01")]
        [DataRow("devices/xdevice-01/telemetry", "device-01")]
        [DataRow("$aws/rules/ingest", "device-01")]
        [DataRow("$aws/things/device-01/shadow", "device-01")]
        [DataRow("", "device-01")]
        [DataRow("devices/device-01/telemetry", "")]
        public void NoneWithoutTheClientIdAsALevelBeforeTheLast(string telemetry, string clientId)
        {
            Assert.IsNull(CredentialTopics.CredentialsTopic(telemetry, clientId));
            Assert.IsNull(CredentialTopics.AckTopic(telemetry, clientId));
            Assert.Contains("cannot derive", CredentialTopics.Problem(telemetry, clientId));
        }

        [TestMethod]
        public void TheAckTopicMustFitAwsLimits()
        {
            Assert.Contains("slashes", CredentialTopics.Problem("a/b/c/d/e/f/dev/t", "dev"));
            Assert.IsNull(CredentialTopics.Problem("a/b/c/d/e/dev/t", "dev"), "a/b/c/d/e/dev/credentials/ack has 7 slashes");
            string longPrefix = new string('p', 200);
            Assert.Contains("bytes", CredentialTopics.Problem(longPrefix + "/" + new string('d', 50) + "/t", new string('d', 50)));
        }
    }
}
