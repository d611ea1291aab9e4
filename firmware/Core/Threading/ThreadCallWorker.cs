using System;
using System.Threading;

namespace AwsIotDevice.Core.Threading
{
    /// <summary>
    /// An <see cref="ICallWorker"/> with one thread of its own, started with the first call and reused for every
    /// later one (a thread per call would cost a stack per attempt on the device). Only mscorlib's Thread,
    /// AutoResetEvent and ManualResetEvent with WaitOne(int, bool), so it runs on nanoFramework and on .NET.
    /// <see cref="TryStart"/>, <see cref="IsIdle"/> and <see cref="WaitIdle"/> belong to one caller thread.
    /// </summary>
    public class ThreadCallWorker : ICallWorker, IDisposable
    {
        private readonly AutoResetEvent _started = new AutoResetEvent(false);
        private readonly ManualResetEvent _idle = new ManualResetEvent(true);
        private readonly object _sync = new object();

        // Shared with the worker thread: only touched under _sync.
        private IBlockingCall _call;
        private bool _busy;
        private bool _disposed;

        private Thread _thread;

        /// <summary>
        /// Starts <paramref name="call"/> on the worker thread (creating the thread the first time) and returns true;
        /// false while the previous call has not returned, or after <see cref="Dispose"/>.
        /// </summary>
        public bool TryStart(IBlockingCall call)
        {
            if (call == null)
            {
                throw new ArgumentNullException("call");
            }

            lock (_sync)
            {
                if (_busy || _disposed)
                {
                    return false;
                }

                _busy = true;
                _call = call;
                _idle.Reset();
            }

            if (_thread == null)
            {
                _thread = new Thread(Loop);
                Configure(_thread);
                _thread.Start();
            }

            _started.Set();
            return true;
        }

        /// <summary>True when no call is running.</summary>
        public bool IsIdle
        {
            get
            {
                lock (_sync)
                {
                    return !_busy;
                }
            }
        }

        /// <summary>Waits on the worker's idle event at most <paramref name="timeoutMs"/>; returns <see cref="IsIdle"/>.</summary>
        public bool WaitIdle(int timeoutMs)
        {
            _idle.WaitOne(timeoutMs < 0 ? 0 : timeoutMs, false);
            return IsIdle;
        }

        /// <summary>
        /// Lets the worker thread end once the call in progress (if any) returns; later calls are refused. A call
        /// that never returns keeps its thread: nothing can end it.
        /// </summary>
        public void Dispose()
        {
            lock (_sync)
            {
                _disposed = true;
            }

            _started.Set();
        }

        /// <summary>
        /// Called once with the worker thread before it starts: a host subclass makes it a background thread (which
        /// nanoFramework's Thread has no notion of), so a stuck call does not keep the process alive.
        /// </summary>
        protected virtual void Configure(Thread thread)
        {
        }

        private void Loop()
        {
            while (true)
            {
                _started.WaitOne();
                IBlockingCall call;
                lock (_sync)
                {
                    call = _call;
                    _call = null;
                    if (call == null && _disposed)
                    {
                        return;
                    }
                }

                if (call == null)
                {
                    continue;
                }

                try
                {
                    call.Invoke();
                }
                catch (Exception)
                {
                    // IBlockingCall promises not to throw; an escape must not end the worker (and with it every
                    // later connect).
                }

                // Set under the lock, as TryStart resets it under the lock: set after releasing it, a TryStart in
                // between would see the event set while its call runs, and WaitIdle would stop waiting (a busy loop).
                lock (_sync)
                {
                    _busy = false;
                    _idle.Set();
                }
            }
        }
    }
}
