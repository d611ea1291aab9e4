using System.Collections;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Backoff;
using AwsIotDevice.Core.Mqtt;
using AwsIotDevice.Core.Supervision;
using AwsIotDevice.Core.Telemetry;
using AwsIotDevice.Tests.Fakes;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Supervision
{
    /// <summary>
    /// The supervisor over the board's real wss route (CoreMqttLink: WebSocket upgrade with the credentials, Core's MQTT
    /// client) against a fake broker on a fake clock: every fault the route can meet is named and counted, backed off,
    /// recovered from, and nothing is lost while the queue has room.
    /// </summary>
    [TestClass]
    public class SupervisorWssTests
    {
        private static FakeClock _clock;
        private static FakeTlsConnector _tls;
        private static FakeSensors _sensors;
        private static TelemetryQueue _queue;
        private static ListLog _log;
        private static Supervisor _supervisor;

        private static void Build(FakeTlsConnector.BrokerSetup setup)
        {
            _clock = new FakeClock();
            _tls = new FakeTlsConnector(_clock);
            _tls.CanSendAlpn = false;
            _tls.Setup = setup;
            _sensors = new FakeSensors(_clock);
            _queue = new TelemetryQueue(100);
            _log = new ListLog();
            CoreMqttLink link = new CoreMqttLink(_tls, _clock, new LcgRandom(99), null);
            _supervisor = new Supervisor(new FakeNetwork(_clock), link, _clock, _sensors, _log, _queue,
                new BackoffPolicy(new LcgRandom(12345)), new ConnectGate());
            _supervisor.Capabilities = PlatformCapabilities.Of(_tls);
        }

        private static SupervisorConfig WssConfig()
        {
            SupervisorConfig config = SupervisorRig.ValidConfig();
            config.Mode = TransportMode.Wss;
            return config;
        }

        private static void RunUntil(long uptimeMs)
        {
            int checks = 0;
            _supervisor.Run(() =>
            {
                checks++;
                if (checks > SupervisorRig.MaxStopChecks)
                {
                    throw new System.InvalidOperationException("supervisor made no progress (runaway loop?)");
                }

                return _clock.UptimeMs >= uptimeMs;
            });
        }

        // Connection n (successful TLS connections only) misbehaves in the n-th way, then the broker is well-behaved.
        private static void FaultPerConnection(FakeBroker broker, int connection)
        {
            switch (connection)
            {
                case 0:
                    broker.UpgradeStatus = 401;
                    break;
                case 1:
                    broker.ConnackCode = FakeBroker.NoConnack;
                    break;
                case 2:
                    broker.ConnackCode = 5;
                    break;
                case 3:
                    broker.ConnackCode = FakeBroker.Silent;
                    break;
                case 4:
                    // AWS's answer to a publish the policy denies: the first QoS 1 publish closes the connection.
                    broker.DropAfterPublishes = 1;
                    break;
                case 5:
                    broker.DropAtMs = _clock.UptimeMs + 60000;
                    break;
                case 6:
                    broker.AckLimit = 2;
                    break;
                case 7:
                    broker.TextFrameAfterConnack = true;
                    break;
            }
        }

        [TestMethod]
        public void EveryFaultOfTheWssRouteIsNamedCountedAndRecoveredWithoutLosingAReading()
        {
            Build(FaultPerConnection);
            _tls.Results = new Fault[] { Fault.DnsFailure, Fault.TcpFailure, Fault.TlsFailure };
            Assert.IsNull(_supervisor.ApplyConfig(WssConfig()));

            RunUntil(1800000);

            SupervisorStatus status = _supervisor.GetStatus();
            Fault[] expected =
            {
                Fault.DnsFailure, Fault.TcpFailure, Fault.TlsFailure, Fault.UpgradeRefused, Fault.ConnectRefused,
                Fault.RefusedNotAuthorized, Fault.ConnectTimeout, Fault.ClosedAfterConnack, Fault.ConnectionLost,
                Fault.PublishTimeout, Fault.ProtocolError,
            };
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(1, status.CountOf(expected[i]), FaultNames.Of(expected[i]) + " in " + status.Describe());
                Assert.IsTrue(_log.CountContaining("fault " + FaultNames.Of(expected[i])) >= 1, FaultNames.Of(expected[i]) + " logged");
            }

            Assert.AreEqual((int)SupervisorState.Publishing, (int)status.State, status.Describe());
            Assert.IsTrue(status.Connected);
            Assert.AreEqual(0L, status.Dropped, "the queue never overflowed");
            for (int i = 0; i < _tls.Attempts; i++)
            {
                Assert.IsFalse((bool)_tls.Alpn[i], "never ALPN in wss mode");
            }

            AssertNothingLost(status);
            string log = _log.AllText();
            Assert.DoesNotContains(SupervisorRig.Token, log + status.Describe());
            Assert.DoesNotContains(SupervisorRig.Signature, log + status.Describe());
        }

        [TestMethod]
        public void AnUnansweredPingWhileIdleIsKeepAliveTimeoutAndTheDeviceReconnects()
        {
            Build(SilentPingsOnFirstConnection);
            SupervisorConfig config = WssConfig();
            config.KeepAliveSeconds = 30;
            config.SampleIntervalMs = 120000;
            Assert.IsNull(_supervisor.ApplyConfig(config));

            RunUntil(400000);

            SupervisorStatus status = _supervisor.GetStatus();
            Assert.AreEqual(1, status.CountOf(Fault.KeepAliveTimeout), status.Describe());
            Assert.IsTrue(_tls.Broker(0).Pings >= 1, "the idle supervisor let the link ping");
            Assert.IsTrue(status.Connects >= 2);
            Assert.IsTrue(_tls.Broker(1).Pings >= 1, "the next session is kept alive too");
            AssertNothingLost(status);
        }

        private static void SilentPingsOnFirstConnection(FakeBroker broker, int connection)
        {
            broker.AnswerPings = connection != 0;
        }

        [TestMethod]
        public void TheIdleSupervisorServicesTheLinkInsteadOfSleeping()
        {
            Build(null);
            Assert.IsNull(_supervisor.ApplyConfig(WssConfig()));

            RunUntil(120000);

            SupervisorStatus status = _supervisor.GetStatus();
            Assert.AreEqual(1, status.Connects);
            Assert.AreEqual(12L, status.Published);
            Assert.AreEqual(0, _clock.SleepCalls, "no sleep while connected: the link's reads did the waiting");
            Assert.AreEqual("device", _tls.Broker(0).Username);
            Assert.AreEqual(SupervisorRig.Token, _tls.Broker(0).UpgradeHeader("token"));
        }

        private static void AssertNothingLost(SupervisorStatus status)
        {
            bool[] seen = new bool[_sensors.Samples + 1];
            for (int b = 0; b < _tls.Brokers.Count; b++)
            {
                ArrayList payloads = _tls.Broker(b).Payloads;
                for (int i = 0; i < payloads.Count; i++)
                {
                    long seq = FakeMqttLink.SequenceOf((string)payloads[i]);
                    Assert.IsTrue(seq >= 1 && seq <= _sensors.Samples, "unknown sequence " + seq.ToString());
                    seen[(int)seq] = true;
                }
            }

            long expected = _sensors.Samples - status.Queued;
            Assert.IsTrue(expected > 0, "the scenario must deliver something");
            for (int s = 1; s <= expected; s++)
            {
                Assert.IsTrue(seen[s], "reading " + s.ToString() + " never reached the broker");
            }
        }
    }
}
