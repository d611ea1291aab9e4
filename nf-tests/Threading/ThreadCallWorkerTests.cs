using System;
using System.Threading;
using AwsIotDevice.Core.Threading;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Threading
{
    /// <summary>The worker thread with real threads: a call that blocks until the test releases it.</summary>
    [TestClass]
    public class ThreadCallWorkerTests
    {
        private const int Deadline = 10000;

        private class GatedCall : IBlockingCall
        {
            public readonly ManualResetEvent Entered = new ManualResetEvent(false);
            public readonly ManualResetEvent Gate = new ManualResetEvent(false);
            public bool Returned;
            public bool Throw;

            public void Invoke()
            {
                Entered.Set();
                Gate.WaitOne();
                Returned = true;
                if (Throw)
                {
                    throw new InvalidOperationException("escaped");
                }
            }
        }

        [TestMethod]
        public void ACallBlocksOnlyTheWorkerAndAnotherWaitsUntilItReturns()
        {
            ThreadCallWorker worker = new ThreadCallWorker();
            try
            {
                GatedCall first = new GatedCall();
                Assert.IsTrue(worker.TryStart(first));
                Assert.IsTrue(first.Entered.WaitOne(Deadline, false), "the call runs on the worker");
                Assert.IsFalse(worker.IsIdle);
                Assert.IsFalse(worker.WaitIdle(20), "WaitIdle returns at its timeout while the call blocks");

                GatedCall second = new GatedCall();
                Assert.IsFalse(worker.TryStart(second), "one call at a time");

                first.Gate.Set();
                Assert.IsTrue(worker.WaitIdle(Deadline), "idle once the call returned");
                Assert.IsTrue(first.Returned);

                second.Gate.Set();
                Assert.IsTrue(worker.TryStart(second), "the same thread takes the next call");
                Assert.IsTrue(worker.WaitIdle(Deadline));
                Assert.IsTrue(second.Returned);
            }
            finally
            {
                worker.Dispose();
            }
        }

        [TestMethod]
        public void AThrowingCallDoesNotEndTheWorker()
        {
            ThreadCallWorker worker = new ThreadCallWorker();
            try
            {
                GatedCall bad = new GatedCall();
                bad.Throw = true;
                bad.Gate.Set();
                Assert.IsTrue(worker.TryStart(bad));
                Assert.IsTrue(worker.WaitIdle(Deadline));

                GatedCall good = new GatedCall();
                good.Gate.Set();
                Assert.IsTrue(worker.TryStart(good));
                Assert.IsTrue(worker.WaitIdle(Deadline));
                Assert.IsTrue(good.Returned);
            }
            finally
            {
                worker.Dispose();
            }
        }

        [TestMethod]
        public void ADisposedWorkerRefusesCalls()
        {
            ThreadCallWorker worker = new ThreadCallWorker();
            worker.Dispose();
            Assert.IsFalse(worker.TryStart(new GatedCall()));
            Assert.IsTrue(worker.IsIdle);
        }
    }
}
