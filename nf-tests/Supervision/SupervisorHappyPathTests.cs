using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Supervision;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Supervision
{
    [TestClass]
    public class SupervisorHappyPathTests
    {
        [TestMethod]
        public void ReachesPublishingAndDeliversReadingsInOrder()
        {
            SupervisorRig rig = new SupervisorRig();
            rig.Provision();
            rig.RunUntil(65000);

            SupervisorStatus status = rig.Status();
            Assert.AreEqual((int)SupervisorState.Publishing, (int)status.State);
            Assert.IsTrue(status.Connected);
            long[] delivered = rig.Link.DeliveredSequences();
            Assert.AreEqual(7, rig.Sensors.Samples, "one sample every 10 s from 0 to 60 s");
            Assert.AreEqual(7, delivered.Length);
            for (int i = 0; i < delivered.Length; i++)
            {
                Assert.AreEqual((long)(i + 1), delivered[i], "delivery order");
            }

            Assert.AreEqual(7L, status.Published);
            Assert.AreEqual(0, status.Queued);
            Assert.AreEqual(1, status.ConnectAttempts);
            Assert.AreEqual(1, status.Connects);
            Assert.AreEqual((int)Fault.None, (int)status.LastFault);
            Assert.AreEqual(1, rig.Link.LastQos);
            Assert.AreEqual(rig.Config.Topic, (string)rig.Link.Topics[0]);
            Assert.Contains("\"device\":\"dev-1\"", (string)rig.Link.Payloads[0]);
        }

        [TestMethod]
        public void PassesConfigurationToNetworkAndLink()
        {
            SupervisorRig rig = new SupervisorRig();
            rig.Provision();
            rig.StepUntilConnects(1);

            MqttConnectRequest request = (MqttConnectRequest)rig.Link.ConnectRequests[0];
            Assert.AreEqual(rig.Config.Host, request.Host);
            Assert.AreEqual(443, request.Port);
            Assert.AreEqual((int)TransportMode.Domain, (int)request.Mode);
            Assert.AreEqual("dev-1", request.ClientId);
            Assert.AreEqual(rig.Config.BuildUsername(), request.Username);
            Assert.StartsWith("device?x-amz-customauthorizer-name=DeviceAuthorizer&", request.Username);
            Assert.AreEqual(SupervisorRig.MqttPassword, request.Password);
            Assert.AreEqual(60, request.KeepAliveSeconds);
            Assert.AreEqual(SupervisorRig.WifiPassword, rig.Network.LastPassword);
        }

        [TestMethod]
        public void LogsEveryStateChange()
        {
            SupervisorRig rig = new SupervisorRig();
            rig.Provision();
            rig.RunUntil(1000);

            Assert.AreEqual(1, rig.Log.CountContaining("state Provisioning -> Network"));
            Assert.AreEqual(1, rig.Log.CountContaining("state Network -> Time"));
            Assert.AreEqual(1, rig.Log.CountContaining("state Time -> Connecting"));
            Assert.AreEqual(1, rig.Log.CountContaining("state Connecting -> Publishing"));
        }

        [TestMethod]
        public void StaysInProvisioningWithoutValidConfiguration()
        {
            SupervisorRig rig = new SupervisorRig();
            for (int i = 0; i < 3; i++)
            {
                Assert.AreEqual((int)SupervisorState.Provisioning, (int)rig.Supervisor.Step());
            }

            Assert.IsTrue(rig.Clock.UptimeMs >= 3000, "waiting for provisioning must not spin");
            Assert.AreEqual(0, rig.Sensors.Samples, "nothing is sampled before provisioning");
            Assert.AreEqual(0, rig.Network.JoinCalls);
            Assert.AreEqual(0, rig.Link.ConnectTimes.Count);

            SupervisorConfig bad = SupervisorRig.ValidConfig();
            bad.Host = string.Empty;
            string problem = rig.Supervisor.ApplyConfig(bad);
            Assert.IsNotNull(problem);
            Assert.Contains("aws.endpoint", problem);
            Assert.AreEqual((int)SupervisorState.Provisioning, (int)rig.Supervisor.Step());
            SupervisorStatus status = rig.Status();
            Assert.AreEqual((int)Fault.NotProvisioned, (int)status.LastFault);
            Assert.AreEqual(1, status.CountOf(Fault.NotProvisioned));
            Assert.StartsWith("state=Provisioning ", status.Describe());

            Assert.IsNull(rig.Supervisor.ApplyConfig(SupervisorRig.ValidConfig()));
            Assert.AreEqual((int)SupervisorState.Network, (int)rig.Supervisor.Step());
            Assert.IsTrue(rig.Supervisor.IsProvisioned);
        }

        [TestMethod]
        public void InvalidReconfigurationKeepsRunningTheOldOne()
        {
            SupervisorRig rig = new SupervisorRig();
            rig.Provision();
            rig.RunUntil(20000);
            SupervisorConfig bad = SupervisorRig.ValidConfig();
            bad.Qos = 2;
            Assert.Contains("telemetry.qos", rig.Supervisor.ApplyConfig(bad));
            rig.RunUntil(40000);

            Assert.AreEqual((int)SupervisorState.Publishing, (int)rig.Status().State);
            Assert.AreEqual(1, rig.Status().Connects, "a rejected configuration must not interrupt the session");
            rig.AssertNothingLost();
        }

        [TestMethod]
        public void NewConfigurationReconnectsAndKeepsQueuedReadings()
        {
            SupervisorRig rig = new SupervisorRig();
            rig.Provision();
            rig.RunUntil(25000);
            SupervisorConfig next = SupervisorRig.ValidConfig();
            next.Topic = "devices/dev-1/other";
            Assert.IsNull(rig.Supervisor.ApplyConfig(next));
            int closesBefore = rig.Link.CloseCalls;
            Assert.AreEqual((int)SupervisorState.Network, (int)rig.Supervisor.Step());
            Assert.IsFalse(rig.Status().Connected, "the old session ends when the new configuration is adopted");
            Assert.AreEqual(closesBefore + 1, rig.Link.CloseCalls);
            rig.RunUntil(60000);

            Assert.AreEqual(2, rig.Status().Connects, "the new configuration takes a new session");
            Assert.AreEqual("devices/dev-1/other", (string)rig.Link.Topics[rig.Link.Topics.Count - 1]);
            rig.AssertNothingLost();
        }

        [TestMethod]
        public void RunReturnsAfterRequestStop()
        {
            SupervisorRig rig = new SupervisorRig();
            rig.Provision();
            Supervisor supervisor = rig.Supervisor;
            supervisor.Run(() =>
            {
                if (rig.Clock.UptimeMs >= 30000)
                {
                    supervisor.RequestStop();
                }

                return false;
            });

            Assert.IsTrue(rig.Clock.UptimeMs >= 30000 && rig.Clock.UptimeMs <= 31000, "stop noticed within one poll");
            rig.RunUntil(50000);
            Assert.AreEqual(1, rig.Status().Connects, "Run can be resumed without a new session");
        }
    }
}
