using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Supervision;
using AwsIotDevice.Tests.Fakes;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Supervision
{
    /// <summary>A new wifi.ssid or wifi.password is joined even while the device has an address on the old network.</summary>
    [TestClass]
    public class SupervisorWifiChangeTests
    {
        private static SupervisorRig PublishingOnBenchAp()
        {
            SupervisorRig rig = new SupervisorRig();
            rig.Network.KnownSsids = new string[] { "bench-ap", "lab-ap" };
            rig.Provision();
            rig.RunUntil(30000);
            Assert.AreEqual("bench-ap", rig.Network.CurrentSsid);
            Assert.AreEqual((int)SupervisorState.Publishing, (int)rig.Status().State);
            return rig;
        }

        private static SupervisorConfig Changed(string ssid, string password)
        {
            SupervisorConfig config = SupervisorRig.ValidConfig();
            config.WifiSsid = ssid;
            config.WifiPassword = password;
            return config;
        }

        [TestMethod]
        public void ANewSsidIsJoinedWhileTheOldNetworkIsUp()
        {
            SupervisorRig rig = PublishingOnBenchAp();
            Assert.IsNull(rig.Supervisor.ApplyConfig(Changed("lab-ap", "lab-SECRET-pw")));
            rig.RunUntil(60000);

            Assert.AreEqual("lab-ap", rig.Network.CurrentSsid, "the configured network is joined");
            Assert.AreEqual(1, rig.Network.LeaveCalls);
            Assert.AreEqual(2, rig.Network.JoinCalls);
            Assert.AreEqual("lab-SECRET-pw", rig.Network.LastPassword);
            Assert.AreEqual((int)SupervisorState.Publishing, (int)rig.Status().State);
            rig.AssertNothingLost();
        }

        [TestMethod]
        public void TheNetworkIsNotLeftUnderACallStillRunningOnTheWorker()
        {
            SupervisorRig rig = PublishingOnBenchAp();
            FakeCallWorker worker = new FakeCallWorker(rig.Clock);
            rig.Supervisor.CallWorker = worker;

            // The close of the old session blocks past its bound and is abandoned, still running.
            worker.Hold = true;
            Assert.IsNull(rig.Supervisor.ApplyConfig(Changed("lab-ap", "lab-SECRET-pw")));
            rig.RunUntil(rig.Clock.UptimeMs + 60000);
            Assert.AreEqual(0, rig.Network.LeaveCalls, "not left while the worker is busy");
            Assert.IsTrue(rig.Status().FaultCounts[(int)Fault.Timeout] >= 1);

            worker.Hold = false;
            worker.Release();
            rig.RunUntil(rig.Clock.UptimeMs + 300000);
            Assert.AreEqual("lab-ap", rig.Network.CurrentSsid, "joined once the call returned");
            Assert.AreEqual(1, rig.Network.LeaveCalls);
            Assert.AreEqual((int)SupervisorState.Publishing, (int)rig.Status().State);
        }

        [TestMethod]
        public void ANewPasswordForTheSameSsidIsJoinedAgain()
        {
            SupervisorRig rig = PublishingOnBenchAp();
            Assert.IsNull(rig.Supervisor.ApplyConfig(Changed("bench-ap", "new-SECRET-pw")));
            rig.RunUntil(60000);

            Assert.AreEqual(1, rig.Network.LeaveCalls, "the link made with the old password is dropped");
            Assert.AreEqual(2, rig.Network.JoinCalls);
            Assert.AreEqual("new-SECRET-pw", rig.Network.LastPassword);
            Assert.AreEqual("bench-ap", rig.Network.CurrentSsid);
            Assert.AreEqual((int)SupervisorState.Publishing, (int)rig.Status().State);
        }

        [TestMethod]
        public void AnUnreachableNewSsidIsRetriedAndTheOldNetworkIsNotUsed()
        {
            SupervisorRig rig = PublishingOnBenchAp();
            int connects = rig.Status().Connects;
            Assert.IsNull(rig.Supervisor.ApplyConfig(Changed("gone-ap", "x-SECRET-pw")));
            rig.RunUntil(120000);

            SupervisorStatus status = rig.Status();
            Assert.IsNull(rig.Network.CurrentSsid, "not associated with the old network any more");
            Assert.AreEqual("gone-ap", rig.Network.LastSsid);
            Assert.IsTrue(status.CountOf(Fault.NetworkDown) >= 2, "the configured network is retried with backoff");
            Assert.AreEqual(connects, status.Connects, "nothing is sent over the old network");
            Assert.AreEqual((int)SupervisorState.Network, (int)status.State);
        }

        [TestMethod]
        public void AnotherChangeKeepsTheNetwork()
        {
            SupervisorRig rig = PublishingOnBenchAp();
            SupervisorConfig config = SupervisorRig.ValidConfig();
            config.Topic = "devices/dev-1/other";
            Assert.IsNull(rig.Supervisor.ApplyConfig(config));
            rig.RunUntil(60000);

            Assert.AreEqual(0, rig.Network.LeaveCalls);
            Assert.AreEqual(1, rig.Network.JoinCalls);
            Assert.AreEqual((int)SupervisorState.Publishing, (int)rig.Status().State);
        }

        [TestMethod]
        public void AnAddressOnAnotherNetworkAtBootIsLeftForTheConfiguredOne()
        {
            // The radio re-associated by itself with the network of its stored configuration before Core ran.
            SupervisorRig rig = new SupervisorRig();
            rig.Network.KnownSsids = new string[] { "bench-ap", "old-ap" };
            rig.Network.AssociateWith("old-ap");
            rig.Provision();
            rig.RunUntil(30000);

            Assert.AreEqual("bench-ap", rig.Network.CurrentSsid);
            Assert.AreEqual(1, rig.Network.LeaveCalls);
            Assert.AreEqual(1, rig.Network.JoinCalls);
            Assert.AreEqual((int)SupervisorState.Publishing, (int)rig.Status().State);
        }
    }
}
