using System;
using AwsIotDevice.Core.Backoff;
using AwsIotDevice.Tests.Fakes;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Backoff
{
    [TestClass]
    public class BackoffPolicyTests
    {
        [TestMethod]
        public void CeilingDoublesFromBaseUntilTheCap()
        {
            BackoffPolicy policy = new BackoffPolicy(new ExtremeRandom(true));
            int[] expected = { 1000, 2000, 4000, 8000, 16000, 32000, 64000, 120000, 120000 };
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(i, policy.Attempt);
                Assert.AreEqual(expected[i], policy.CeilingMs, "ceiling at attempt " + i.ToString());
                policy.NextDelayMs();
            }
        }

        [TestMethod]
        public void CeilingStaysAtTheCapWithoutOverflowPastFortyAttempts()
        {
            ExtremeRandom random = new ExtremeRandom(true);
            BackoffPolicy policy = new BackoffPolicy(random);
            for (int i = 0; i < 45; i++)
            {
                int delay = policy.NextDelayMs();
                Assert.IsTrue(delay >= 0 && delay <= BackoffPolicy.DefaultCapMs, "delay " + delay.ToString() + " at attempt " + i.ToString());
                Assert.IsTrue(policy.CeilingMs > 0 && policy.CeilingMs <= BackoffPolicy.DefaultCapMs, "ceiling at attempt " + i.ToString());
            }

            Assert.AreEqual(BackoffPolicy.DefaultCapMs, policy.CeilingMs);
            Assert.AreEqual(BackoffPolicy.DefaultCapMs, policy.NextDelayMs());
        }

        [TestMethod]
        public void LargestDrawEqualsTheCeiling()
        {
            ExtremeRandom random = new ExtremeRandom(true);
            BackoffPolicy policy = new BackoffPolicy(random);
            for (int i = 0; i < 10; i++)
            {
                int ceiling = policy.CeilingMs;
                Assert.AreEqual(ceiling, policy.NextDelayMs(), "attempt " + i.ToString());
                Assert.AreEqual(ceiling + 1, random.LastMaxExclusive, "the ceiling itself must be reachable");
            }
        }

        [TestMethod]
        public void SmallestDrawIsZero()
        {
            ExtremeRandom random = new ExtremeRandom(false);
            BackoffPolicy policy = new BackoffPolicy(random);
            for (int i = 0; i < 10; i++)
            {
                Assert.AreEqual(0, policy.NextDelayMs(), "attempt " + i.ToString());
            }

            Assert.AreEqual(10, random.Calls);
        }

        [TestMethod]
        public void CapOfIntMaxValueNeverAsksForANegativeBound()
        {
            ExtremeRandom random = new ExtremeRandom(true);
            BackoffPolicy policy = new BackoffPolicy(random, 1, int.MaxValue, 0);
            for (int i = 0; i < 40; i++)
            {
                int delay = policy.NextDelayMs();
                Assert.IsTrue(random.LastMaxExclusive >= 1, "bound at attempt " + i.ToString());
                Assert.IsTrue(delay >= 0, "delay at attempt " + i.ToString());
            }

            Assert.AreEqual(int.MaxValue, policy.CeilingMs);
        }

        [TestMethod]
        public void SeededDrawsAreUniformBelowTheCeiling()
        {
            BackoffPolicy policy = new BackoffPolicy(new LcgRandom(20261121));
            while (policy.CeilingMs < BackoffPolicy.DefaultCapMs)
            {
                policy.NextDelayMs();
            }

            const int Draws = 10000;
            int ceiling = policy.CeilingMs;
            int[] buckets = new int[10];
            long sum = 0;
            int smallest = int.MaxValue;
            int largest = -1;
            for (int i = 0; i < Draws; i++)
            {
                int delay = policy.NextDelayMs();
                Assert.IsTrue(delay >= 0 && delay <= ceiling, "draw " + delay.ToString() + " outside [0, ceiling]");
                sum += delay;
                smallest = delay < smallest ? delay : smallest;
                largest = delay > largest ? delay : largest;
                int bucket = (int)((long)delay * 10 / (ceiling + 1));
                buckets[bucket]++;
            }

            // Uniform on [0, 120000]: mean 60000, standard error about 350 for 10000 draws; 2400 is 7 of those.
            long mean = sum / Draws;
            Assert.IsTrue(mean > ceiling / 2 - 2400 && mean < ceiling / 2 + 2400, "mean " + mean.ToString());
            Assert.IsTrue(smallest < ceiling / 100, "smallest " + smallest.ToString());
            Assert.IsTrue(largest > ceiling - ceiling / 100, "largest " + largest.ToString());
            for (int b = 0; b < buckets.Length; b++)
            {
                Assert.IsTrue(buckets[b] > 800 && buckets[b] < 1200, "bucket " + b.ToString() + " holds " + buckets[b].ToString());
            }
        }

        [TestMethod]
        public void SeededDrawsAtTheFirstAttemptStayWithinTheBase()
        {
            BackoffPolicy policy = new BackoffPolicy(new LcgRandom(7), 1000, 1000, 0);
            bool sawLowHalf = false;
            bool sawHighHalf = false;
            for (int i = 0; i < 1000; i++)
            {
                int delay = policy.NextDelayMs();
                Assert.IsTrue(delay >= 0 && delay <= 1000, "draw " + delay.ToString());
                sawLowHalf |= delay < 500;
                sawHighHalf |= delay >= 500;
            }

            Assert.IsTrue(sawLowHalf && sawHighHalf, "draws must spread over the whole range");
        }

        [TestMethod]
        public void StayingUpThirtySecondsResetsTheAttempts()
        {
            BackoffPolicy policy = new BackoffPolicy(new ExtremeRandom(true));
            FailTimes(policy, 5);
            policy.OnConnected(100000);
            policy.OnDisconnected(130000);

            Assert.AreEqual(0, policy.Attempt);
            Assert.AreEqual(BackoffPolicy.DefaultBaseMs, policy.CeilingMs);
            Assert.AreEqual(BackoffPolicy.DefaultBaseMs, policy.NextDelayMs());
        }

        [TestMethod]
        public void StayingUpOneMillisecondLessThanThirtySecondsDoesNotReset()
        {
            BackoffPolicy policy = new BackoffPolicy(new ExtremeRandom(true));
            FailTimes(policy, 5);
            policy.OnConnected(100000);
            policy.OnDisconnected(129999);

            Assert.AreEqual(5, policy.Attempt);
            Assert.AreEqual(32000, policy.CeilingMs);
        }

        [TestMethod]
        public void KickedRightAfterConnackKeepsBackingOff()
        {
            BackoffPolicy policy = new BackoffPolicy(new ExtremeRandom(true));
            long now = 0;
            for (int i = 0; i < 10; i++)
            {
                now += policy.NextDelayMs();
                policy.OnConnected(now);
                now += 200;
                policy.OnDisconnected(now);
            }

            Assert.AreEqual(10, policy.Attempt);
            Assert.AreEqual(BackoffPolicy.DefaultCapMs, policy.CeilingMs);
        }

        [TestMethod]
        public void DisconnectWithoutAConnectionDoesNotReset()
        {
            BackoffPolicy policy = new BackoffPolicy(new ExtremeRandom(true));
            FailTimes(policy, 3);
            policy.OnDisconnected(1000000);

            Assert.AreEqual(3, policy.Attempt);
        }

        [TestMethod]
        public void ConnectionsStartingAtUptimeZeroCountToo()
        {
            BackoffPolicy policy = new BackoffPolicy(new ExtremeRandom(true));
            FailTimes(policy, 2);
            policy.OnConnected(0);
            policy.OnDisconnected(30000);

            Assert.AreEqual(0, policy.Attempt);
        }

        [TestMethod]
        public void InvalidArgumentsAreRefused()
        {
            Assert.ThrowsException(typeof(ArgumentNullException), () => new BackoffPolicy(null));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new BackoffPolicy(new LcgRandom(1), 0, 1000, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new BackoffPolicy(new LcgRandom(1), 2000, 1000, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new BackoffPolicy(new LcgRandom(1), 1000, 2000, -1));
        }

        private static void FailTimes(BackoffPolicy policy, int times)
        {
            for (int i = 0; i < times; i++)
            {
                policy.NextDelayMs();
            }
        }
    }
}
