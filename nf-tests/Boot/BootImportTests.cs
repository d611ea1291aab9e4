using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.Core.Supervision;
using AwsIotDevice.Core.Text;
using AwsIotDevice.Tests.Settings;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Boot
{
    /// <summary>
    /// The import file nanoff copies to the drive, applied at boot: valid (stored, run, deleted), invalid and torn (not
    /// applied, the previous settings stay, deleted, the reason in the log and STATUS), and its secrets never logged.
    /// </summary>
    [TestClass]
    public class BootImportTests
    {
        private const string ImportSecret = "import-SECRET-wifi-99";

        private static DeviceSettings Previous()
        {
            DeviceSettings settings = SettingsTestData.Valid();
            settings.ClientId = "old-device";
            settings.MqttUsername = "old-device";
            settings.Topic = "devices/old-device/telemetry";
            return settings;
        }

        private static DeviceSettings Imported()
        {
            DeviceSettings settings = SettingsTestData.Valid();
            settings.WifiPassword = ImportSecret;
            return settings;
        }

        [TestMethod]
        public void AValidImportIsStoredRunAndDeleted()
        {
            BootRig rig = new BootRig();
            rig.StoreSettings(Previous());
            rig.PutImport(Imported());

            rig.Boot();
            rig.RunUntil(20000);

            Assert.AreEqual("applied", rig.Plan.ImportStatus);
            Assert.AreEqual(SettingsCodec.FormatForStorage(Imported()), rig.Store.Text, "stored through the settings store");
            Assert.AreEqual(1, rig.Store.Saves);
            Assert.AreEqual(1, rig.Import.Deletes);
            Assert.IsNull(rig.Import.Bytes);
            Assert.IsNull(rig.Plan.Problem);
            Assert.AreEqual(ImportSecret, rig.Network.LastPassword, "the supervisor runs the imported settings");
            Assert.Contains("lastImport=applied", rig.Status());
            Assert.AreEqual(1, rig.Log.CountContaining("settings imported from the import file"));
            Assert.AreEqual(-1, rig.Log.AllText().IndexOf(ImportSecret));
            Assert.AreEqual(-1, rig.Status().IndexOf(ImportSecret));

            rig.Boot();
            Assert.AreEqual("none", rig.Plan.ImportStatus, "applied once, not at every boot");
        }

        [TestMethod]
        public void AnInvalidImportLeavesThePreviousSettingsAndIsDeleted()
        {
            BootRig rig = new BootRig();
            rig.StoreSettings(Previous());
            DeviceSettings bad = Imported();
            bad.Endpoint = string.Empty;
            rig.PutImport(bad);

            rig.Boot();

            Assert.AreEqual("rejected:invalid", rig.Plan.ImportStatus);
            Assert.AreEqual(SettingsCodec.FormatForStorage(Previous()), rig.Store.Text);
            Assert.AreEqual(0, rig.Store.Saves);
            Assert.AreEqual(1, rig.Import.Deletes, "refused imports are deleted too: they hold secrets and must not be retried");
            Assert.AreEqual("old-device", rig.Plan.Settings.ClientId);
            Assert.IsNull(rig.Plan.Problem, "the previous settings run");
            Assert.Contains("lastImport=rejected:invalid", rig.Status());
            Assert.AreEqual(1, rig.Log.CountContaining("import refused (invalid)"));
            Assert.AreEqual(1, rig.Log.CountContaining("aws.endpoint"));
            Assert.AreEqual(-1, rig.Log.AllText().IndexOf(ImportSecret));
            Assert.AreEqual(-1, rig.Status().IndexOf(ImportSecret));
        }

        [TestMethod]
        public void ATornImportIsNotAppliedAndSaysWhy()
        {
            BootRig rig = new BootRig();
            rig.StoreSettings(Previous());
            byte[] whole = Utf8.GetBytes(SettingsImport.Format(Imported()));
            byte[] torn = new byte[whole.Length / 2];
            System.Array.Copy(whole, torn, torn.Length);
            rig.Import.Bytes = torn;

            rig.Boot();

            Assert.AreEqual("rejected:torn", rig.Plan.ImportStatus);
            Assert.AreEqual(SettingsCodec.FormatForStorage(Previous()), rig.Store.Text);
            Assert.AreEqual(1, rig.Import.Deletes);
            Assert.AreEqual(1, rig.Log.CountContaining("cut short"));
            Assert.AreEqual(-1, rig.Log.AllText().IndexOf(ImportSecret));
        }

        [TestMethod]
        public void AnImportWithABadLineNeverLogsItsSecret()
        {
            BootRig rig = new BootRig();
            string text = "wifi.ssid=home-net\nwifi.password=" + ImportSecret + "\nnot a setting line " + ImportSecret + "\n";
            rig.Import.Bytes = Utf8.GetBytes(IntegrityTrailer.Append(text));

            rig.Boot();

            Assert.AreEqual("rejected:bad-line", rig.Plan.ImportStatus);
            Assert.IsNull(rig.Store.Text);
            Assert.AreEqual(-1, rig.Log.AllText().IndexOf(ImportSecret));
            Assert.AreEqual(-1, rig.Status().IndexOf(ImportSecret));
            Assert.AreEqual((int)SupervisorState.Provisioning, (int)rig.Control.Supervisor.GetStatus().State);
        }

        [TestMethod]
        public void TheImportIsValidatedWithTheBoardsCapabilities()
        {
            BootRig rig = new BootRig();
            rig.Capabilities = new PlatformCapabilities(false);
            DeviceSettings alpn = Imported();
            alpn.Mode = DeviceSettings.ModeAlpn;
            rig.PutImport(alpn);

            rig.Boot();

            Assert.AreEqual("rejected:invalid", rig.Plan.ImportStatus, "COMMIT on the board refuses alpn, so the import does");
            Assert.IsNull(rig.Store.Text);
        }

        [TestMethod]
        public void AnImportThatCannotBeStoredIsKeptForTheNextBoot()
        {
            BootRig rig = new BootRig();
            rig.StoreSettings(Previous());
            rig.PutImport(Imported());
            rig.Store.FailNextSave = true;

            rig.Boot();

            Assert.AreEqual("rejected:store-failed", rig.Plan.ImportStatus);
            Assert.AreEqual(0, rig.Import.Deletes);
            Assert.AreEqual("old-device", rig.Plan.Settings.ClientId);

            rig.Boot();
            Assert.AreEqual("applied", rig.Plan.ImportStatus);
            Assert.AreEqual(1, rig.Import.Deletes);
        }
    }
}
