using AwsIotDevice.Core.Threading;

namespace AwsIotDevice.Tests.Fakes
{
    /// <summary>
    /// An <see cref="ICallWorker"/> on a <see cref="FakeClock"/> that models a call running on another thread: the
    /// call is invoked at once, and however much fake time it advanced (a fake's ConnectDurationMs or
    /// JoinDurationMs, i.e. how long it blocked) is rewound and becomes the time the worker stays busy. Meanwhile
    /// the caller's WaitIdle advances the clock itself, so the caller keeps its loop while the call "blocks".
    /// <see cref="Hold"/> keeps the worker busy until <see cref="Release"/>, as a call that never returns on its own.
    /// </summary>
    public class FakeCallWorker : ICallWorker
    {
        private readonly FakeClock _clock;
        private long _busyUntilMs = -1;
        private bool _held;

        /// <summary>Creates an idle worker on <paramref name="clock"/>.</summary>
        public FakeCallWorker(FakeClock clock)
        {
            _clock = clock;
        }

        /// <summary>When true, the next started call keeps the worker busy until <see cref="Release"/>.</summary>
        public bool Hold;

        /// <summary>Calls started so far.</summary>
        public int Started;

        /// <summary>TryStart calls refused because the worker was busy.</summary>
        public int Refused;

        /// <summary>See <see cref="ICallWorker.TryStart"/>.</summary>
        public bool TryStart(IBlockingCall call)
        {
            if (!IsIdle)
            {
                Refused++;
                return false;
            }

            Started++;
            long startMs = _clock.UptimeMs;
            System.DateTime startUtc = _clock.UtcNow;
            long sleptBefore = _clock.SleptMs;
            call.Invoke();
            long took = _clock.UptimeMs - startMs;
            _clock.UptimeMs = startMs;
            _clock.UtcNow = startUtc;
            _clock.SleptMs = sleptBefore;
            _busyUntilMs = startMs + took;
            _held = Hold;
            return true;
        }

        /// <summary>See <see cref="ICallWorker.IsIdle"/>.</summary>
        public bool IsIdle
        {
            get { return !_held && _clock.UptimeMs >= _busyUntilMs; }
        }

        /// <summary>Advances the clock by <paramref name="timeoutMs"/>, or only up to the end of the running call.</summary>
        public bool WaitIdle(int timeoutMs)
        {
            if (IsIdle)
            {
                return true;
            }

            long step = timeoutMs;
            if (!_held && _busyUntilMs - _clock.UptimeMs < step)
            {
                step = _busyUntilMs - _clock.UptimeMs;
            }

            _clock.Advance(step);
            return IsIdle;
        }

        /// <summary>Lets a held call return now.</summary>
        public void Release()
        {
            _held = false;
        }
    }
}
