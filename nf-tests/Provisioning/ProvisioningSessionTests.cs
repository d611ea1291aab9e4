using AwsIotDevice.Core.Provisioning;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.Tests.Fakes;
using AwsIotDevice.Tests.Settings;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Provisioning
{
    [TestClass]
    public class ProvisioningSessionTests
    {
        private const string SecretPassword = "pw-Secret-7f3a";
        private const string SecretToken = "tok-Secret-91bc";

        private static ProvisioningSession NewSession(DeviceSettings current, FakeSettingsStore store, FakeDeviceControl host)
        {
            return new ProvisioningSession(new FakeSerialLine(), store, host, current);
        }

        private static ProvisioningSession EmptyDevice(FakeSettingsStore store, FakeDeviceControl host)
        {
            return NewSession(new DeviceSettings(), store, host);
        }

        [TestMethod]
        public void FullProvisionFromEmptyStoresValidSettingsAndNotifiesDevice()
        {
            FakeSettingsStore store = new FakeSettingsStore();
            FakeDeviceControl host = new FakeDeviceControl();
            ProvisioningSession session = EmptyDevice(store, host);
            DeviceSettings wanted = SettingsTestData.Valid();

            Assert.StartsWith("OK HELLO protocol=1", session.Handle("HELLO"));
            string[] keys = SettingKeys.All();
            for (int i = 0; i < keys.Length; i++)
            {
                string reply = session.Handle("SET " + keys[i] + " " + SettingsCodec.EscapeValue(wanted.Get(keys[i])));
                Assert.StartsWith("OK " + keys[i] + "=", reply, "SET " + keys[i]);
            }

            Assert.AreEqual("OK committed", session.Handle("COMMIT"));
            Assert.AreEqual(1, store.Saves);
            Assert.AreEqual(1, host.Commits);
            Assert.IsTrue(host.Committed.SameAs(wanted), "the device got exactly what was sent");
            SettingsParseResult stored = SettingsCodec.Parse(store.Text);
            Assert.IsTrue(stored.Ok);
            Assert.IsTrue(stored.Settings.SameAs(wanted), "the store holds exactly what was sent");
        }

        [TestMethod]
        public void ValuesKeepSpacesAndEscapes()
        {
            FakeDeviceControl host = new FakeDeviceControl();
            ProvisioningSession session = NewSession(SettingsTestData.Valid(), new FakeSettingsStore(), host);

            Assert.StartsWith("OK", session.Handle("SET wifi.ssid My Home  Net"));
            Assert.StartsWith("OK", session.Handle("SET wifi.password a\\\\b c\\nd-long"));
            Assert.AreEqual("OK committed", session.Handle("COMMIT"));

            Assert.AreEqual("My Home  Net", host.Committed.WifiSsid);
            Assert.AreEqual("a\\b c\nd-long", host.Committed.WifiPassword);
        }

        [TestMethod]
        public void SecretsNeverComeBackOverGetSetOrStatus()
        {
            ProvisioningSession session = NewSession(SettingsTestData.Valid(), new FakeSettingsStore(), new FakeDeviceControl());

            string setPassword = session.Handle("SET wifi.password " + SecretPassword);
            string setToken = session.Handle("SET aws.token " + SecretToken);
            string getPassword = session.Handle("GET wifi.password");
            string getToken = session.Handle("GET aws.token");
            string getSignature = session.Handle("GET aws.signature");
            string status = session.Handle("STATUS");

            Assert.AreEqual("OK wifi.password=<set>", setPassword);
            Assert.AreEqual("OK aws.token=<set>", setToken);
            Assert.AreEqual("OK wifi.password=<set>", getPassword);
            Assert.AreEqual("OK aws.token=<set>", getToken);
            Assert.AreEqual("OK aws.signature=<set>", getSignature);
            Assert.AreEqual("OK mqtt.password=<not set>", session.Handle("GET mqtt.password"));
            Assert.DoesNotContains(SecretPassword, status);
            Assert.DoesNotContains(SecretToken, status);
        }

        [TestMethod]
        public void NonSecretValuesAreReadBack()
        {
            ProvisioningSession session = NewSession(SettingsTestData.Valid(), new FakeSettingsStore(), new FakeDeviceControl());

            Assert.AreEqual("OK mqtt.clientId=device-01", session.Handle("GET mqtt.clientId"));
            Assert.AreEqual("OK aws.port=443", session.Handle("GET aws.port"));
        }

        [DataRow("FROB", "ERR unknown-command")]
        [DataRow("GET", "ERR usage")]
        [DataRow("GET a b", "ERR usage")]
        [DataRow("GET no.such.key", "ERR unknown-key")]
        [DataRow("SET", "ERR usage")]
        [DataRow("SET no.such.key 1", "ERR unknown-key")]
        [DataRow("COMMIT now", "ERR usage")]
        [DataRow("ABORT please", "ERR usage")]
        [DataRow("SET aws.port 70000", "ERR invalid")]
        [DataRow("SET aws.port eighty", "ERR invalid")]
        [DataRow("SET mqtt.clientId $reserved", "ERR invalid")]
        [DataRow("SET telemetry.topic a/+/b", "ERR invalid")]
        [DataRow("SET aws.endpoint 192.168.1.10", "ERR invalid")]
        [DataRow("SET aws.signature not*base64", "ERR invalid")]
        [DataRow("SET wifi.password secret\\q", "ERR invalid")]
        public void MalformedCommandsAreRefusedAndChangeNothing(string command, string expectedPrefix)
        {
            DeviceSettings before = SettingsTestData.Valid();
            ProvisioningSession session = NewSession(before, new FakeSettingsStore(), new FakeDeviceControl());

            string reply = session.Handle(command);

            Assert.StartsWith(expectedPrefix + " ", reply);
            Assert.IsFalse(session.HasStagedChanges, "a refused command must not stage anything");
        }

        [TestMethod]
        public void CommandsAreCaseInsensitiveAndBlankLinesIgnored()
        {
            ProvisioningSession session = NewSession(SettingsTestData.Valid(), new FakeSettingsStore(), new FakeDeviceControl());

            Assert.StartsWith("OK HELLO", session.Handle("hello"));
            Assert.IsNull(session.Handle("   "));
        }

        [TestMethod]
        public void BadValueAtCommitKeepsPreviousSettings()
        {
            FakeSettingsStore store = new FakeSettingsStore();
            FakeDeviceControl host = new FakeDeviceControl();
            DeviceSettings previous = SettingsTestData.Valid();
            store.Text = SettingsCodec.FormatForStorage(previous);
            ProvisioningSession session = NewSession(previous, store, host);
            string storedBefore = store.Text;

            // Each SET is fine when made; the last one contradicts an earlier one (ALPN needs port 443).
            Assert.StartsWith("OK", session.Handle("SET aws.mode domain"));
            Assert.StartsWith("OK", session.Handle("SET aws.port 8883"));
            Assert.StartsWith("OK", session.Handle("SET aws.mode alpn"));
            string reply = session.Handle("COMMIT");

            Assert.StartsWith("ERR invalid ", reply);
            Assert.Contains("previous settings kept", reply);
            Assert.Contains("aws.port", reply);
            Assert.AreEqual(storedBefore, store.Text);
            Assert.AreEqual(0, store.Saves);
            Assert.AreEqual(0, host.Commits);
        }

        [TestMethod]
        public void StorageFailureAtCommitKeepsPreviousSettings()
        {
            FakeSettingsStore store = new FakeSettingsStore();
            FakeDeviceControl host = new FakeDeviceControl();
            ProvisioningSession session = NewSession(SettingsTestData.Valid(), store, host);
            session.Handle("SET wifi.ssid other-net");
            store.FailNextSave = true;

            string reply = session.Handle("COMMIT");

            Assert.StartsWith("ERR storage ", reply);
            Assert.IsNull(store.Text);
            Assert.AreEqual(0, host.Commits);
            Assert.IsTrue(session.HasStagedChanges, "the staged change survives for a retry");
            Assert.AreEqual("OK committed", session.Handle("COMMIT"));
        }

        [TestMethod]
        public void AbortDropsStagedChanges()
        {
            ProvisioningSession session = NewSession(SettingsTestData.Valid(), new FakeSettingsStore(), new FakeDeviceControl());
            session.Handle("SET wifi.ssid other-net");

            Assert.AreEqual("OK aborted", session.Handle("ABORT"));

            Assert.IsFalse(session.HasStagedChanges);
            Assert.AreEqual("OK wifi.ssid=home-net", session.Handle("GET wifi.ssid"));
        }

        [TestMethod]
        public void OversizedLineIsRefusedWithoutBufferingIt()
        {
            FakeSerialLine line = new FakeSerialLine();
            ProvisioningSession session = new ProvisioningSession(line, new FakeSettingsStore(), new FakeDeviceControl(), SettingsTestData.Valid());
            line.Queue("SET wifi.ssid " + new string('x', ProvisioningProtocol.MaxLineLength));
            line.Queue("GET wifi.ssid");

            Assert.IsTrue(session.ServeOne(10));
            Assert.IsTrue(session.ServeOne(10));

            Assert.StartsWith("ERR line-too-long ", (string)line.Written[0]);
            Assert.AreEqual("OK wifi.ssid=home-net", (string)line.Written[1]);
        }

        [TestMethod]
        public void RebootRepliesBeforeRebootingAndClosedLineEndsTheSession()
        {
            FakeSerialLine line = new FakeSerialLine();
            FakeDeviceControl host = new FakeDeviceControl();
            ProvisioningSession session = new ProvisioningSession(line, new FakeSettingsStore(), host, SettingsTestData.Valid());
            line.Queue("REBOOT");

            Assert.IsTrue(session.ServeOne(10));
            Assert.AreEqual("OK rebooting", line.LastWritten);
            Assert.AreEqual(1, host.Reboots);

            line.Closed = true;
            Assert.IsFalse(session.ServeOne(10));
        }

        [TestMethod]
        public void StatusReportsTheDeviceStateAndStagedChanges()
        {
            FakeDeviceControl host = new FakeDeviceControl();
            host.Status = "state=Publishing connected=1";
            ProvisioningSession session = NewSession(SettingsTestData.Valid(), new FakeSettingsStore(), host);

            Assert.AreEqual("OK state=Publishing connected=1 staged=0", session.Handle("STATUS"));
            session.Handle("SET wifi.ssid other-net");
            Assert.AreEqual("OK state=Publishing connected=1 staged=1", session.Handle("STATUS"));
        }
    }
}
