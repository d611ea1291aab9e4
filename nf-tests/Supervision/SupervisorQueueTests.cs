using AwsIotDevice.Core.Supervision;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Supervision
{
    [TestClass]
    public class SupervisorQueueTests
    {
        [TestMethod]
        public void LongOutageDropsOldestAndCountsThem()
        {
            SupervisorRig rig = new SupervisorRig(5);
            rig.Network.OutageFromMs = 35000;
            rig.Network.OutageUntilMs = 335000;
            rig.Provision();
            rig.RunUntil(700000);

            SupervisorStatus status = rig.Status();
            Assert.AreEqual((int)SupervisorState.Publishing, (int)status.State);
            Assert.IsTrue(status.Dropped >= 25, "30 samples into 5 slots must drop, dropped " + status.Dropped.ToString());
            Assert.AreEqual(rig.Queue.Dropped, status.Dropped);

            long[] delivered = rig.Link.DeliveredSequences();
            for (int i = 1; i < delivered.Length; i++)
            {
                Assert.IsTrue(delivered[i] > delivered[i - 1], "oldest first, no duplicates in this scenario");
            }

            // Every sample is accounted for exactly once: delivered, dropped (the oldest), or still queued.
            Assert.AreEqual((long)rig.Sensors.Samples, delivered.Length + status.Dropped + status.Queued);
            Assert.AreEqual(1, rig.Log.CountContaining("telemetry queue full"), "the drop is reported once per outage");
            string last = (string)rig.Link.Payloads[rig.Link.Payloads.Count - 1];
            Assert.Contains("\"dropped\":" + status.Dropped.ToString(), last);
            Assert.Contains("dropped=" + status.Dropped.ToString(), status.Describe());
        }

        [TestMethod]
        public void ReadingsQueueThroughAnOutageThatFits()
        {
            SupervisorRig rig = new SupervisorRig(50);
            rig.Network.OutageFromMs = 35000;
            rig.Network.OutageUntilMs = 335000;
            rig.Provision();
            rig.RunUntil(700000);

            Assert.AreEqual((int)SupervisorState.Publishing, (int)rig.Status().State);
            rig.AssertNothingLost();
        }

        [TestMethod]
        public void QosZeroIsPassedToTheLink()
        {
            SupervisorRig rig = new SupervisorRig();
            rig.Config.Qos = 0;
            rig.Provision();
            rig.RunUntil(30000);

            Assert.AreEqual(0, rig.Link.LastQos);
            rig.AssertNothingLost();
        }
    }
}
