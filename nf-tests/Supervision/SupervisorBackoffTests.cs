using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Supervision;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Supervision
{
    [TestClass]
    public class SupervisorBackoffTests
    {
        [TestMethod]
        public void ConnectsAreNeverLessThanOneSecondApart()
        {
            SupervisorRig rig = new SupervisorRig();

            // Zero jitter: only the gate keeps attempts apart.
            rig.Random.ForcedValue = 0;
            rig.Link.DefaultConnectResult = Fault.TlsFailure;
            rig.Provision();
            rig.RunUntil(20000);

            int count = rig.Link.ConnectTimes.Count;
            Assert.IsTrue(count >= 15, "attempts keep coming, got " + count.ToString());
            for (int i = 1; i < count; i++)
            {
                long gap = rig.Link.ConnectTime(i) - rig.Link.ConnectTime(i - 1);
                Assert.IsTrue(gap >= 1000, "CONNECTs " + gap.ToString() + " ms apart");
            }
        }

        [TestMethod]
        public void SlowHandshakesDoNotBringConnectsCloserThanOneSecond()
        {
            SupervisorRig rig = new SupervisorRig();

            // The CONNECT leaves at the end of a 700 ms TLS handshake; a next, fast handshake must not send its
            // CONNECT within a second of that one (AWS throttles by arrival).
            rig.Random.ForcedValue = 0;
            rig.Link.ConnectDurationMs = 700;
            rig.Link.DefaultConnectResult = Fault.ConnectRefused;
            rig.Provision();
            rig.RunUntil(20000);

            int count = rig.Link.ConnectTimes.Count;
            Assert.IsTrue(count >= 5, "attempts keep coming, got " + count.ToString());
            for (int i = 1; i < count; i++)
            {
                long previousConnectSent = rig.Link.ConnectTime(i - 1) + 700;
                long gap = rig.Link.ConnectTime(i) - previousConnectSent;
                Assert.IsTrue(gap >= 1000, "attempt " + i.ToString() + " started " + gap.ToString() + " ms after the previous CONNECT");
            }
        }

        [TestMethod]
        public void DelaysStayWithinFullJitterBoundsUpToTheCap()
        {
            SupervisorRig rig = new SupervisorRig();
            rig.Link.DefaultConnectResult = Fault.TlsFailure;
            rig.Provision();
            rig.RunUntil(3600000);

            Assert.IsTrue(rig.Random.Count >= 12, "enough attempts to reach the cap");
            for (int i = 0; i < rig.Random.Count; i++)
            {
                long ceiling = 1000;
                for (int k = 0; k < i && ceiling < 120000; k++)
                {
                    ceiling *= 2;
                }

                if (ceiling > 120000)
                {
                    ceiling = 120000;
                }

                Assert.AreEqual((int)ceiling + 1, rig.Random.BoundAt(i), "draw " + i.ToString() + " is random(0, min(cap, base * 2^n))");
                Assert.IsTrue(rig.Random.ValueAt(i) >= 0 && rig.Random.ValueAt(i) <= ceiling);
            }

            for (int i = 1; i < rig.Link.ConnectTimes.Count; i++)
            {
                long gap = rig.Link.ConnectTime(i) - rig.Link.ConnectTime(i - 1);
                long delay = rig.Random.ValueAt(i - 1);
                Assert.IsTrue(gap >= delay, "attempt " + i.ToString() + " waited its backoff");
                Assert.IsTrue(gap <= (delay > 1000 ? delay : 1000), "attempt " + i.ToString() + " did not wait longer than needed");
            }

            Assert.AreEqual(rig.Random.ValueAt(rig.Random.Count - 1), rig.Status().LastDelayMs);
        }

        [TestMethod]
        public void BackoffResetsOnlyAfterThirtySecondsUp()
        {
            SupervisorRig rig = new SupervisorRig();
            rig.Link.ConnectResults = new Fault[] { Fault.TlsFailure, Fault.TlsFailure, Fault.None, Fault.None, Fault.None };

            // Session 3 lasts 10 s (no reset), session 4 lasts 31 s (reset), session 5 stays up.
            rig.Link.CloseAfterMs = new int[] { -1, -1, 10000, 31000, -1 };
            rig.Provision();
            rig.RunUntil(300000);

            Assert.AreEqual(4, rig.Random.Count, "four faults, four draws");
            Assert.AreEqual(1001, rig.Random.BoundAt(0));
            Assert.AreEqual(2001, rig.Random.BoundAt(1));
            Assert.AreEqual(4001, rig.Random.BoundAt(2), "a 10 s session does not reset the backoff");
            Assert.AreEqual(1001, rig.Random.BoundAt(3), "a 31 s session resets it");
            SupervisorStatus status = rig.Status();
            Assert.AreEqual(1, status.BackoffAttempt);
            Assert.AreEqual(3, status.Connects);
            Assert.AreEqual(2, status.CountOf(Fault.ConnectionLost));
            rig.AssertNothingLost();
        }

        [TestMethod]
        public void AlpnUnavailableIsReportedOnceAndBackedOffAtTheCap()
        {
            SupervisorRig rig = new SupervisorRig();
            rig.Config.Mode = TransportMode.Alpn;
            rig.Link.DefaultConnectResult = Fault.AlpnUnavailable;
            rig.Provision();
            rig.RunUntil(600000);

            int attempts = rig.Link.ConnectTimes.Count;
            Assert.IsTrue(attempts >= 5 && attempts <= 6, "one attempt per 120 s, got " + attempts.ToString());
            for (int i = 1; i < attempts; i++)
            {
                Assert.IsTrue(rig.Link.ConnectTime(i) - rig.Link.ConnectTime(i - 1) >= 120000, "ALPN retries wait the cap");
            }

            SupervisorStatus status = rig.Status();
            Assert.AreEqual(attempts, status.CountOf(Fault.AlpnUnavailable));
            Assert.AreEqual((int)Fault.AlpnUnavailable, (int)status.LastFault);
            Assert.AreEqual(120000, status.LastDelayMs);
            Assert.AreEqual(1, rig.Log.CountContaining(FaultAdvice.Alpn));
            Assert.Contains("faults=AlpnUnavailable:" + attempts.ToString(), status.Describe());
            Assert.AreEqual(61, rig.Sensors.Samples, "sampling continues while backing off");
        }

        [TestMethod]
        public void SamplesAreTakenOnTimeDuringBackoff()
        {
            SupervisorRig rig = new SupervisorRig();
            rig.Config.SampleIntervalMs = 3000;
            rig.Link.ConnectResults = new Fault[]
            {
                Fault.TlsFailure, Fault.TlsFailure, Fault.TlsFailure, Fault.TlsFailure,
                Fault.TlsFailure, Fault.TlsFailure, Fault.TlsFailure, Fault.TlsFailure,
            };
            rig.Provision();
            rig.RunUntil(400000);

            Assert.IsTrue(rig.Sensors.Samples >= 130);
            for (int i = 0; i < rig.Sensors.Samples; i++)
            {
                Assert.AreEqual((long)i * 3000, rig.Sensors.SampleTime(i), "sample " + i.ToString());
            }

            Assert.AreEqual(1, rig.Status().Connects);
            rig.AssertNothingLost();
        }
    }
}
