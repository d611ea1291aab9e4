namespace AwsIotDevice.Core.Backoff
{
    /// <summary>
    /// Keeps CONNECT attempts at least <see cref="MinIntervalMs"/> apart (AWS throttles more than one
    /// CONNECT per second per client id), whatever the backoff says. Times are uptime milliseconds from a
    /// monotonic clock. Record the start of an attempt and again when it returns: the CONNECT leaves somewhere
    /// in between (after TCP and TLS), so gating from the end keeps CONNECT arrivals an interval apart.
    /// Not thread-safe: the supervisor's thread owns it.
    /// </summary>
    public class ConnectGate
    {
        /// <summary>AWS IoT allows one CONNECT per second per client id.</summary>
        public const int DefaultMinIntervalMs = 1000;

        private readonly int _minIntervalMs;
        private long _lastAttemptMs = long.MinValue;

        /// <summary>Creates a gate with <see cref="DefaultMinIntervalMs"/>.</summary>
        public ConnectGate()
            : this(DefaultMinIntervalMs)
        {
        }

        /// <summary>Creates a gate; <paramref name="minIntervalMs"/> is 0 or more.</summary>
        /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="minIntervalMs"/> is negative.</exception>
        public ConnectGate(int minIntervalMs)
        {
            if (minIntervalMs < 0)
            {
                throw new System.ArgumentOutOfRangeException("minIntervalMs");
            }

            _minIntervalMs = minIntervalMs;
        }

        /// <summary>Smallest allowed distance between two recorded attempts, in milliseconds.</summary>
        public int MinIntervalMs
        {
            get { return _minIntervalMs; }
        }

        /// <summary>Milliseconds to wait at <paramref name="nowMs"/> before the next attempt is allowed (0 = now).</summary>
        public int WaitMs(long nowMs)
        {
            if (_lastAttemptMs == long.MinValue)
            {
                return 0;
            }

            long wait = _lastAttemptMs + _minIntervalMs - nowMs;
            return wait > 0 ? (int)wait : 0;
        }

        /// <summary>Records that a CONNECT attempt starts at <paramref name="nowMs"/> (unconditionally).</summary>
        public void Record(long nowMs)
        {
            _lastAttemptMs = nowMs;
        }

        /// <summary>
        /// Records an attempt at <paramref name="nowMs"/> and returns true when <see cref="WaitMs"/> is 0 there;
        /// otherwise records nothing and returns false. Check and record in one step, so a caller cannot forget either.
        /// </summary>
        public bool TryEnter(long nowMs)
        {
            if (WaitMs(nowMs) > 0)
            {
                return false;
            }

            _lastAttemptMs = nowMs;
            return true;
        }
    }
}
