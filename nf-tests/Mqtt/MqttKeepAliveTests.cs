using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Text;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Mqtt
{
    /// <summary>
    /// Keep-alive 60 s, ping response time 5 s (see <see cref="MqttRig"/>). The device's loop is "publish QoS 0, then
    /// Process for the sample interval", as the supervisor will run it.
    /// </summary>
    [TestClass]
    public class MqttKeepAliveTests
    {
        private static readonly byte[] Payload = Utf8.GetBytes("{\"seq\":1}");

        [TestMethod]
        public void ASilentBrokerIsDetectedEvenWhileTheDevicePublishesQosZero()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();

            Fault fault = RunPublishingLoop(rig, 10000, 200000);

            rig.AssertFault(Fault.KeepAliveTimeout, fault);
            Assert.AreEqual(65000L, rig.Clock.UptimeMs, "PINGREQ at 60 s, dead 5 s later");
            Assert.AreEqual(1, rig.Client.PingsSent);
            Assert.IsFalse(rig.Client.IsConnected);
            Assert.IsTrue(rig.Transport.Closed);
            Assert.Contains("within 5000 ms of PINGREQ", rig.Client.LastErrorDetail);
            byte[] written = rig.Transport.Written();
            Assert.IsTrue(ContainsPingreq(written), "a PINGREQ was written");
        }

        [TestMethod]
        public void PingrespKeepsTheSessionAliveCycleAfterCycle()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();
            rig.Transport.ReplyTo(0xC0, MqttBytes.Pingresp());

            Fault fault = RunPublishingLoop(rig, 10000, 300000);

            rig.AssertFault(Fault.None, fault);
            Assert.IsTrue(rig.Client.IsConnected);
            Assert.AreEqual(5, rig.Client.PingsSent, "one PINGREQ per quiet minute: 60, 120, 180, 240, 300 s");
        }

        [TestMethod]
        public void AnyInboundPacketAnswersAPendingPing()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();
            rig.Transport.AddAt(62000, MqttBytes.Publish("cmd", "x", 0, 0));

            Fault fault = RunPublishingLoop(rig, 10000, 120000);

            rig.AssertFault(Fault.None, fault);
            Assert.AreEqual(1, rig.Client.PingsSent, "pinged at 60 s; the next is due at 122 s");
            Assert.AreEqual(1, rig.Handler.Topics.Count);
        }

        [TestMethod]
        public void ADeviceThatOnlyReceivesStillPingsSoTheBrokerSeesTraffic()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();
            for (int t = 10000; t <= 60000; t += 10000)
            {
                rig.Transport.AddAt(t, MqttBytes.Publish("cmd", "x", 0, 0));
            }

            rig.AssertFault(Fault.None, rig.Client.Process(60000));

            Assert.AreEqual(1, rig.Client.PingsSent, "sixty seconds without sending anything");
            Assert.AreEqual(6, rig.Handler.Topics.Count);
        }

        [TestMethod]
        public void APingrespWaitingUnreadIsSeenBeforeThePublishingCallerIsToldTheLinkIsDead()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();
            rig.AssertFault(Fault.None, rig.Client.Process(60000));
            Assert.AreEqual(1, rig.Client.PingsSent);
            rig.Transport.AddAt(61000, MqttBytes.Pingresp());

            // The caller was busy elsewhere past the ping response time; the answer sits in the transport.
            rig.Clock.Advance(10000);
            rig.AssertFault(Fault.None, rig.Client.Publish("t", Payload, 0, Payload.Length, 0, 1000));

            Assert.IsTrue(rig.Client.IsConnected);
        }

        [TestMethod]
        public void KeepAliveZeroNeverPingsAndNeverTimesOut()
        {
            MqttRig rig = new MqttRig(4);
            rig.Options.KeepAliveSeconds = 0;
            rig.Connect();

            rig.AssertFault(Fault.None, rig.Client.Process(600000));

            Assert.AreEqual(0, rig.Client.PingsSent);
            Assert.IsTrue(rig.Client.IsConnected);
        }

        [TestMethod]
        public void ProcessWakesForTheKeepAliveInsideALongWaitAndReturnsAtItsDeadline()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();
            rig.Transport.ReplyTo(0xC0, MqttBytes.Pingresp());

            rig.AssertFault(Fault.None, rig.Client.Process(90000));

            Assert.AreEqual(90000L, rig.Clock.UptimeMs);
            Assert.AreEqual(1, rig.Client.PingsSent);
            Assert.IsTrue(rig.Transport.ReadTimeouts.Contains(60000), "the first read ended at the ping time, not the deadline");
        }

        private static Fault RunPublishingLoop(MqttRig rig, int intervalMs, long untilMs)
        {
            while (rig.Clock.UptimeMs < untilMs)
            {
                Fault fault = rig.Client.Publish("telemetry", Payload, 0, Payload.Length, 0, 1000);
                if (fault == Fault.None)
                {
                    fault = rig.Client.Process(intervalMs);
                }

                if (fault != Fault.None)
                {
                    return fault;
                }
            }

            return Fault.None;
        }

        private static bool ContainsPingreq(byte[] written)
        {
            for (int i = 0; i + 1 < written.Length; i++)
            {
                if (written[i] == 0xC0 && written[i + 1] == 0x00)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
