using System;
using AwsIotDevice.Core.Telemetry;
using AwsIotDevice.Core.Text;
using AwsIotDevice.Tests.Fakes;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Telemetry
{
    [TestClass]
    public class TelemetryDrainTests
    {
        [TestMethod]
        public void PeekAtWalksFromTheOldestAndRemoveThroughStopsAtTheSequence()
        {
            TelemetryQueue queue = new TelemetryQueue(3);
            for (int i = 1; i <= 5; i++)
            {
                queue.Append(i);
            }

            Assert.AreEqual(3L, queue.PeekAt(0).Sequence);
            Assert.AreEqual(5L, queue.PeekAt(2).Sequence);
            Assert.IsNull(queue.PeekAt(3));
            Assert.IsNull(queue.PeekAt(-1));
            Assert.AreEqual(2, queue.RemoveThrough(4));
            Assert.AreEqual(5L, queue.Peek().Sequence);
            Assert.AreEqual(0, queue.RemoveThrough(4));
            Assert.AreEqual(1, queue.Count);
        }

        [TestMethod]
        public void OneQueuedReadingIsASingleObject()
        {
            TelemetryQueue queue = Filled(1);
            TelemetryDrain drain = new TelemetryDrain(queue, 5120);
            int length = drain.Compose(new PayloadWriter("d"), 0);

            string text = Utf8.Decode(drain.Payload, 0, length);
            Assert.AreEqual("{\"device\":\"d\",\"seq\":1,\"uptimeMs\":1,\"dropped\":0,\"readings\":{\"v\":1}}", text);
            Assert.IsFalse(drain.IsBatch);
            Assert.AreEqual(1, drain.Count);
        }

        [TestMethod]
        public void ABacklogDrainsInBatchesEveryReadingOnceInOrder()
        {
            TelemetryQueue queue = Filled(500);
            TelemetryDrain drain = new TelemetryDrain(queue, 5120);
            PayloadWriter writer = new PayloadWriter("device-001");
            PayloadWriter single = new PayloadWriter("device-001");
            long expected = 1;
            int messages = 0;
            while (queue.Count > 0)
            {
                int length = drain.Compose(writer, 0);
                Assert.IsTrue(length <= 5120, "a batch is at most batchBytes, was " + length.ToString());
                string text = Utf8.Decode(drain.Payload, 0, length);
                long[] seqs = FakeMqttLink.SequencesOf(text);
                Assert.AreEqual(drain.Count, seqs.Length);
                Assert.AreEqual(drain.IsBatch, text[0] == '[');
                for (int i = 0; i < seqs.Length; i++)
                {
                    Assert.AreEqual(expected++, seqs[i], "seq intact and in order");
                }

                if (queue.Count > drain.Count)
                {
                    // Full: the next reading's object and its comma would have passed 5120 bytes.
                    int next = single.Write(queue.PeekAt(drain.Count), 0);
                    Assert.IsTrue(length + 1 + next > 5120, "batch " + messages.ToString() + " had room for another reading");
                }

                Assert.AreEqual(drain.Count, drain.Delivered());
                messages++;
            }

            Assert.AreEqual(501L, expected);

            // 74..80 bytes a reading: 63..69 to a 5 KB batch, so 8 messages instead of 500.
            Assert.AreEqual(8, messages);
        }

        [TestMethod]
        public void ComposingAgainWithoutDeliveryGivesTheSameReadings()
        {
            TelemetryQueue queue = Filled(100);
            TelemetryDrain drain = new TelemetryDrain(queue, 1024);
            PayloadWriter writer = new PayloadWriter("d");
            int length = drain.Compose(writer, 0);
            string first = Utf8.Decode(drain.Payload, 0, length);
            length = drain.Compose(writer, 0);
            string again = Utf8.Decode(drain.Payload, 0, length);
            Assert.AreEqual(first, again);
            Assert.AreEqual(100, queue.Count, "nothing leaves the queue before delivery");
        }

        [TestMethod]
        public void ReadingsDroppedWhileInFlightAreNotCountedAndNewerOnesStay()
        {
            TelemetryQueue queue = Filled(10);
            TelemetryDrain drain = new TelemetryDrain(queue, 512);
            drain.Compose(new PayloadWriter("d"), 0);
            int held = drain.Count;
            Assert.IsTrue(held > 2 && held < 10, held.ToString());

            // The queue overflows twice (oldest 1 and 2 dropped) before the PUBACK arrives.
            queue.Append(11);
            queue.Append(12);
            Assert.AreEqual(held - 2, drain.Delivered());
            Assert.AreEqual((long)(held + 1), queue.Peek().Sequence);
            Assert.AreEqual(0, drain.Delivered(), "a second call removes nothing");
        }

        [TestMethod]
        public void AReadingLargerThanTheBatchGoesAlone()
        {
            TelemetryQueue queue = new TelemetryQueue(2);
            for (int r = 0; r < 2; r++)
            {
                Reading reading = queue.Append(r);
                for (int i = 0; i < Reading.MaxValues; i++)
                {
                    reading.Add("a-rather-long-value-name-" + i.ToString(), 123456.789);
                }
            }

            TelemetryDrain drain = new TelemetryDrain(queue, 256);
            int length = drain.Compose(new PayloadWriter("d"), 0);
            Assert.IsTrue(length > 256);
            Assert.IsFalse(drain.IsBatch);
            Assert.AreEqual(1, drain.Delivered());
            Assert.AreEqual(1, queue.Count);
        }

        [TestMethod]
        public void AnEmptyQueueComposesNothing()
        {
            TelemetryDrain drain = new TelemetryDrain(new TelemetryQueue(1), 256);
            Assert.AreEqual(0, drain.Compose(new PayloadWriter("d"), 0));
            Assert.AreEqual(0, drain.Delivered());
        }

        [TestMethod]
        public void BatchSizeIsBounded()
        {
            TelemetryQueue queue = new TelemetryQueue(1);
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new TelemetryDrain(queue, 255));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new TelemetryDrain(queue, 8193));
            Assert.ThrowsException(typeof(ArgumentNullException), () => new TelemetryDrain(null, 5120));
        }

        private static TelemetryQueue Filled(int readings)
        {
            TelemetryQueue queue = new TelemetryQueue(readings);
            for (int i = 1; i <= readings; i++)
            {
                Reading reading = queue.Append(i);
                reading.Add("v", i);
            }

            return queue;
        }
    }
}
