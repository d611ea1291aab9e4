using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Mqtt;
using AwsIotDevice.Tests.Fakes;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Mqtt
{
    /// <summary>The board's link choice: each connection goes to the link of its mode, and the session's calls follow it.</summary>
    [TestClass]
    public class MqttLinkRouterTests
    {
        private static MqttConnectRequest Request(TransportMode mode)
        {
            MqttConnectRequest request = new MqttConnectRequest();
            request.Host = "abc123-ats.iot.eu-west-1.amazonaws.com";
            request.Port = 443;
            request.Mode = mode;
            request.ClientId = "dev-1";
            request.Username = "device";
            return request;
        }

        [TestMethod]
        public void EachModeGoesToItsLinkAndTheSessionFollows()
        {
            FakeClock clock = new FakeClock();
            FakeMqttLink core = new FakeMqttLink(clock);
            FakeMqttLink m2mqtt = new FakeMqttLink(clock);
            MqttLinkRouter router = new MqttLinkRouter(core, m2mqtt, core);

            Assert.AreEqual("None", FaultNames.Of(router.Connect(Request(TransportMode.Wss))));
            Assert.AreEqual(1, core.ConnectTimes.Count);
            Assert.AreSame(core, router.Current);
            Assert.IsTrue(router.IsConnected);
            Assert.AreEqual("None", FaultNames.Of(router.Publish("t/1", new byte[] { 0x31 }, 1, 1, 1000)));
            Assert.AreEqual("None", FaultNames.Of(router.Process(500)));
            Assert.AreEqual(1, core.Payloads.Count);
            Assert.AreEqual(1, core.ProcessCalls);

            Assert.AreEqual("None", FaultNames.Of(router.Connect(Request(TransportMode.Domain))));
            Assert.AreEqual(1, core.CloseCalls, "the previous session is closed on its own link");
            Assert.AreEqual(1, m2mqtt.ConnectTimes.Count);
            Assert.AreSame(m2mqtt, router.Current);
            router.Publish("t/1", new byte[] { 0x32 }, 1, 1, 1000);
            Assert.AreEqual(1, m2mqtt.Payloads.Count);
            Assert.AreEqual(1, core.Payloads.Count);

            router.Close();
            Assert.AreEqual(1, m2mqtt.CloseCalls);
            Assert.IsFalse(router.IsConnected);
        }

        [TestMethod]
        public void SubscriptionsFollowTheSessionAndTheHandlerReachesEveryLink()
        {
            FakeClock clock = new FakeClock();
            FakeMqttLink core = new FakeMqttLink(clock);
            FakeMqttLink other = new FakeMqttLink(clock);
            MqttLinkRouter router = new MqttLinkRouter(null, other, core);
            RecordingHandler handler = new RecordingHandler();

            Assert.AreEqual("ConnectionLost", FaultNames.Of(router.Subscribe("cmd/dev-1", 1, 1000)), "no session yet");
            router.MessageHandler = handler;
            Assert.AreSame(handler, router.MessageHandler);
            Assert.AreSame(handler, core.MessageHandler);
            Assert.AreSame(handler, other.MessageHandler);

            router.Connect(Request(TransportMode.Domain));
            Assert.AreEqual("None", FaultNames.Of(router.Subscribe("cmd/dev-1", 1, 1000)));
            Assert.AreEqual(1, other.Subscriptions.Count);
            Assert.AreEqual(0, core.Subscriptions.Count);

            other.Deliver("cmd/dev-1", new byte[] { 0x41 });
            router.Process(100);
            Assert.AreEqual(1, handler.Topics.Count);
            Assert.AreEqual("cmd/dev-1", (string)handler.Topics[0]);
        }

        [TestMethod]
        public void AModeWithoutALinkFailsWithoutNetworkTraffic()
        {
            FakeClock clock = new FakeClock();
            FakeMqttLink core = new FakeMqttLink(clock);
            MqttLinkRouter router = new MqttLinkRouter(null, null, core);

            Assert.AreEqual("AlpnUnavailable", FaultNames.Of(router.Connect(Request(TransportMode.Alpn))));
            Assert.Contains("aws.mode=wss", router.LastErrorDetail);
            Assert.AreEqual("Internal", FaultNames.Of(router.Connect(Request(TransportMode.Domain))));
            Assert.Contains("aws.mode=domain", router.LastErrorDetail);
            Assert.AreEqual(0, core.ConnectTimes.Count);
            Assert.IsFalse(router.IsConnected);
            Assert.AreEqual("ConnectionLost", FaultNames.Of(router.Publish("t/1", new byte[1], 1, 1, 1000)));
            Assert.AreEqual("ConnectionLost", FaultNames.Of(router.Process(100)));
            router.Close();
        }

        [TestMethod]
        public void LinkFaultsAndDetailsComeFromTheRoutedLink()
        {
            FakeClock clock = new FakeClock();
            FakeMqttLink core = new FakeMqttLink(clock);
            core.DefaultConnectResult = Fault.UpgradeRefused;
            MqttLinkRouter router = new MqttLinkRouter(core, core, core);

            Assert.AreEqual("UpgradeRefused", FaultNames.Of(router.Connect(Request(TransportMode.Wss))));
            Assert.AreEqual(core.LastErrorDetail, router.LastErrorDetail);
        }
    }
}
