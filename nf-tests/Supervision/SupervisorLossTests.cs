using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Supervision;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Supervision
{
    /// <summary>How the supervisor names the loss of an accepted session (see SessionLossClassifier).</summary>
    [TestClass]
    public class SupervisorLossTests
    {
        [TestMethod]
        public void SeveralAcknowledgedPublishesThenACutIsConnectionLost()
        {
            // As in `iotctl demo`: 1 s readings acknowledged for 3 s, then the link is cut, inside the early window.
            SupervisorRig rig = new SupervisorRig();
            rig.Config.SampleIntervalMs = 1000;
            rig.Link.CloseAfterMs = new int[] { 3500 };
            rig.Provision();
            rig.RunUntil(20000);

            SupervisorStatus status = rig.Status();
            Assert.IsTrue(rig.Link.Payloads.Count >= 4, "readings were acknowledged before the cut");
            Assert.AreEqual(1, status.CountOf(Fault.ConnectionLost));
            Assert.AreEqual(0, status.CountOf(Fault.ClosedAfterConnack));
            Assert.AreEqual(0, rig.Log.CountContaining("policy"), "a cut link must not blame the policy");
            Assert.AreEqual(2, status.Connects);
            rig.AssertNothingLost();
        }

        [TestMethod]
        public void Qos0PublishesThenACutAfterTheWindowIsConnectionLost()
        {
            SupervisorRig rig = new SupervisorRig();
            rig.Config.Qos = 0;
            rig.Config.SampleIntervalMs = 1000;
            rig.Link.CloseAfterMs = new int[] { 8500 };
            rig.Provision();
            rig.RunUntil(30000);

            SupervisorStatus status = rig.Status();
            Assert.AreEqual(1, status.CountOf(Fault.ConnectionLost));
            Assert.AreEqual(0, status.CountOf(Fault.ClosedAfterConnack));
        }

        [TestMethod]
        public void ImmediateCloseIsStillClosedAfterConnack()
        {
            SupervisorRig rig = new SupervisorRig();
            rig.Config.SampleIntervalMs = 1000;
            rig.Link.CloseAfterMs = new int[] { 0 };
            rig.Provision();
            rig.RunUntil(20000);

            SupervisorStatus status = rig.Status();
            Assert.AreEqual(1, status.CountOf(Fault.ClosedAfterConnack));
            Assert.AreEqual(0, status.CountOf(Fault.ConnectionLost));
            Assert.AreEqual(1, rig.Log.CountContaining("policy"), "the log points at the policy");
        }
    }
}
