using System;
using AwsIotDevice.Core.Telemetry;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Telemetry
{
    [TestClass]
    public class TelemetryQueueTests
    {
        [TestMethod]
        public void ReadingsComeOutInTheOrderTheyWentIn()
        {
            TelemetryQueue queue = new TelemetryQueue(4);
            queue.Append(100).Add("v", 1);
            queue.Append(200).Add("v", 2);
            queue.Append(300).Add("v", 3);

            for (int i = 1; i <= 3; i++)
            {
                Reading oldest = queue.Peek();
                Assert.AreEqual((long)i, oldest.Sequence);
                Assert.AreEqual(i * 100L, oldest.UptimeMs);
                Assert.AreEqual((double)i, oldest.Values[0]);
                queue.RemoveOldest();
            }

            Assert.AreEqual(0, queue.Count);
            Assert.IsNull(queue.Peek());
        }

        [TestMethod]
        public void SequenceNumbersStartAtOneAndAreNeverReused()
        {
            TelemetryQueue queue = new TelemetryQueue(2);
            Assert.AreEqual(1L, queue.NextSequence);
            Assert.AreEqual(1L, queue.Append(0).Sequence);
            queue.RemoveOldest();
            Assert.AreEqual(2L, queue.Append(0).Sequence);
            Assert.AreEqual(3L, queue.Append(0).Sequence);
            Assert.AreEqual(4L, queue.NextSequence);
        }

        [TestMethod]
        public void OverflowDropsTheOldestAndCountsIt()
        {
            TelemetryQueue queue = new TelemetryQueue(3);
            for (int i = 1; i <= 5; i++)
            {
                queue.Append(i).Add("v", i);
            }

            Assert.AreEqual(3, queue.Count);
            Assert.AreEqual(2L, queue.Dropped);
            for (long expected = 3; expected <= 5; expected++)
            {
                Reading oldest = queue.Peek();
                Assert.AreEqual(expected, oldest.Sequence);
                Assert.AreEqual((double)expected, oldest.Values[0]);
                Assert.AreEqual(1, oldest.Count);
                queue.RemoveOldest();
            }

            Assert.AreEqual(2L, queue.Dropped, "removing delivered readings is not dropping");
        }

        [TestMethod]
        public void CapacityOneKeepsOnlyTheNewest()
        {
            TelemetryQueue queue = new TelemetryQueue(1);
            Assert.AreEqual(1, queue.Capacity);
            Reading first = queue.Append(10);
            first.Add("a", 1);
            first.Add("b", 2);
            Reading second = queue.Append(20);
            second.Add("c", 3);

            Assert.AreEqual(1, queue.Count);
            Assert.AreEqual(1L, queue.Dropped);
            Reading oldest = queue.Peek();
            Assert.AreEqual(2L, oldest.Sequence);
            Assert.AreEqual(20L, oldest.UptimeMs);
            Assert.AreEqual(1, oldest.Count, "values of the dropped reading must not leak into the new one");
            Assert.AreEqual("c", oldest.Names[0]);

            queue.RemoveOldest();
            Assert.IsNull(queue.Peek());
            Assert.AreEqual(3L, queue.Append(30).Sequence);
            Assert.AreEqual(1L, queue.Dropped);
        }

        [TestMethod]
        public void EmptyQueuePeeksNullAndIgnoresRemove()
        {
            TelemetryQueue queue = new TelemetryQueue(2);
            Assert.IsNull(queue.Peek());
            queue.RemoveOldest();
            queue.RemoveOldest();

            Assert.AreEqual(0, queue.Count);
            Assert.AreEqual(0L, queue.Dropped);
            queue.Append(5);
            Assert.AreEqual(1, queue.Count);
            Assert.AreEqual(1L, queue.Peek().Sequence);
        }

        [TestMethod]
        public void NothingIsLostWhileThereIsRoom()
        {
            TelemetryQueue queue = new TelemetryQueue(5);
            long expectedNext = 1;
            int appended = 0;

            // Uneven bursts and drains wrap the ring many times; it is drained just enough never to overflow.
            for (int round = 0; round < 200; round++)
            {
                int burst = 1 + (round % 5);
                while (queue.Count + burst > queue.Capacity)
                {
                    Reading oldest = queue.Peek();
                    Assert.AreEqual(expectedNext, oldest.Sequence);
                    Assert.AreEqual((double)(expectedNext - 1), oldest.Values[0]);
                    queue.RemoveOldest();
                    expectedNext++;
                }

                for (int i = 0; i < burst; i++)
                {
                    queue.Append(appended).Add("n", appended);
                    appended++;
                }
            }

            while (queue.Count > 0)
            {
                Assert.AreEqual(expectedNext, queue.Peek().Sequence);
                queue.RemoveOldest();
                expectedNext++;
            }

            Assert.AreEqual(0L, queue.Dropped);
            Assert.AreEqual((long)appended + 1, expectedNext);
        }

        [TestMethod]
        public void ReadingRefusesValuesBeyondItsCapacity()
        {
            Reading reading = new TelemetryQueue(1).Append(0);
            for (int i = 0; i < Reading.MaxValues; i++)
            {
                Assert.IsTrue(reading.Add("v", i));
            }

            Assert.IsFalse(reading.Add("extra", 1));
            Assert.AreEqual(Reading.MaxValues, reading.Count);
        }

        [TestMethod]
        public void CapacityBelowOneIsRefused()
        {
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new TelemetryQueue(0));
        }
    }
}
