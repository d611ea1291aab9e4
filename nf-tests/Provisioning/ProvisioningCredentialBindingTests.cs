using AwsIotDevice.Core.Provisioning;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.Tests.Fakes;
using AwsIotDevice.Tests.Settings;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Provisioning
{
    /// <summary>
    /// Issue #12 item 5 on the wire: COMMIT refuses to keep the stored token and signature for another endpoint,
    /// authorizer or client id unless both were SET in the same session, and stores nothing when it refuses.
    /// </summary>
    [TestClass]
    public class ProvisioningCredentialBindingTests
    {
        private const string Refusal = "ERR reenter-secrets aws.token aws.signature";
        private const string OtherEndpoint = "evil-ats.iot.us-east-1.amazonaws.com";

        private static FakeSettingsStore _store;
        private static FakeDeviceControl _host;

        private static ProvisioningSession ProvisionedDevice()
        {
            _store = new FakeSettingsStore();
            _host = new FakeDeviceControl();
            return new ProvisioningSession(new FakeSerialLine(), _store, _host, SettingsTestData.Valid());
        }

        [DataRow("aws.endpoint", "evil-ats.iot.us-east-1.amazonaws.com")]
        [DataRow("aws.mode", "domain")]
        [DataRow("aws.authorizer", "OtherAuthorizer")]
        [DataRow("mqtt.clientId", "device-02")]
        public void ABindingKeyChangedAloneIsRefusedAndNothingIsStored(string key, string value)
        {
            ProvisioningSession session = ProvisionedDevice();

            Assert.StartsWith("OK", session.Handle("SET " + key + " " + value));
            string reply = session.Handle("COMMIT");

            Assert.StartsWith(Refusal, reply);
            Assert.Contains(key, reply);
            Assert.AreEqual(0, _store.Saves, "nothing stored");
            Assert.AreEqual(0, _host.Commits, "nothing applied");
            Assert.IsTrue(session.HasStagedChanges, "the change stays staged so the secrets can be SET and COMMIT repeated");
        }

        [TestMethod]
        public void APortChangeIsRefusedToo()
        {
            _store = new FakeSettingsStore();
            _host = new FakeDeviceControl();
            DeviceSettings domain = SettingsTestData.Valid();
            domain.Mode = DeviceSettings.ModeDomain;
            ProvisioningSession session = new ProvisioningSession(new FakeSerialLine(), _store, _host, domain);

            Assert.StartsWith("OK", session.Handle("SET aws.port 8443"));
            string reply = session.Handle("COMMIT");

            Assert.StartsWith(Refusal, reply);
            Assert.Contains("aws.port", reply);
            Assert.AreEqual(0, _store.Saves);
        }

        [TestMethod]
        public void AStoredMqttPasswordMustBeSetAgainToo()
        {
            _store = new FakeSettingsStore();
            _host = new FakeDeviceControl();
            DeviceSettings current = SettingsTestData.Valid();
            current.MqttPassword = "stored-bearer";
            ProvisioningSession session = new ProvisioningSession(new FakeSerialLine(), _store, _host, current);

            Assert.StartsWith("OK", session.Handle("SET aws.endpoint " + OtherEndpoint));
            Assert.StartsWith("OK", session.Handle("SET aws.token device-01:1767225600"));
            Assert.StartsWith("OK", session.Handle("SET aws.signature " + SettingsTestData.Signature()));
            string reply = session.Handle("COMMIT");
            Assert.StartsWith("ERR reenter-secrets aws.token aws.signature mqtt.password: ", reply);
            Assert.DoesNotContains("stored-bearer", reply);
            Assert.StartsWith("OK", session.Handle("SET mqtt.password new-bearer"));
            Assert.AreEqual("OK committed", session.Handle("COMMIT"));
        }

        [TestMethod]
        public void TheChangeIsCommittedOnceBothSecretsAreSetAgain()
        {
            ProvisioningSession session = ProvisionedDevice();

            Assert.StartsWith("OK", session.Handle("SET aws.endpoint " + OtherEndpoint));
            Assert.StartsWith("OK", session.Handle("SET aws.token new-token:1767225600"));
            Assert.StartsWith(Refusal, session.Handle("COMMIT"), "the token alone is not enough");
            Assert.StartsWith("OK", session.Handle("SET aws.signature " + SettingsTestData.Signature()));
            Assert.AreEqual("OK committed", session.Handle("COMMIT"));

            Assert.AreEqual(1, _store.Saves);
            Assert.AreEqual(OtherEndpoint, _host.Committed.Endpoint);
            Assert.AreEqual("new-token:1767225600", _host.Committed.Token);
        }

        [TestMethod]
        public void SecretsSetBeforeAnAbortOrACommitDoNotCountForTheNextChange()
        {
            ProvisioningSession session = ProvisionedDevice();
            Assert.StartsWith("OK", session.Handle("SET aws.token device-01:1767225600"));
            Assert.StartsWith("OK", session.Handle("SET aws.signature " + SettingsTestData.Signature()));
            Assert.StartsWith("OK", session.Handle("ABORT"));
            Assert.StartsWith("OK", session.Handle("SET aws.endpoint " + OtherEndpoint));
            Assert.StartsWith(Refusal, session.Handle("COMMIT"), "after ABORT");

            session = ProvisionedDevice();
            Assert.StartsWith("OK", session.Handle("SET aws.token device-01:1767225600"));
            Assert.StartsWith("OK", session.Handle("SET aws.signature " + SettingsTestData.Signature()));
            Assert.StartsWith("OK", session.Handle("SET wifi.ssid other-net"));
            Assert.AreEqual("OK committed", session.Handle("COMMIT"));
            Assert.StartsWith("OK", session.Handle("SET aws.endpoint " + OtherEndpoint));
            Assert.StartsWith(Refusal, session.Handle("COMMIT"), "after COMMIT");
            Assert.AreEqual(1, _store.Saves);
        }

        [TestMethod]
        public void ChangesThatKeepTheTargetNeedNoSecrets()
        {
            ProvisioningSession session = ProvisionedDevice();

            Assert.StartsWith("OK", session.Handle("SET wifi.ssid other-net"));
            Assert.StartsWith("OK", session.Handle("SET aws.endpoint " + SettingsTestData.Valid().Endpoint));
            Assert.AreEqual("OK committed", session.Handle("COMMIT"));
        }
    }
}
