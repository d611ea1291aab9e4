using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Backoff;
using AwsIotDevice.Core.Supervision;
using AwsIotDevice.Core.Telemetry;
using AwsIotDevice.Tests.Fakes;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Supervision
{
    /// <summary>
    /// A supervisor wired to fakes with production backoff values (1 s base, 120 s cap, reset after 30 s, 1 s
    /// between CONNECTs) and a seeded random, plus a valid configuration whose secrets are easy to search for.
    /// Tests change the fakes' scripts before provisioning.
    /// </summary>
    internal class SupervisorRig
    {
        public const string WifiPassword = "wifi-SECRET-pw";
        public const string Token = "tok-SECRET-1234";
        public const string Signature = "c2ln+U0VDUkVU/c2ln==";
        public const string MqttPassword = "mqtt-SECRET-pw";

        public readonly FakeClock Clock = new FakeClock();
        public readonly FakeNetwork Network;
        public readonly FakeMqttLink Link;
        public readonly FakeSensors Sensors;
        public readonly ListLog Log = new ListLog();
        public readonly RecordingRandom Random = new RecordingRandom(new LcgRandom(12345));
        public readonly TelemetryQueue Queue;
        public readonly BackoffPolicy Backoff;
        public readonly ConnectGate Gate = new ConnectGate();
        public readonly Supervisor Supervisor;
        public readonly SupervisorConfig Config = ValidConfig();

        public SupervisorRig()
            : this(100)
        {
        }

        public SupervisorRig(int queueCapacity)
        {
            Network = new FakeNetwork(Clock);
            Link = new FakeMqttLink(Clock);
            Sensors = new FakeSensors(Clock);
            Queue = new TelemetryQueue(queueCapacity);
            Backoff = new BackoffPolicy(Random);
            Supervisor = new Supervisor(Network, Link, Clock, Sensors, Log, Queue, Backoff, Gate);
        }

        /// <summary>A configuration that passes validation: 10 s interval, QoS 1, domain mode.</summary>
        public static SupervisorConfig ValidConfig()
        {
            SupervisorConfig config = new SupervisorConfig();
            config.WifiSsid = "bench-ap";
            config.WifiPassword = WifiPassword;
            config.Host = "abc123-ats.iot.eu-west-1.amazonaws.com";
            config.Port = 443;
            config.Mode = TransportMode.Domain;
            config.ClientId = "dev-1";
            config.MqttUser = "device";
            config.AuthorizerName = "DeviceAuthorizer";
            config.TokenKeyName = "token";
            config.Token = Token;
            config.Signature = Signature;
            config.MqttPassword = MqttPassword;
            config.KeepAliveSeconds = 60;
            config.Topic = "devices/dev-1/telemetry";
            config.SampleIntervalMs = 10000;
            config.Qos = 1;
            return config;
        }

        /// <summary>Hands <see cref="Config"/> to the supervisor and checks it was accepted.</summary>
        public void Provision()
        {
            Assert.IsNull(Supervisor.ApplyConfig(Config), "the rig's configuration must be valid");
        }

        /// <summary>Runs the supervisor until the fake uptime reaches <paramref name="uptimeMs"/>.</summary>
        public void RunUntil(long uptimeMs)
        {
            // A step that neither waits nor changes anything would spin forever on a fake clock: fail instead.
            int checks = 0;
            Supervisor.Run(() =>
            {
                checks++;
                if (checks > MaxStopChecks)
                {
                    throw new System.InvalidOperationException("supervisor made no progress (runaway loop?)");
                }

                return Clock.UptimeMs >= uptimeMs;
            });
        }

        /// <summary>Generous: one check per step and per wait chunk, about one per fake second.</summary>
        public const int MaxStopChecks = 2000000;

        /// <summary>Steps until <paramref name="count"/> CONNECTs were made (at most 1000 steps).</summary>
        public void StepUntilConnects(int count)
        {
            for (int i = 0; i < 1000 && Link.ConnectTimes.Count < count; i++)
            {
                Supervisor.Step();
            }

            Assert.AreEqual(count, Link.ConnectTimes.Count, "expected CONNECT attempts");
        }

        public SupervisorStatus Status()
        {
            return Supervisor.GetStatus();
        }

        /// <summary>
        /// Asserts every reading 1..(samples - queued) was delivered at least once and nothing was dropped.
        /// </summary>
        public void AssertNothingLost()
        {
            SupervisorStatus status = Status();
            Assert.AreEqual(0L, status.Dropped, "no reading may be dropped while the queue has room");
            long expected = Sensors.Samples - status.Queued;
            Assert.IsTrue(expected > 0, "the scenario must deliver something");
            bool[] seen = new bool[Sensors.Samples + 1];
            long[] delivered = Link.DeliveredSequences();
            for (int i = 0; i < delivered.Length; i++)
            {
                Assert.IsTrue(delivered[i] >= 1 && delivered[i] <= Sensors.Samples, "delivered an unknown sequence " + delivered[i].ToString());
                Assert.IsTrue(i == 0 || delivered[i] >= delivered[i - 1], "readings must be delivered oldest first");
                seen[(int)delivered[i]] = true;
            }

            for (int s = 1; s <= expected; s++)
            {
                Assert.IsTrue(seen[s], "reading " + s.ToString() + " was never delivered");
            }
        }
    }
}
