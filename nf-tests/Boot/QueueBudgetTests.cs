using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Boot;
using AwsIotDevice.Core.Provisioning;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.Tests.Fakes;
using AwsIotDevice.Tests.Settings;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Boot
{
    /// <summary>The queue bound from the free heap at boot, and SET / COMMIT refusing a capacity above it.</summary>
    [TestClass]
    public class QueueBudgetTests
    {
        [TestMethod]
        public void TheBoundIsTheFreeHeapLessTheReserveOverTheSlotBudget()
        {
            Assert.AreEqual(100, QueueBudget.MaxCapacity(QueueBudget.ReserveBytes + (100 * QueueBudget.BytesPerSlot) + 399));
            Assert.AreEqual(QueueBudget.MinCapacity, QueueBudget.MaxCapacity(1000));
            Assert.AreEqual(SettingsValidator.MaxQueueCapacity, QueueBudget.MaxCapacity(100 * 1024 * 1024));
            Assert.AreEqual(SettingsValidator.MaxQueueCapacity, QueueBudget.MaxCapacity(-1), "unknown heap: the settings' own limit");
        }

        [TestMethod]
        public void ACapacityAboveTheBoundIsRefusedWithTheMaximum()
        {
            DeviceSettings settings = SettingsTestData.Valid();
            settings.QueueCapacity = 300;
            PlatformCapabilities small = PlatformCapabilities.Unrestricted.WithMaxQueueCapacity(200);

            SettingProblem problem = SettingsValidator.ValidateKey(settings, SettingKeys.TelemetryQueueCapacity, small);

            Assert.IsNotNull(problem);
            Assert.Contains("use 1..200", problem.Message);
            Assert.Contains("200 is the most this device's free memory holds", problem.Message);
            settings.QueueCapacity = 200;
            Assert.IsNull(SettingsValidator.ValidateKey(settings, SettingKeys.TelemetryQueueCapacity, small));
        }

        [TestMethod]
        public void SetAndCommitRefuseACapacityAboveTheBootsBound()
        {
            BootRig rig = new BootRig();
            rig.Memory.Free = QueueBudget.ReserveBytes + (150 * QueueBudget.BytesPerSlot);
            rig.Boot();
            FakeSettingsStore store = new FakeSettingsStore();
            DeviceSettings big = SettingsTestData.Valid();
            big.QueueCapacity = 151;
            ProvisioningSession session = new ProvisioningSession(new FakeSerialLine(), store, rig.Control, SettingsTestData.Valid(), rig.Plan.Capabilities);
            ProvisioningSession fromStored = new ProvisioningSession(new FakeSerialLine(), store, rig.Control, big, rig.Plan.Capabilities);

            string set = session.Handle("SET telemetry.queueCapacity 151");
            string commit = fromStored.Handle("COMMIT");

            Assert.StartsWith("ERR", set);
            Assert.Contains("1..150", set);
            Assert.StartsWith("ERR", commit);
            Assert.Contains("1..150", commit);
            Assert.AreEqual(0, store.Saves);
            Assert.AreEqual("OK telemetry.queueCapacity=150", session.Handle("SET telemetry.queueCapacity 150"));
        }

        [TestMethod]
        public void TheBootUsesTheBoundAndStatusShowsIt()
        {
            BootRig rig = new BootRig();
            rig.Memory.Free = QueueBudget.ReserveBytes + (40 * QueueBudget.BytesPerSlot);

            rig.Boot();

            Assert.AreEqual(40, rig.Plan.QueueMax);
            Assert.AreEqual(40, rig.Plan.QueueCapacity, "nothing stored: the default, cut to what fits");
            Assert.Contains("queueCapacity=40 queueMax=40", rig.Status());
        }

        [TestMethod]
        public void StoredSettingsWhoseQueueNoLongerFitsAreNotRunAndSayWhy()
        {
            BootRig rig = new BootRig();
            rig.Memory.Free = QueueBudget.ReserveBytes + (40 * QueueBudget.BytesPerSlot);
            DeviceSettings settings = SettingsTestData.Valid();
            settings.QueueCapacity = 500;
            rig.StoreSettings(settings);

            rig.Boot();

            Assert.Contains("telemetry.queueCapacity", rig.Plan.Problem);
            Assert.Contains("1..40", rig.Plan.Problem);
            Assert.AreEqual(40, rig.Plan.QueueCapacity, "allocated within the bound, so the boot survives");
            Assert.IsFalse(rig.Control.Supervisor.IsProvisioned);
        }
    }
}
