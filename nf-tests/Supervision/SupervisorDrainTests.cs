using System.Collections;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Mqtt;
using AwsIotDevice.Core.Supervision;
using AwsIotDevice.Core.Text;
using AwsIotDevice.Tests.Fakes;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Supervision
{
    /// <summary>After an outage the backlog goes in batches, paced under AWS's per-connection limits; live readings go alone.</summary>
    [TestClass]
    public class SupervisorDrainTests
    {
        // Samples at 0, 10, 20, 30 s are published live; the network is down from 35 s to 335 s (30 samples queue up).
        private const long OutageFromMs = 35000;
        private const long OutageUntilMs = 335000;

        [TestMethod]
        public void ABacklogDrainsInBatchesEveryReadingExactlyOnceInOrder()
        {
            SupervisorRig rig = new SupervisorRig(100);
            rig.Network.OutageFromMs = OutageFromMs;
            rig.Network.OutageUntilMs = OutageUntilMs;
            rig.Provision();
            rig.RunUntil(700000);

            long[] delivered = rig.Link.DeliveredSequences();
            SupervisorStatus status = rig.Status();
            Assert.AreEqual((long)rig.Sensors.Samples, delivered.Length + status.Queued, "every reading delivered once or still queued");
            for (int i = 0; i < delivered.Length; i++)
            {
                Assert.AreEqual((long)(i + 1), delivered[i], "seq intact, in order, no duplicate");
            }

            int batches = 0;
            for (int i = 0; i < rig.Link.Payloads.Count; i++)
            {
                string payload = (string)rig.Link.Payloads[i];
                if (payload[0] == '[')
                {
                    batches++;
                    Assert.IsTrue(FakeMqttLink.SequencesOf(payload).Length > 1, "a batch holds several readings");
                    Assert.IsTrue(Utf8.ByteCount(payload) <= rig.Config.BatchBytes);
                }
            }

            Assert.AreEqual(1, batches, "30 readings of ~70 bytes fit one 5 KB batch");
            Assert.IsTrue(rig.Link.Payloads.Count < delivered.Length, "fewer messages than readings");
            Assert.AreEqual((long)delivered.Length, status.Published, "Published counts readings, not messages");
        }

        [TestMethod]
        public void ABatchThatGetsNoPubackIsSentAgainWhole()
        {
            SupervisorRig rig = new SupervisorRig(100);
            rig.Network.OutageFromMs = OutageFromMs;
            rig.Network.OutageUntilMs = OutageUntilMs;

            // Four live publishes, then the first batch after the outage times out waiting for its PUBACK.
            rig.Link.PublishResults = new Fault[] { Fault.None, Fault.None, Fault.None, Fault.None, Fault.PublishTimeout };
            rig.Provision();
            rig.RunUntil(700000);

            string failed = (string)rig.Link.Attempts[4];
            Assert.AreEqual('[', failed[0], "the scenario's fifth publish is the backlog batch");
            string resent = (string)rig.Link.Attempts[5];
            long[] lost = FakeMqttLink.SequencesOf(failed);
            long[] again = FakeMqttLink.SequencesOf(resent);
            Assert.IsTrue(again.Length >= lost.Length, "the resend holds the whole batch");
            for (int i = 0; i < lost.Length; i++)
            {
                Assert.AreEqual(lost[i], again[i], "the same readings in the same order");
            }

            Assert.AreEqual(1, rig.Status().CountOf(Fault.PublishTimeout));
            long[] delivered = rig.Link.DeliveredSequences();
            for (int i = 0; i < delivered.Length; i++)
            {
                Assert.AreEqual((long)(i + 1), delivered[i], "nothing lost, nothing delivered twice");
            }

            rig.AssertNothingLost();
        }

        [TestMethod]
        public void ADrainOfManySmallBatchesStaysUnderThePublishRate()
        {
            // 300 readings queued, 256-byte batches (3 readings each): 100 messages, which unpaced would leave at once.
            SupervisorRig rig = new SupervisorRig(400);
            rig.Config.SampleIntervalMs = 1000;
            rig.Config.BatchBytes = 256;
            rig.Network.OutageFromMs = 5000;
            rig.Network.OutageUntilMs = 305000;
            rig.Provision();
            rig.RunUntil(460000);

            Assert.IsTrue(rig.Link.PublishTimes.Count > 100, "the scenario must send more than a second's worth of messages");
            AssertEverySecondWithinLimits(rig);
            rig.AssertNothingLost();
        }

        [TestMethod]
        public void ADrainOfLargeBatchesStaysUnderTheByteRate()
        {
            // 7000 readings (~550 KB) in 8 KB batches (~70 messages): more than AWS's 512 KiB in a second if sent unpaced.
            SupervisorRig rig = new SupervisorRig(7100);
            rig.Config.SampleIntervalMs = 1000;
            rig.Config.BatchBytes = 8192;
            rig.Network.OutageFromMs = 5000;
            rig.Network.OutageUntilMs = 7005000;
            rig.Provision();
            rig.RunUntil(7160000);

            long total = 0;
            for (int i = 0; i < rig.Link.PublishLengths.Count; i++)
            {
                total += (int)rig.Link.PublishLengths[i];
            }

            Assert.IsTrue(total > 512 * 1024, "the scenario must send more than AWS's byte limit, sent " + total.ToString());
            AssertEverySecondWithinLimits(rig);
            rig.AssertNothingLost();
        }

        [TestMethod]
        public void LiveReadingsGoOneToAMessage()
        {
            SupervisorRig rig = new SupervisorRig();
            rig.Provision();
            rig.RunUntil(120000);

            Assert.IsTrue(rig.Link.Payloads.Count >= 12);
            for (int i = 0; i < rig.Link.Payloads.Count; i++)
            {
                string payload = (string)rig.Link.Payloads[i];
                Assert.AreEqual('{', payload[0], "a live reading is a single object: " + payload);
                Assert.AreEqual(1, FakeMqttLink.SequencesOf(payload).Length);
            }

            rig.AssertNothingLost();
        }

        [TestMethod]
        public void TheConnectRequestAsksForASendBufferThatHoldsAFullBatch()
        {
            SupervisorRig rig = new SupervisorRig();
            rig.Config.BatchBytes = 8192;
            rig.Provision();
            rig.RunUntil(1000);

            MqttConnectRequest request = (MqttConnectRequest)rig.Link.ConnectRequests[0];
            Assert.AreEqual(8192, request.LargestPayloadBytes);
        }

        // Every window [t, t + 1 s) starting at a publish (where a window's count is largest), whole packets counted.
        private static void AssertEverySecondWithinLimits(SupervisorRig rig)
        {
            ArrayList times = rig.Link.PublishTimes;
            ArrayList lengths = rig.Link.PublishLengths;
            int topicBytes = Utf8.ByteCount(rig.Config.Topic);
            int last = 0;
            long bytes = 0;
            for (int first = 0; first < times.Count; first++)
            {
                long start = (long)times[first];
                while (last < times.Count && (long)times[last] < start + 1000)
                {
                    bytes += MqttEncoder.PublishSize(topicBytes, 1, (int)lengths[last]);
                    last++;
                }

                int messages = last - first;
                Assert.IsTrue(messages <= 90, messages.ToString() + " publishes in the second from " + start.ToString() + " ms (AWS allows 100)");
                Assert.IsTrue(bytes <= 440 * 1024, bytes.ToString() + " bytes in the second from " + start.ToString() + " ms (AWS allows 512 KiB)");
                bytes -= MqttEncoder.PublishSize(topicBytes, 1, (int)lengths[first]);
            }
        }
    }
}
