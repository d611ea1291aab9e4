using AwsIotDevice.Core.Mqtt;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Mqtt
{
    /// <summary><see cref="MqttKeepAlive"/> on its own: the keep-alive rules as plain numbers.</summary>
    [TestClass]
    public class MqttKeepAliveTimingTests
    {
        [TestMethod]
        public void OutboundTrafficAloneDoesNotPostponeThePing()
        {
            MqttKeepAlive keepAlive = new MqttKeepAlive();
            keepAlive.Start(0, 60, 5000);
            for (long t = 10000; t < 60000; t += 10000)
            {
                keepAlive.Outbound(t);
                Assert.AreEqual(MqttKeepAlive.Quiet, keepAlive.Check(t));
            }

            Assert.AreEqual(60000L, keepAlive.NextEventMs(), "inbound has been silent since 0");
            Assert.AreEqual(MqttKeepAlive.PingDue, keepAlive.Check(60000));
        }

        [TestMethod]
        public void InboundTrafficAloneDoesNotPostponeThePingEither()
        {
            MqttKeepAlive keepAlive = new MqttKeepAlive();
            keepAlive.Start(0, 60, 5000);
            keepAlive.Inbound(50000);

            Assert.AreEqual(MqttKeepAlive.PingDue, keepAlive.Check(60000), "the broker has heard nothing for 60 s");
        }

        [TestMethod]
        public void AnUnansweredPingExpiresAfterTheResponseTimeAndAnyInboundByteAnswersIt()
        {
            MqttKeepAlive keepAlive = new MqttKeepAlive();
            keepAlive.Start(0, 60, 5000);
            keepAlive.PingSent(60000);
            Assert.IsTrue(keepAlive.PingPending);
            Assert.AreEqual(65000L, keepAlive.NextEventMs());
            Assert.AreEqual(MqttKeepAlive.Quiet, keepAlive.Check(64999));
            Assert.AreEqual(MqttKeepAlive.Expired, keepAlive.Check(65000));

            keepAlive.Inbound(64000);
            Assert.IsFalse(keepAlive.PingPending);
            Assert.AreEqual(MqttKeepAlive.Quiet, keepAlive.Check(65000));
            Assert.AreEqual(120000L, keepAlive.NextEventMs(), "quiet since the PINGREQ at 60 s");
        }

        [TestMethod]
        public void ZeroSecondsTurnsItOff()
        {
            MqttKeepAlive keepAlive = new MqttKeepAlive();
            keepAlive.Start(0, 0, 5000);

            Assert.AreEqual(MqttKeepAlive.Quiet, keepAlive.Check(long.MaxValue / 2));
            Assert.AreEqual(long.MaxValue, keepAlive.NextEventMs());
        }
    }
}
