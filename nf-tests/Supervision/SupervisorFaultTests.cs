using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Supervision;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Supervision
{
    /// <summary>Each injected fault gets its name, its counter, a full-jitter backoff, and the device recovers.</summary>
    [TestClass]
    public class SupervisorFaultTests
    {
        // DnsFailure, TcpFailure, TlsFailure, ConnectTimeout, ConnectRefused.
        [DataRow(5)]
        [DataRow(6)]
        [DataRow(7)]
        [DataRow(9)]
        [DataRow(10)]
        public void ConnectFaultIsNamedCountedBackedOffAndRecovers(int faultValue)
        {
            Fault fault = (Fault)faultValue;
            string name = FaultNames.Of(fault);
            SupervisorRig rig = new SupervisorRig();
            rig.Link.ConnectResults = new Fault[] { fault, fault };
            rig.Provision();
            rig.StepUntilConnects(1);

            SupervisorStatus status = rig.Status();
            Assert.AreEqual((int)SupervisorState.Connecting, (int)status.State);
            Assert.IsFalse(status.Connected);
            Assert.AreEqual(faultValue, (int)status.LastFault);
            Assert.AreEqual(1, status.CountOf(fault));
            Assert.AreEqual(1, rig.Random.Count, "one jitter draw per fault");
            Assert.AreEqual(1001, rig.Random.BoundAt(0), "first delay is random(0, base)");
            Assert.AreEqual(rig.Random.ValueAt(0), status.LastDelayMs);
            Assert.AreEqual(1, status.BackoffAttempt);
            Assert.AreEqual(1, rig.Log.CountContaining("fault " + name));
            Assert.Contains("lastFault=" + name, status.Describe());

            rig.RunUntil(60000);
            status = rig.Status();
            Assert.AreEqual((int)SupervisorState.Publishing, (int)status.State);
            Assert.AreEqual(2, status.CountOf(fault));
            Assert.AreEqual(2001, rig.Random.BoundAt(1), "second delay is random(0, 2 * base)");
            Assert.AreEqual(3, status.ConnectAttempts);
            Assert.AreEqual(1, status.Connects);
            Assert.IsTrue(rig.Link.ConnectTime(1) - rig.Link.ConnectTime(0) >= rig.Random.ValueAt(0), "waited the first delay");
            Assert.IsTrue(rig.Link.ConnectTime(2) - rig.Link.ConnectTime(1) >= rig.Random.ValueAt(1), "waited the second delay");
            rig.AssertNothingLost();
        }

        [TestMethod]
        public void NetworkJoinFailureBacksOffAndRejoins()
        {
            SupervisorRig rig = new SupervisorRig();
            rig.Network.JoinResults = new Fault[] { Fault.NetworkDown, Fault.WifiAuthFailed, Fault.NetworkDown };
            rig.Provision();
            rig.RunUntil(60000);

            SupervisorStatus status = rig.Status();
            Assert.AreEqual(2, status.CountOf(Fault.NetworkDown));
            Assert.AreEqual(1, status.CountOf(Fault.WifiAuthFailed));
            Assert.AreEqual(4, rig.Network.JoinCalls);
            Assert.AreEqual(1001, rig.Random.BoundAt(0));
            Assert.AreEqual(2001, rig.Random.BoundAt(1));
            Assert.AreEqual(4001, rig.Random.BoundAt(2));
            Assert.AreEqual((int)SupervisorState.Publishing, (int)status.State);
            Assert.AreEqual(1, status.ConnectAttempts, "no CONNECT before the network is up");
            rig.AssertNothingLost();
        }

        [TestMethod]
        public void NetworkDropWhilePublishingClosesLinkAndRejoins()
        {
            SupervisorRig rig = new SupervisorRig();
            rig.Network.OutageFromMs = 25000;
            rig.Network.OutageUntilMs = 45000;
            rig.Provision();
            rig.RunUntil(200000);

            SupervisorStatus status = rig.Status();
            Assert.IsTrue(status.CountOf(Fault.NetworkDown) >= 1, "the drop is counted as NetworkDown");
            Assert.IsTrue(rig.Link.CloseCalls >= 1, "the session is closed");
            Assert.IsTrue(rig.Network.JoinCalls >= 2, "the network is joined again");
            Assert.AreEqual(2, status.Connects);
            Assert.IsTrue(rig.Link.ConnectTime(1) >= 45000, "no CONNECT while the network is down");
            Assert.AreEqual((int)SupervisorState.Publishing, (int)status.State);
            rig.AssertNothingLost();
        }

        [TestMethod]
        public void WaitsBoundedlyForTimeThenConnects()
        {
            SupervisorRig rig = new SupervisorRig();
            rig.Network.TimeValidFromMs = 150000;
            rig.Provision();
            rig.RunUntil(400000);

            SupervisorStatus status = rig.Status();
            Assert.IsTrue(status.CountOf(Fault.TimeNotSet) >= 1, "TimeNotSet after the bounded wait");
            Assert.IsTrue(status.CountOf(Fault.TimeNotSet) <= 3, "one per wait of TimeWaitMaxMs, not one per poll");
            Assert.IsTrue(rig.Link.ConnectTime(0) >= 150000, "no CONNECT before the clock is valid");
            Assert.AreEqual((int)SupervisorState.Publishing, (int)status.State);
            rig.AssertNothingLost();
        }

        [TestMethod]
        public void SocketClosedRightAfterConnackIsClosedAfterConnack()
        {
            SupervisorRig rig = new SupervisorRig();

            // Closed before the first reading could be published (a publish acknowledged first would prove the policy).
            rig.Link.CloseAfterMs = new int[] { 0 };
            rig.Provision();
            rig.RunUntil(60000);

            SupervisorStatus status = rig.Status();
            Assert.AreEqual(1, status.CountOf(Fault.ClosedAfterConnack));
            Assert.AreEqual(0, status.CountOf(Fault.ConnectionLost));
            Assert.AreEqual(1, rig.Log.CountContaining("fault ClosedAfterConnack"));
            Assert.AreEqual(1, rig.Log.CountContaining("policy"), "the log points at the policy");
            Assert.AreEqual(2, status.Connects);
            Assert.AreEqual((int)SupervisorState.Publishing, (int)status.State);
            rig.AssertNothingLost();
        }

        [TestMethod]
        public void FirstPublishLosingTheConnectionIsClosedAfterConnack()
        {
            SupervisorRig rig = new SupervisorRig();

            // AWS closes the socket on a publish the policy denies; it is the first publish of the session.
            rig.Link.PublishResults = new Fault[] { Fault.ConnectionLost };
            rig.Link.ConnectDurationMs = 100;
            rig.Provision();
            rig.RunUntil(60000);

            SupervisorStatus status = rig.Status();
            Assert.AreEqual(1, status.CountOf(Fault.ClosedAfterConnack));
            Assert.AreEqual(0, status.CountOf(Fault.ConnectionLost));
            Assert.AreEqual(1L, rig.Link.DeliveredSequences()[0], "the reading that failed is sent again first");
            rig.AssertNothingLost();
        }

        [TestMethod]
        public void LaterLossIsConnectionLost()
        {
            SupervisorRig rig = new SupervisorRig();
            rig.Link.CloseAfterMs = new int[] { 25000 };
            rig.Provision();
            rig.RunUntil(90000);

            SupervisorStatus status = rig.Status();
            Assert.AreEqual(1, status.CountOf(Fault.ConnectionLost));
            Assert.AreEqual(0, status.CountOf(Fault.ClosedAfterConnack));
            Assert.AreEqual(2, status.Connects);
            rig.AssertNothingLost();
        }

        [TestMethod]
        public void PublishTimeoutClosesReconnectsAndResends()
        {
            SupervisorRig rig = new SupervisorRig();
            rig.Link.PublishResults = new Fault[] { Fault.None, Fault.PublishTimeout };
            rig.Provision();
            rig.RunUntil(90000);

            SupervisorStatus status = rig.Status();
            Assert.AreEqual(1, status.CountOf(Fault.PublishTimeout));
            Assert.AreEqual(2, status.Connects);
            Assert.IsTrue(rig.Link.CloseCalls >= 1);
            long[] delivered = rig.Link.DeliveredSequences();
            Assert.AreEqual(1L, delivered[0]);
            Assert.AreEqual(2L, delivered[1], "the reading whose PUBACK timed out is sent again");
            Assert.AreEqual(1, rig.Random.Count);
            Assert.AreEqual(1001, rig.Random.BoundAt(0));
            rig.AssertNothingLost();
        }

        [TestMethod]
        public void RejectedPublishKeepsTheReading()
        {
            SupervisorRig rig = new SupervisorRig();
            rig.Link.PublishResults = new Fault[] { Fault.None, Fault.None, Fault.PublishRejected };
            rig.Provision();
            rig.RunUntil(90000);

            Assert.AreEqual(1, rig.Status().CountOf(Fault.PublishRejected));
            rig.AssertNothingLost();
        }

        [TestMethod]
        public void NoReadingLostAcrossManyFaults()
        {
            SupervisorRig rig = new SupervisorRig();
            rig.Link.ConnectResults = new Fault[]
            {
                Fault.DnsFailure, Fault.None, Fault.TlsFailure, Fault.None, Fault.ConnectRefused,
                Fault.ConnectTimeout, Fault.None, Fault.None, Fault.None,
            };
            rig.Link.CloseAfterMs = new int[] { -1, 40000, -1, 1000, -1, -1, 60000, -1, -1 };
            rig.Link.PublishResults = new Fault[]
            {
                Fault.None, Fault.None, Fault.PublishTimeout, Fault.None, Fault.ConnectionLost,
                Fault.None, Fault.None, Fault.PublishTimeout,
            };
            rig.Link.ConnectDurationMs = 300;
            rig.Network.OutageFromMs = 300000;
            rig.Network.OutageUntilMs = 360000;
            rig.Provision();
            rig.RunUntil(900000);

            SupervisorStatus status = rig.Status();
            Assert.AreEqual((int)SupervisorState.Publishing, (int)status.State);
            int faults = 0;
            for (int i = 1; i < (int)Fault.Count; i++)
            {
                faults += status.FaultCounts[i];
            }

            Assert.IsTrue(faults >= 7, "the script injects at least seven faults, got " + faults.ToString());
            rig.AssertNothingLost();
        }
    }
}
