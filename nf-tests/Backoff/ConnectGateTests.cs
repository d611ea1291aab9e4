using System;
using AwsIotDevice.Core.Backoff;
using AwsIotDevice.Tests.Fakes;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Backoff
{
    [TestClass]
    public class ConnectGateTests
    {
        [TestMethod]
        public void FirstAttemptIsAllowedAtOnceEvenAtUptimeZero()
        {
            ConnectGate gate = new ConnectGate();
            Assert.AreEqual(0, gate.WaitMs(0));
            Assert.IsTrue(gate.TryEnter(0));
        }

        [TestMethod]
        public void WaitCountsDownToZeroOneSecondAfterTheLastAttempt()
        {
            ConnectGate gate = new ConnectGate();
            gate.Record(5000);

            Assert.AreEqual(1000, gate.WaitMs(5000));
            Assert.AreEqual(1, gate.WaitMs(5999));
            Assert.AreEqual(0, gate.WaitMs(6000));
            Assert.AreEqual(0, gate.WaitMs(90000));
        }

        [TestMethod]
        public void TryEnterRefusesWithinTheIntervalAndRecordsNothing()
        {
            ConnectGate gate = new ConnectGate();
            Assert.IsTrue(gate.TryEnter(10000));
            Assert.IsFalse(gate.TryEnter(10999));

            // The refused call must not have moved the window.
            Assert.AreEqual(0, gate.WaitMs(11000));
            Assert.IsTrue(gate.TryEnter(11000));
        }

        [TestMethod]
        public void CallersHonouringWaitNeverConnectTwiceWithinOneSecond()
        {
            ConnectGate gate = new ConnectGate();
            LcgRandom random = new LcgRandom(42);
            long now = 0;
            long last = long.MinValue;
            int attempts = 0;
            while (now < 60000)
            {
                if (gate.WaitMs(now) == 0)
                {
                    Assert.IsTrue(last == long.MinValue || now - last >= 1000, "attempts " + last.ToString() + " and " + now.ToString());
                    gate.Record(now);
                    last = now;
                    attempts++;
                }

                // A supervisor that retries eagerly, sometimes several times within one millisecond.
                now += random.Next(40);
            }

            Assert.IsTrue(attempts >= 55, "the gate must still let attempts through: " + attempts.ToString());
        }

        [TestMethod]
        public void TryEnterNeverAdmitsTwoAttemptsWithinOneSecond()
        {
            ConnectGate gate = new ConnectGate();
            long last = long.MinValue;
            int admitted = 0;
            for (long now = 0; now <= 20000; now++)
            {
                if (gate.TryEnter(now))
                {
                    Assert.IsTrue(last == long.MinValue || now - last >= 1000, "admitted " + last.ToString() + " and " + now.ToString());
                    last = now;
                    admitted++;
                }
            }

            Assert.AreEqual(21, admitted);
        }

        [TestMethod]
        public void CustomIntervalIsHonoured()
        {
            ConnectGate gate = new ConnectGate(2500);
            Assert.AreEqual(2500, gate.MinIntervalMs);
            gate.Record(0);
            Assert.AreEqual(2500, gate.WaitMs(0));
            Assert.AreEqual(0, gate.WaitMs(2500));
        }

        [TestMethod]
        public void NegativeIntervalIsRefused()
        {
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new ConnectGate(-1));
        }
    }
}
