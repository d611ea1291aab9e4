using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Boot;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.Core.Supervision;
using AwsIotDevice.Tests.Settings;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Boot
{
    /// <summary>
    /// The one boot both composition roots run (firmware/Program.cs, the virtual device): load -> parse -> validate ->
    /// choose the queue -> open provisioning -> allocate -> apply.
    /// </summary>
    [TestClass]
    public class DeviceBootstrapTests
    {
        private static readonly PlatformCapabilities Board = new PlatformCapabilities(false);

        [TestMethod]
        public void StoredValidSettingsAreRunWithTheirQueueCapacity()
        {
            BootRig rig = new BootRig();
            DeviceSettings settings = SettingsTestData.Valid();
            settings.QueueCapacity = 250;
            rig.StoreSettings(settings);

            rig.Boot();
            rig.RunUntil(20000);

            Assert.IsNull(rig.Plan.Problem);
            Assert.AreEqual(250, rig.Plan.QueueCapacity);
            Assert.AreEqual((int)SupervisorState.Publishing, (int)rig.Control.Supervisor.GetStatus().State);
            Assert.Contains("queueCapacity=250 queueMax=1000", rig.Status());
            Assert.Contains("lastImport=none", rig.Status());
        }

        [TestMethod]
        public void NothingStoredStaysInProvisioningAndSaysWhy()
        {
            BootRig rig = new BootRig();

            rig.Boot();
            rig.RunUntil(5000);

            Assert.AreEqual("no settings stored", rig.Plan.Problem);
            Assert.IsFalse(rig.Plan.HasStoredSettings);
            Assert.AreEqual(DeviceSettings.DefaultQueueCapacity, rig.Plan.QueueCapacity);
            Assert.AreEqual((int)SupervisorState.Provisioning, (int)rig.Control.Supervisor.GetStatus().State);
            Assert.AreEqual(1, rig.Log.CountContaining("not provisioned: no settings stored"));
        }

        [TestMethod]
        public void IncompleteStoredSettingsAreOfferedSoStatusCountsTheRefusal()
        {
            BootRig rig = new BootRig();
            DeviceSettings incomplete = SettingsTestData.Valid();
            incomplete.ClientId = string.Empty;
            rig.StoreSettings(incomplete);

            rig.Boot();

            Assert.Contains("mqtt.clientId", rig.Plan.Problem);
            Assert.AreEqual(1, rig.Control.Supervisor.GetStatus().CountOf(Fault.NotProvisioned));
            Assert.AreEqual("device-01", rig.Plan.Settings.MqttUsername, "the session starts from what is stored");
        }

        [TestMethod]
        public void AStoredBadLineIsReportedWithoutItsSecrets()
        {
            BootRig rig = new BootRig();
            rig.Store.Text = "wifi.password=hunter2-SECRET\nthis line is broken\n";

            rig.Boot();

            Assert.StartsWith("stored settings have a bad line", rig.Plan.Problem);
            Assert.IsFalse(rig.Plan.HasStoredSettings);
            Assert.AreEqual(-1, rig.Log.AllText().IndexOf("hunter2-SECRET"));
            Assert.AreEqual(-1, rig.Status().IndexOf("hunter2-SECRET"));
        }

        [TestMethod]
        public void TheBoardRefusesStoredAlpnSettingsAtBoot()
        {
            BootRig rig = new BootRig();
            rig.Capabilities = Board;
            DeviceSettings alpn = SettingsTestData.Valid();
            alpn.Mode = DeviceSettings.ModeAlpn;
            rig.StoreSettings(alpn);

            rig.Boot();

            Assert.StartsWith("aws.mode is alpn", rig.Plan.Problem);
            Assert.IsFalse(rig.Control.Supervisor.IsProvisioned);
            Assert.AreEqual(1, rig.Control.Supervisor.GetStatus().CountOf(Fault.NotProvisioned));
            Assert.IsFalse(rig.Plan.Capabilities.CanSendAlpn, "the session and the supervisor validate with the board's capabilities");

            rig.StoreSettings(SettingsTestData.Valid());
            rig.Boot();
            Assert.IsNull(rig.Plan.Problem, "wss settings are adopted");
            Assert.IsFalse(rig.Control.Supervisor.Capabilities.CanSendAlpn);
        }

        [TestMethod]
        public void ProvisioningOpensBeforeTheQueueIsAllocatedAndStatusAnswersThen()
        {
            BootRig rig = new BootRig();
            rig.StoreSettings(SettingsTestData.Valid());

            rig.Boot();

            Assert.IsTrue(rig.ProvisioningOpened);
            Assert.IsFalse(rig.SupervisorExistedAtOpen, "no supervisor, hence no queue, when provisioning opened");
            Assert.StartsWith("state=Booting queueCapacity=100", rig.StatusAtOpen);
            Assert.IsNotNull(rig.Control.Supervisor);
        }

        [TestMethod]
        public void WithTheProvisioningPinHeldStoredSettingsAreNotRunAndTheQueueIsTheSmallest()
        {
            BootRig rig = new BootRig();
            rig.PinHeld = true;
            rig.StoreSettings(SettingsTestData.Valid());

            rig.Boot();
            rig.RunUntil(5000);

            Assert.AreEqual(QueueBudget.MinCapacity, rig.Plan.QueueCapacity);
            Assert.IsNotNull(rig.Plan.Problem);
            Assert.IsFalse(rig.Control.Supervisor.IsProvisioned);
            Assert.Contains("queueCapacity=1 ", rig.Status());
        }

        [TestMethod]
        public void CommittedSettingsReachTheSupervisorAndRebootRestarts()
        {
            BootRig rig = new BootRig();
            rig.Boot();

            rig.Control.OnCommitted(SettingsTestData.Valid());
            rig.RunUntil(20000);
            rig.Control.Reboot();

            Assert.AreEqual((int)SupervisorState.Publishing, (int)rig.Control.Supervisor.GetStatus().State);
            Assert.AreEqual(1, rig.Restart.Restarts);
        }

        [TestMethod]
        public void AStoreThatCannotBeReadIsAProblemNotACrash()
        {
            BootRig rig = new BootRig();
            rig.Store.FailNextLoad = true;

            rig.Boot();

            Assert.StartsWith("stored settings could not be read", rig.Plan.Problem);
        }
    }
}
