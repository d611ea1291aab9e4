using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Auth;
using AwsIotDevice.Core.Mqtt;
using AwsIotDevice.Core.Text;
using AwsIotDevice.Tests.Fakes;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Mqtt
{
    /// <summary>
    /// Issue #12 item 10: in domain mode (raw MQTT over TLS, the board's route to a domain configuration) a broker that
    /// goes silent is found while the device keeps publishing QoS 0 more often than the keep-alive. The supervisor's loop
    /// is "publish, then Process for the sample interval"; with a keep-alive clock that only counted outbound traffic,
    /// every publish would postpone the PINGREQ and the dead link would never be noticed.
    /// </summary>
    [TestClass]
    public class CoreMqttLinkDeadLinkTests
    {
        private const int KeepAliveSeconds = 60;
        private const int IntervalMs = 10000;
        private const int PingResponseMs = 5000;

        private static readonly byte[] Payload = Utf8.GetBytes("{\"seq\":1}");

        private static void Silent(FakeBroker broker, int connection)
        {
            // A link that died after CONNACK: publishes vanish, nothing comes back, not even PINGRESP.
            broker.AnswerPings = false;
        }

        [TestMethod]
        public void ASilentBrokerIsDetectedInDomainModeWhilePublishingQosZeroFasterThanTheKeepAlive()
        {
            FakeClock clock = new FakeClock();
            FakeTlsConnector tls = new FakeTlsConnector(clock);
            tls.Setup = Silent;
            CoreMqttLinkOptions options = new CoreMqttLinkOptions();
            options.PingResponseTimeoutMs = PingResponseMs;
            CoreMqttLink link = new CoreMqttLink(tls, clock, new LcgRandom(3), options);
            MqttConnectRequest request = new MqttConnectRequest();
            request.Host = "iot.example.com";
            request.Port = 443;
            request.Mode = TransportMode.Domain;
            request.ClientId = "dev-1";
            request.KeepAliveSeconds = KeepAliveSeconds;
            request.CleanSession = true;
            request.Username = AuthUsername.Build("device", "MyAuth", "c2ln", "token", "tok");
            Assert.AreEqual(FaultNames.Of(Fault.None), FaultNames.Of(link.Connect(request)), link.LastErrorDetail);
            Assert.IsFalse((bool)tls.Alpn[0], "domain mode: no ALPN");
            Assert.IsFalse(tls.Last.IsWebSocket, "domain mode: raw MQTT");
            long connectedAt = clock.UptimeMs;

            Fault fault = Fault.None;
            int published = 0;
            while (fault == Fault.None && clock.UptimeMs - connectedAt < 10L * KeepAliveSeconds * 1000)
            {
                fault = link.Publish("devices/dev-1/telemetry", Payload, Payload.Length, 0, 1000);
                if (fault == Fault.None)
                {
                    published++;
                    fault = link.Process(IntervalMs);
                }
            }

            Assert.AreEqual(FaultNames.Of(Fault.KeepAliveTimeout), FaultNames.Of(fault), link.LastErrorDetail);
            long detectedAfter = clock.UptimeMs - connectedAt;
            Assert.IsTrue(detectedAfter <= KeepAliveSeconds * 1000L + PingResponseMs + IntervalMs,
                "dead link found after " + detectedAfter.ToString() + " ms, not within keep-alive + ping response");
            Assert.IsTrue(published >= 5, "the device published every interval meanwhile");
            Assert.AreEqual(1, tls.Last.Pings, "one unanswered PINGREQ despite the steady QoS 0 traffic");
            Assert.IsFalse(link.IsConnected);
            Assert.IsTrue(tls.Last.Closed, "the dead link is torn down");
        }
    }
}
