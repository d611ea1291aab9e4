using System.Threading;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Supervision;
using AwsIotDevice.Core.Threading;
using AwsIotDevice.Tests.Fakes;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Supervision
{
    /// <summary>
    /// <see cref="BoundedCalls"/> on a real <see cref="ThreadCallWorker"/> with a link whose Connect blocks until the
    /// test releases it.
    /// </summary>
    [TestClass]
    public class BoundedCallsThreadTests
    {
        private const int Deadline = 10000;

        private class GatedLink : IMqttLink, IAbortable
        {
            public readonly ManualResetEvent Entered = new ManualResetEvent(false);
            public readonly ManualResetEvent Gate = new ManualResetEvent(false);
            public readonly ManualResetEvent Closed = new ManualResetEvent(false);
            public int AbortCalls;
            public bool ReleaseOnAbort;

            public Fault Connect(MqttConnectRequest request)
            {
                Entered.Set();
                Gate.WaitOne();
                return Fault.None;
            }

            public bool IsConnected
            {
                get { return false; }
            }

            public Fault Publish(string topic, byte[] payload, int length, int qos, int timeoutMs)
            {
                return Fault.ConnectionLost;
            }

            public Fault Process(int timeoutMs)
            {
                return Fault.ConnectionLost;
            }

            public void Close()
            {
                Closed.Set();
            }

            public void Abort()
            {
                AbortCalls++;
                if (ReleaseOnAbort)
                {
                    Gate.Set();
                }
            }

            public string LastErrorDetail
            {
                get { return string.Empty; }
            }
        }

        private static SupervisorConfig Config(int connectBoundMs, int stuckRestartMs)
        {
            SupervisorConfig config = SupervisorRig.ValidConfig();
            config.ConnectBoundMs = connectBoundMs;
            config.StuckRestartMs = stuckRestartMs;
            config.PollMs = 20;
            return config;
        }

        private static int _idleCalls;
        private static FakeClock _clock;

        // The supervisor's loop while it waits: here it only moves the fake clock on, so bounds pass deterministically
        // however fast the host is.
        private static long Idle()
        {
            _idleCalls++;
            _clock.Advance(10);
            return 10;
        }

        private static BoundedCalls Calls(ThreadCallWorker worker)
        {
            _idleCalls = 0;
            _clock = new FakeClock();
            return new BoundedCalls(worker, _clock, Idle);
        }

        [TestMethod]
        public void AConnectPastItsBoundIsTimeoutAndALateSuccessClosesItself()
        {
            ThreadCallWorker worker = new ThreadCallWorker();
            GatedLink link = new GatedLink();
            try
            {
                BoundedCalls calls = Calls(worker);
                SupervisorConfig config = Config(100, 600000);

                Assert.AreEqual((int)Fault.Timeout, (int)calls.Connect(link, config.BuildConnectRequest(), config));
                Assert.IsTrue(calls.TimeoutDetail.IndexOf("did not finish within 100 ms") >= 0, calls.TimeoutDetail);
                Assert.AreEqual(1, link.AbortCalls, "the link is aborted at the bound");
                Assert.IsTrue(_idleCalls >= 2, "the caller kept its loop while waiting");
                Assert.IsFalse(worker.IsIdle, "the blocked call still holds the worker");

                Assert.AreEqual((int)Fault.Timeout, (int)calls.Connect(link, config.BuildConnectRequest(), config));
                Assert.IsTrue(calls.TimeoutDetail.IndexOf("still blocked") >= 0, calls.TimeoutDetail);

                link.Gate.Set();
                Assert.IsTrue(link.Closed.WaitOne(Deadline, false), "the late CONNACK's session is closed by the call itself");
                Assert.IsTrue(worker.WaitIdle(Deadline));
            }
            finally
            {
                link.Gate.Set();
                worker.Dispose();
            }
        }

        [TestMethod]
        public void AConnectThatAbortReleasesFreesTheWorkerForTheNextCall()
        {
            ThreadCallWorker worker = new ThreadCallWorker();
            GatedLink link = new GatedLink();
            link.ReleaseOnAbort = true;
            try
            {
                BoundedCalls calls = Calls(worker);
                SupervisorConfig config = Config(100, 600000);

                Assert.AreEqual((int)Fault.Timeout, (int)calls.Connect(link, config.BuildConnectRequest(), config));
                Assert.IsTrue(worker.WaitIdle(Deadline), "abort made the blocked connect return");
                Assert.IsTrue(calls.Close(link, config), "the next call runs");
            }
            finally
            {
                link.Gate.Set();
                worker.Dispose();
            }
        }

        [TestMethod]
        public void ACallBlockedPastStuckRestartMsThrowsBlockedCallException()
        {
            ThreadCallWorker worker = new ThreadCallWorker();
            GatedLink link = new GatedLink();
            try
            {
                BoundedCalls calls = Calls(worker);
                SupervisorConfig config = Config(50, 100);

                Assert.AreEqual((int)Fault.Timeout, (int)calls.Connect(link, config.BuildConnectRequest(), config));
                _clock.Advance(100);
                Assert.ThrowsException(typeof(BlockedCallException), () => calls.Connect(link, config.BuildConnectRequest(), config));
            }
            finally
            {
                link.Gate.Set();
                worker.Dispose();
            }
        }
    }
}
