using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Supervision;
using AwsIotDevice.Core.Threading;
using AwsIotDevice.Tests.Fakes;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Supervision
{
    /// <summary>
    /// Blocking platform calls on a call worker: readings keep their interval and sequence while a join or connect
    /// blocks, a call past its bound is Fault.Timeout and the link is torn down, a stuck call restarts the device.
    /// </summary>
    [TestClass]
    public class SupervisorBoundedCallTests
    {
        private static SupervisorRig WithWorker(out FakeCallWorker worker)
        {
            SupervisorRig rig = new SupervisorRig();
            worker = new FakeCallWorker(rig.Clock);
            rig.Supervisor.CallWorker = worker;
            return rig;
        }

        // Every sample on the 10 s grid from 0, and seq 1, 2, 3, ... in delivery order with nothing dropped.
        private static void AssertOnTimeAndConsecutive(SupervisorRig rig, int atLeast)
        {
            Assert.IsTrue(rig.Sensors.Samples >= atLeast, "samples taken: " + rig.Sensors.Samples.ToString());
            for (int i = 0; i < rig.Sensors.Samples; i++)
            {
                Assert.AreEqual(i * 10000L, rig.Sensors.SampleTime(i), "sample " + i.ToString() + " on time");
            }

            long[] delivered = rig.Link.DeliveredSequences();
            for (int i = 1; i < delivered.Length; i++)
            {
                Assert.IsTrue(delivered[i] == delivered[i - 1] || delivered[i] == delivered[i - 1] + 1, "consecutive seq");
            }

            rig.AssertNothingLost();
        }

        [TestMethod]
        public void ReadingsKeepTheirIntervalAndSequenceWhileAConnectBlocks()
        {
            SupervisorRig rig = WithWorker(out FakeCallWorker worker);
            rig.Link.ConnectDurationMs = 40000;
            rig.Provision();
            rig.RunUntil(100000);

            Assert.AreEqual(1, rig.Status().Connects);
            Assert.AreEqual(0, rig.Status().CountOf(Fault.Timeout));
            Assert.AreEqual(40000L, rig.Link.Payloads.Count > 0 ? FirstPublishTime(rig) : -1L, "published once CONNACK came");
            AssertOnTimeAndConsecutive(rig, 10);
        }

        [TestMethod]
        public void ReadingsKeepTheirIntervalWhileAJoinBlocks()
        {
            SupervisorRig rig = WithWorker(out FakeCallWorker worker);
            rig.Network.JoinDurationMs = 35000;
            rig.Provision();
            rig.RunUntil(100000);

            Assert.AreEqual(1, rig.Network.JoinCalls);
            Assert.AreEqual(0, rig.Status().CountOf(Fault.Timeout));
            AssertOnTimeAndConsecutive(rig, 10);
        }

        [TestMethod]
        public void AConnectPastItsBoundIsTimeoutAndTheLinkIsTornDown()
        {
            SupervisorRig rig = WithWorker(out FakeCallWorker worker);
            rig.Link.ConnectDurationsMs = new int[] { 90000 };
            rig.Provision();
            rig.RunUntil(61000);

            SupervisorStatus status = rig.Status();
            Assert.IsTrue(status.CountOf(Fault.Timeout) >= 1);
            Assert.AreEqual((int)Fault.Timeout, (int)status.LastFault);
            Assert.AreEqual(1, rig.Log.CountContaining("did not finish within 60000 ms"), "timed out at the bound");
            Assert.AreEqual(1, rig.Link.ConnectTimes.Count, "retries while the worker is blocked start no CONNECT");
            Assert.IsTrue(rig.Link.AbortCalls >= 1, "the link is aborted");
            Assert.IsFalse(rig.Link.IsConnected, "the link is torn down");
            Assert.IsTrue(status.BackoffRemainingMs > 0 || status.LastDelayMs >= 0, "backoff continues");

            rig.RunUntil(200000);
            status = rig.Status();
            Assert.IsTrue(status.CountOf(Fault.Timeout) >= 1);
            Assert.AreEqual((int)SupervisorState.Publishing, (int)status.State, status.Describe());
            Assert.IsTrue(rig.Link.ConnectTime(1) >= 90000, "no second CONNECT while the first call still blocks the worker");
            AssertOnTimeAndConsecutive(rig, 20);
        }

        [TestMethod]
        public void AJoinPastItsBoundIsTimeout()
        {
            SupervisorRig rig = WithWorker(out FakeCallWorker worker);
            rig.Config.JoinBoundMs = 30000;
            rig.Network.JoinDurationMs = 45000;
            rig.Provision();
            rig.RunUntil(31000);

            SupervisorStatus status = rig.Status();
            Assert.IsTrue(status.CountOf(Fault.Timeout) >= 1);
            Assert.AreEqual(1, rig.Log.CountContaining("Wi-Fi join did not finish within 30000 ms"), "timed out at the bound");
            Assert.AreEqual(1, rig.Network.JoinCalls, "no second join while the first blocks the worker");
            Assert.AreEqual(0, rig.Link.ConnectTimes.Count, "nothing else starts while the worker is blocked");

            rig.RunUntil(100000);
            Assert.AreEqual((int)SupervisorState.Publishing, (int)rig.Status().State, rig.Status().Describe());
            Assert.IsTrue(rig.Link.ConnectTime(0) >= 45000, "the connect waited for the join to return");
            AssertOnTimeAndConsecutive(rig, 10);
        }

        [TestMethod]
        public void AStuckCallRestartsTheDevice()
        {
            SupervisorRig rig = WithWorker(out FakeCallWorker worker);
            worker.Hold = true;
            rig.Provision();

            Assert.ThrowsException(typeof(BlockedCallException), () => rig.RunUntil(3600000));

            long uptime = rig.Clock.UptimeMs;
            Assert.IsTrue(uptime >= SupervisorConfig.DefaultStuckRestartMs, "not before StuckRestartMs");
            Assert.IsTrue(uptime < SupervisorConfig.DefaultStuckRestartMs + 200000, "soon after it: " + uptime.ToString());
            Assert.IsTrue(rig.Status().CountOf(Fault.Timeout) >= 2, "each attempt while stuck is a Timeout");
            Assert.IsTrue(rig.Sensors.Samples >= 30, "readings were taken all along");
        }

        [TestMethod]
        public void ACloseThatBlocksIsBoundedAndTheLinkAborted()
        {
            SupervisorRig rig = WithWorker(out FakeCallWorker worker);
            rig.Link.CloseAfterMs = new int[] { 25000 };
            rig.Link.CloseDurationMs = 60000;
            rig.Provision();
            rig.RunUntil(40000);

            Assert.AreEqual(1, rig.Status().CountOf(Fault.ConnectionLost));
            Assert.IsTrue(rig.Link.AbortCalls >= 1, "a close past its bound aborts the link");
            for (int i = 0; i < rig.Sensors.Samples; i++)
            {
                Assert.AreEqual(i * 10000L, rig.Sensors.SampleTime(i), "sample " + i.ToString() + " on time");
            }
        }

        private static long FirstPublishTime(SupervisorRig rig)
        {
            // The first reading (taken at 0) goes out right after the CONNACK; the rig records CONNECT start times.
            return rig.Link.ConnectTime(0) + rig.Link.ConnectDurationMs;
        }
    }
}
