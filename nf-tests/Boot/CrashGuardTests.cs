using System;
using AwsIotDevice.Core.Boot;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.Tests.Fakes;
using AwsIotDevice.Tests.Settings;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Boot
{
    /// <summary>Crash records across reboots, the crash loop that enters safe mode, and what safe mode does.</summary>
    [TestClass]
    public class CrashGuardTests
    {
        [TestMethod]
        public void ARecordSurvivesItsTextAndDamageReadsAsNoCrashes()
        {
            CrashRecord record = CrashRecord.Empty.After("System.Exception: one", 1000, string.Empty).After("System.Exception: two\nline", 2000, "2026-12-02T14:00:00Z");

            CrashRecord back = CrashRecord.Parse(record.Format());

            Assert.AreEqual(2, back.Count);
            Assert.AreEqual("System.Exception: two line", back.LastReason);
            Assert.AreEqual(2000, back.LastUptimeMs);
            Assert.AreEqual("2026-12-02T14:00:00Z", back.LastTime);
            Assert.AreEqual(2, back.RecentCount);
            Assert.AreEqual(1000, back.RecentUptimeMs(0));
            Assert.AreEqual(0, CrashRecord.Parse("crashes=x\n").Count);
            Assert.AreEqual(0, CrashRecord.Parse(null).Count);
        }

        [TestMethod]
        public void OnlyThreeQuickCrashesMakeALoop()
        {
            CrashRecord two = CrashRecord.Empty.After("a", 10000, string.Empty).After("b", 10000, string.Empty);
            CrashRecord three = two.After("c", 10000, string.Empty);
            CrashRecord slow = CrashRecord.Empty.After("a", 240000, string.Empty).After("b", 240000, string.Empty).After("c", 240000, string.Empty);

            Assert.IsFalse(CrashGuard.IsLoop(two));
            Assert.IsTrue(CrashGuard.IsLoop(three));
            Assert.IsFalse(CrashGuard.IsLoop(slow), "three crashes over 12 minutes are not a loop");
            Assert.AreEqual(CrashRecord.RecentKept, three.After("d", 1, string.Empty).RecentCount);
        }

        [TestMethod]
        public void ThreeCrashesEnterSafeModeAndStatusShowsIt()
        {
            BootRig rig = new BootRig();
            rig.StoreSettings(SettingsTestData.Valid());
            for (int i = 0; i < 3; i++)
            {
                rig.Boot();
                Assert.IsFalse(rig.Plan.SafeMode, "boot " + (i + 1).ToString());
                rig.Clock.UptimeMs = 30000;
                rig.Plan.Crashes.RecordCrash(new InvalidOperationException("sensor bus stuck"), rig.Plan.Settings, false);
            }

            rig.Boot();

            Assert.IsTrue(rig.Plan.SafeMode);
            string status = rig.Status();
            Assert.Contains("crashReboots=3", status);
            Assert.Contains("lastCrash=\"System.InvalidOperationException: sensor bus stuck\"", status);
            Assert.Contains("safeMode=1", status);
            Assert.AreEqual(1, rig.Log.CountContaining("safe mode: 3 crashes within 10 minutes"));
        }

        [TestMethod]
        public void SafeModeBootsWithTheSmallestQueue()
        {
            BootRig rig = SafeModeRig();

            Assert.AreEqual(QueueBudget.MinCapacity, rig.Plan.QueueCapacity);
            Assert.IsTrue(SettingsTestData.Valid().QueueCapacity > QueueBudget.MinCapacity, "the stored settings ask for more");
            Assert.AreEqual(1, rig.Log.CountContaining("safe mode: the telemetry queue holds 1 reading(s)"));
        }

        [TestMethod]
        public void InSafeModeEveryConnectWaitsAtTheBackoffCap()
        {
            BootRig rig = SafeModeRig();
            rig.Link.DefaultConnectResult = AwsIotDevice.Core.Abstractions.Fault.ConnectRefused;

            rig.RunUntil(119000);
            Assert.AreEqual(0, rig.Link.ConnectTimes.Count, "the first connect waits at the cap too");

            rig.RunUntil(400000);
            Assert.AreEqual(3, rig.Link.ConnectTimes.Count);
            Assert.IsTrue(rig.Link.ConnectTime(0) >= 120000);
            Assert.IsTrue(rig.Link.ConnectTime(1) - rig.Link.ConnectTime(0) >= 120000, "a retry waits at the cap");
            Assert.IsTrue(rig.Link.ConnectTime(2) - rig.Link.ConnectTime(1) >= 120000);
            Assert.AreEqual(120000, rig.Control.Supervisor.GetStatus().LastDelayMs);
        }

        [TestMethod]
        public void ABootThatStaysUpTenMinutesSettlesTheRecord()
        {
            BootRig rig = SafeModeRig();

            rig.RunUntil(CrashGuard.LoopWindowMs + 1000);

            Assert.AreEqual(0, CrashRecord.Parse(rig.Crashes.Text).RecentCount);
            Assert.AreEqual(3, CrashRecord.Parse(rig.Crashes.Text).Count, "the total is kept");
            rig.Boot();
            Assert.IsFalse(rig.Plan.SafeMode, "the next boot is normal");
        }

        [TestMethod]
        public void TheCrashReasonNeverCarriesASecret()
        {
            DeviceSettings settings = SettingsTestData.Valid();
            settings.WifiPassword = "wifi-SECRET-77";

            string reason = CrashGuard.Describe(new InvalidOperationException("join failed with wifi-SECRET-77"), settings);

            Assert.AreEqual("System.InvalidOperationException: join failed with <secret>", reason);
        }

        [TestMethod]
        public void ACrashMasksSecretsCommittedAfterTheBootToo()
        {
            BootRig rig = new BootRig();
            rig.StoreSettings(SettingsTestData.Valid());
            rig.Boot();
            DeviceSettings committed = SettingsTestData.Valid();
            committed.WifiPassword = "later-SECRET-88";
            rig.StoreSettings(committed);

            string reason = rig.Plan.Crashes.RecordCrash(new InvalidOperationException("join failed with later-SECRET-88"), rig.Plan.Settings, false);

            Assert.AreEqual("System.InvalidOperationException: join failed with <secret>", reason);
            Assert.IsFalse(rig.Crashes.Text.IndexOf("later-SECRET-88") >= 0, "nor in the saved record");
        }

        [TestMethod]
        public void AnUnsavableRecordIsLoggedNotThrown()
        {
            FakeClock clock = new FakeClock();
            ListLog log = new ListLog();
            CrashGuard guard = new CrashGuard(new ThrowingCrashStore(), clock, log, null);

            string reason = guard.RecordCrash(new Exception("boom"), null, false);

            Assert.AreEqual("System.Exception: boom", reason);
            Assert.AreEqual(1, guard.Record.Count);
            Assert.AreEqual(1, log.CountContaining("could not be saved"));
        }

        private static BootRig SafeModeRig()
        {
            BootRig rig = new BootRig();
            rig.StoreSettings(SettingsTestData.Valid());
            CrashRecord loop = CrashRecord.Empty.After("x", 1000, string.Empty).After("x", 1000, string.Empty).After("x", 1000, string.Empty);
            rig.Crashes.Text = loop.Format();
            rig.Boot();
            Assert.IsTrue(rig.Plan.SafeMode);
            return rig;
        }

        private class ThrowingCrashStore : ICrashRecordStore
        {
            public string Load()
            {
                throw new InvalidOperationException("no drive");
            }

            public void Save(string text)
            {
                throw new InvalidOperationException("no drive");
            }
        }
    }
}
