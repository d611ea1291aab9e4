using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Credentials;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.Core.Supervision;
using AwsIotDevice.Tests.Credentials;
using AwsIotDevice.Tests.Fakes;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Supervision
{
    /// <summary>
    /// One simulated board with credential renewal on: a <see cref="SupervisorRig"/> whose supervisor has
    /// <see cref="DeviceCredentials"/>, over a settings store and a pending store that outlive a <see cref="Reboot"/>
    /// (a new rig booted from them: the stored settings parsed and offered, as the boot does). The wall clock starts at
    /// <see cref="RenewalTestData.Now"/>, a week before the token in force expires.
    /// </summary>
    internal sealed class RenewalRig
    {
        public const string CredentialsTopic = "devices/device-01/credentials";
        public const string AckTopic = "devices/device-01/credentials/ack";
        public const string TelemetryTopic = "devices/device-01/telemetry";

        public readonly FakeSettingsStore SettingsStore;
        public readonly ISettingsStore PendingStore;
        public readonly SupervisorRig Rig = new SupervisorRig();
        public readonly DeviceCredentials Credentials;

        /// <summary>A board whose stores hold <paramref name="settings"/> and nothing pending.</summary>
        public RenewalRig(DeviceSettings settings)
            : this(StoreOf(settings), new FakeSettingsStore(), RenewalTestData.Now)
        {
        }

        private RenewalRig(FakeSettingsStore settingsStore, ISettingsStore pendingStore, long nowUnix)
        {
            SettingsStore = settingsStore;
            PendingStore = pendingStore;
            Rig.Clock.UtcNow = UnixTime.FromSeconds(nowUnix);
            Credentials = Rig.Supervisor.EnableRenewal(new TestHmacSha256(), SettingsStore, PendingStore);
        }

        /// <summary>A board with <see cref="RenewalTestData.Settings"/> (renewal key, the current token).</summary>
        public static RenewalRig Standard()
        {
            return new RenewalRig(RenewalTestData.Settings());
        }

        /// <summary>A board with <see cref="RenewalTestData.Settings"/> whose pending saves go to <paramref name="pendingStore"/>.</summary>
        public static RenewalRig WithPendingStore(ISettingsStore pendingStore)
        {
            return new RenewalRig(StoreOf(RenewalTestData.Settings()), pendingStore, RenewalTestData.Now);
        }

        /// <summary>Power-cycles: a new board (RAM lost) booted from this one's stores, its wall clock where this one's is.</summary>
        public RenewalRig Reboot()
        {
            RenewalRig next = new RenewalRig(SettingsStore, PendingStore, UnixTime.ToSeconds(Rig.Clock.UtcNow));
            next.Boot();
            return next;
        }

        /// <summary>Loads the stored settings as the board does at boot, and checks they were accepted.</summary>
        public void Boot()
        {
            SettingsParseResult parsed = SettingsCodec.Parse(SettingsStore.Text);
            Assert.IsTrue(parsed.Ok, "the stored settings must parse");
            Assert.IsNull(Rig.Supervisor.ApplySettings(parsed.Settings), "the stored settings must be valid");
        }

        /// <summary>Boots and runs until the first session is publishing.</summary>
        public void BootAndConnect()
        {
            Boot();
            RunUntilConnects(1);
        }

        /// <summary>Runs (samples keep coming) until <paramref name="count"/> CONNECTs were accepted, at most one fake hour.</summary>
        public void RunUntilConnects(int count)
        {
            long limit = Rig.Clock.UptimeMs + 3600000;
            while (Rig.Status().Connects < count || Rig.Supervisor.State != SupervisorState.Publishing)
            {
                Assert.IsTrue(Rig.Clock.UptimeMs < limit, "expected " + count.ToString() + " accepted CONNECTs within an hour; STATUS " + Rig.Status().Describe());
                Rig.Supervisor.Step();
            }
        }

        /// <summary>Runs <paramref name="ms"/> more fake milliseconds.</summary>
        public void RunFor(long ms)
        {
            Rig.RunUntil(Rig.Clock.UptimeMs + ms);
        }

        /// <summary>The broker sends <paramref name="message"/> on the credentials topic.</summary>
        public void Send(byte[] message)
        {
            Rig.Link.Deliver(CredentialsTopic, message);
        }

        /// <summary>The token of CONNECT number <paramref name="index"/> (wss: it travels in the upgrade).</summary>
        public string TokenOfConnect(int index)
        {
            MqttConnectRequest request = (MqttConnectRequest)Rig.Link.ConnectRequests[index];
            Assert.AreEqual((int)TransportMode.Wss, (int)request.Mode);
            return request.Token;
        }

        /// <summary>The token in the settings store.</summary>
        public string StoredToken()
        {
            return SettingsCodec.Parse(SettingsStore.Text).Settings.Token;
        }

        /// <summary>Payloads published on <paramref name="topic"/>, in order.</summary>
        public string[] PublishedOn(string topic)
        {
            int n = 0;
            for (int i = 0; i < Rig.Link.Topics.Count; i++)
            {
                if ((string)Rig.Link.Topics[i] == topic)
                {
                    n++;
                }
            }

            string[] result = new string[n];
            n = 0;
            for (int i = 0; i < Rig.Link.Topics.Count; i++)
            {
                if ((string)Rig.Link.Topics[i] == topic)
                {
                    result[n++] = (string)Rig.Link.Payloads[i];
                }
            }

            return result;
        }

        /// <summary>The only acknowledgement published; fails unless exactly one was.</summary>
        public string OnlyAck()
        {
            string[] acks = PublishedOn(AckTopic);
            Assert.AreEqual(1, acks.Length, "exactly one acknowledgement");
            return acks[0];
        }

        /// <summary>Every reading sampled so far, except those still queued, was published on the telemetry topic, none dropped.</summary>
        public void AssertNothingLost()
        {
            SupervisorStatus status = Rig.Status();
            Assert.AreEqual(0L, status.Dropped, "no reading dropped");
            int samples = Rig.Sensors.Samples;
            long expected = samples - status.Queued;
            Assert.IsTrue(expected > 0, "the scenario must deliver something");
            bool[] seen = new bool[samples + 1];
            string[] telemetry = PublishedOn(TelemetryTopic);
            for (int i = 0; i < telemetry.Length; i++)
            {
                // A backlog goes out in batches (a JSON array of readings).
                long[] sequences = FakeMqttLink.SequencesOf(telemetry[i]);
                for (int k = 0; k < sequences.Length; k++)
                {
                    long seq = sequences[k];
                    Assert.IsTrue(seq >= 1 && seq <= samples, "unknown sequence " + seq.ToString());
                    seen[(int)seq] = true;
                }
            }

            for (int s = 1; s <= expected; s++)
            {
                Assert.IsTrue(seen[s], "reading " + s.ToString() + " was never delivered");
            }
        }

        private static FakeSettingsStore StoreOf(DeviceSettings settings)
        {
            FakeSettingsStore store = new FakeSettingsStore();
            store.Text = SettingsCodec.FormatForStorage(settings);
            return store;
        }
    }
}
