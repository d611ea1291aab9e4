using System.Collections;
using AwsIotDevice.Core.Telemetry;
using AwsIotDevice.Tests.Fakes;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Telemetry
{
    [TestClass]
    public class PublishPacerTests
    {
        // AWS IoT Core's per-connection figures (DESIGN reference: 100 publishes/s, 512 KiB/s).
        private const int AwsMessagesPerSecond = 100;
        private const int AwsBytesPerSecond = 512 * 1024;

        [TestMethod]
        public void AFreshPacerLetsTheMessageBurstGoAtOnceThenWaitsForTheRate()
        {
            PublishPacer pacer = new PublishPacer();
            for (int i = 0; i < 10; i++)
            {
                Assert.AreEqual(0, pacer.DelayMs(1000, 100), "burst message " + i.ToString());
                pacer.Spend(1000, 100);
            }

            // One message at 80/s is 12.5 ms of refill, rounded up.
            Assert.AreEqual(13, pacer.DelayMs(1000, 100));
            Assert.AreEqual(1, pacer.DelayMs(1012, 100));
            Assert.AreEqual(0, pacer.DelayMs(1013, 100));
        }

        [TestMethod]
        public void AskingChangesNothing()
        {
            PublishPacer pacer = new PublishPacer();
            for (int i = 0; i < 10; i++)
            {
                pacer.Spend(0, 10);
            }

            Assert.AreEqual(13, pacer.DelayMs(0, 10));
            Assert.AreEqual(13, pacer.DelayMs(0, 10));
            Assert.AreEqual(3, pacer.DelayMs(10, 10));
        }

        [TestMethod]
        public void TheByteBucketHoldsFortyKibAndRefillsAtFourHundredKibPerSecond()
        {
            PublishPacer pacer = new PublishPacer();
            Assert.IsTrue(pacer.TrySpend(0, 40960));

            // 4096 bytes at 409.6 bytes/ms: exactly 10 ms.
            Assert.AreEqual(10, pacer.DelayMs(0, 4096));
            Assert.IsFalse(pacer.TrySpend(9, 4096));
            Assert.IsTrue(pacer.TrySpend(10, 4096));
            Assert.AreEqual(1, pacer.DelayMs(10, 1));
        }

        [TestMethod]
        public void TheLongerWaitOfTheTwoBucketsWins()
        {
            PublishPacer pacer = new PublishPacer(80, 1, 1000, 1000);
            pacer.Spend(0, 1000);

            // Messages: 13 ms; bytes: 1000 bytes at 1 byte/ms = 1000 ms.
            Assert.AreEqual(1000, pacer.DelayMs(0, 1000));
            Assert.AreEqual(13, pacer.DelayMs(0, 0));
        }

        [TestMethod]
        public void APublishLargerThanTheByteBurstGoesWhenTheBucketIsFullAndLeavesDebt()
        {
            PublishPacer pacer = new PublishPacer(80, 10, 1000, 2000);
            Assert.AreEqual(0, pacer.DelayMs(0, 5000), "a full bucket lets an oversized publish through");
            pacer.Spend(0, 5000);

            // 2000 - 5000 = -3000 bytes: 3001 ms until one byte, 5000 ms until the bucket is full again.
            Assert.AreEqual(3001, pacer.DelayMs(0, 1));
            Assert.AreEqual(5000, pacer.DelayMs(0, 5000));
        }

        [TestMethod]
        public void RefillStopsAtTheBurst()
        {
            PublishPacer pacer = new PublishPacer();
            pacer.Spend(0, 0);

            // An hour idle fills the buckets to their burst, not beyond: 10 messages, then the rate.
            for (int i = 0; i < 10; i++)
            {
                Assert.IsTrue(pacer.TrySpend(3600000, 0), "message " + i.ToString());
            }

            Assert.IsFalse(pacer.TrySpend(3600000, 0));
        }

        [TestMethod]
        public void TimeGoingBackwardsRefillsNothing()
        {
            PublishPacer pacer = new PublishPacer(80, 1, 409600, 40960);
            pacer.Spend(5000, 0);
            Assert.AreEqual(13, pacer.DelayMs(4000, 0));
            Assert.AreEqual(13, pacer.DelayMs(5000, 0));
            Assert.AreEqual(0, pacer.DelayMs(5013, 0));
        }

        [TestMethod]
        public void ANegativeSizeCountsAsZero()
        {
            PublishPacer pacer = new PublishPacer(80, 10, 1000, 1000);
            pacer.Spend(0, -500);
            Assert.AreEqual(0, pacer.DelayMs(0, 1000));
        }

        [TestMethod]
        public void EveryRateAndBurstMustBeOneOrMore()
        {
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => new PublishPacer(0, 1, 1, 1));
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => new PublishPacer(1, 0, 1, 1));
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => new PublishPacer(1, 1, 0, 1));
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => new PublishPacer(1, 1, 1, 0));
        }

        [DataRow(1)]
        [DataRow(20261202)]
        [DataRow(987654321)]
        public void NoSecondEverExceedsEitherAwsLimit(int seed)
        {
            // A greedy sender on a random schedule: it asks at random moments with random sizes up to a full batch,
            // sometimes waits the advised delay, sometimes asks again early.
            LcgRandom random = new LcgRandom(seed);
            PublishPacer pacer = new PublishPacer();
            ArrayList times = new ArrayList();
            ArrayList sizes = new ArrayList();
            long now = random.Next(1000);
            long end = now + 60000;
            while (now < end)
            {
                int bytes = random.Next(3) == 0 ? random.Next(200) + 1 : random.Next(32768) + 1;
                int delay = pacer.DelayMs(now, bytes);
                if (delay == 0)
                {
                    Assert.IsTrue(pacer.TrySpend(now, bytes), "seed " + seed.ToString() + ": DelayMs 0 but TrySpend refused");
                    times.Add(now);
                    sizes.Add(bytes);
                    now += random.Next(3);
                }
                else
                {
                    now += random.Next(2) == 0 ? delay : random.Next(delay) + 1;
                }
            }

            AssertEveryWindowWithinLimits(times, sizes, seed);
            Assert.IsTrue(times.Count > 60 * 10, "seed " + seed.ToString() + ": the pacer must not starve the sender (" + times.Count.ToString() + " sent)");
        }

        // Every window [t, t + 1000) starting at a send, which is where any window's count is largest.
        private static void AssertEveryWindowWithinLimits(ArrayList times, ArrayList sizes, int seed)
        {
            int last = 0;
            long bytes = 0;
            for (int first = 0; first < times.Count; first++)
            {
                long start = (long)times[first];
                while (last < times.Count && (long)times[last] < start + 1000)
                {
                    bytes += (int)sizes[last];
                    last++;
                }

                int messages = last - first;
                Assert.IsTrue(messages <= 90, "seed " + seed.ToString() + ": " + messages.ToString() + " messages in the second from " + start.ToString() + " ms");
                Assert.IsTrue(messages < AwsMessagesPerSecond, "seed " + seed.ToString() + ": over AWS's message limit");
                Assert.IsTrue(bytes <= 440 * 1024, "seed " + seed.ToString() + ": " + bytes.ToString() + " bytes in the second from " + start.ToString() + " ms");
                Assert.IsTrue(bytes < AwsBytesPerSecond, "seed " + seed.ToString() + ": over AWS's byte limit");
                bytes -= (int)sizes[first];
            }
        }
    }
}
