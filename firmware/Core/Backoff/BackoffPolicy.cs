using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.Core.Backoff
{
    /// <summary>
    /// Full-jitter exponential backoff: the n-th consecutive failure (n from 0) waits random(0, min(cap, base * 2^n)).
    /// The attempt count only resets after a connection stayed up for <see cref="ResetAfterMs"/>, so a broker
    /// that accepts CONNECT and then kicks the client (e.g. a policy denial) still backs off.
    /// Order of calls after an accepted connection ends: <see cref="OnDisconnected"/> first, then
    /// <see cref="NextDelayMs"/>. Not thread-safe: the supervisor's thread owns it.
    /// </summary>
    public class BackoffPolicy
    {
        /// <summary>Ceiling of the first delay, in milliseconds.</summary>
        public const int DefaultBaseMs = 1000;

        /// <summary>Largest ceiling, in milliseconds (AWS SDKs use 120-128 s).</summary>
        public const int DefaultCapMs = 120000;

        /// <summary>How long a connection must stay up before the attempt count resets, in milliseconds.</summary>
        public const int DefaultResetAfterMs = 30000;

        // Past 31 doublings any int base already exceeds any int cap, so counting further adds nothing.
        private const int MaxAttempt = 31;

        private readonly IRandomSource _random;
        private readonly int _baseMs;
        private readonly int _capMs;
        private readonly int _resetAfterMs;
        private int _attempt;
        private long _connectedAtMs = -1;

        /// <summary>Creates a policy with the defaults (1 s base, 120 s cap, reset after 30 s up).</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="random"/> is null.</exception>
        public BackoffPolicy(IRandomSource random)
            : this(random, DefaultBaseMs, DefaultCapMs, DefaultResetAfterMs)
        {
        }

        /// <summary>baseMs and capMs are at least 1 with baseMs &lt;= capMs; resetAfterMs is 0 or more.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="random"/> is null.</exception>
        /// <exception cref="System.ArgumentOutOfRangeException">A bound is outside the rules above.</exception>
        public BackoffPolicy(IRandomSource random, int baseMs, int capMs, int resetAfterMs)
        {
            if (random == null)
            {
                throw new System.ArgumentNullException("random");
            }

            if (baseMs < 1 || capMs < baseMs || resetAfterMs < 0)
            {
                throw new System.ArgumentOutOfRangeException("baseMs");
            }

            _random = random;
            _baseMs = baseMs;
            _capMs = capMs;
            _resetAfterMs = resetAfterMs;
        }

        /// <summary>Ceiling of the first delay after a reset, in milliseconds.</summary>
        public int BaseMs
        {
            get { return _baseMs; }
        }

        /// <summary>The ceiling never exceeds this, in milliseconds.</summary>
        public int CapMs
        {
            get { return _capMs; }
        }

        /// <summary>Minimum time up, in milliseconds, for a connection to reset the attempt count.</summary>
        public int ResetAfterMs
        {
            get { return _resetAfterMs; }
        }

        /// <summary>Consecutive failures so far (0 after a reset); stops counting at 31.</summary>
        public int Attempt
        {
            get { return _attempt; }
        }

        /// <summary>The upper bound of the next delay: min(cap, base * 2^Attempt), without overflow.</summary>
        public int CeilingMs
        {
            get
            {
                long ceiling = _baseMs;
                for (int i = 0; i < _attempt && ceiling < _capMs; i++)
                {
                    ceiling *= 2;
                }

                return ceiling > _capMs ? _capMs : (int)ceiling;
            }
        }

        /// <summary>Returns the delay before the next attempt, uniform in [0, CeilingMs], and counts the failure.</summary>
        public int NextDelayMs()
        {
            int ceiling = CeilingMs;

            // CeilingMs + 1 would overflow to a negative bound when the cap is int.MaxValue.
            int delay = ceiling == int.MaxValue ? _random.Next(int.MaxValue) : _random.Next(ceiling + 1);
            if (_attempt < MaxAttempt)
            {
                _attempt++;
            }

            return delay;
        }

        /// <summary>Call when a connection was accepted (CONNACK), with the uptime at that moment.</summary>
        public void OnConnected(long uptimeMs)
        {
            _connectedAtMs = uptimeMs;
        }

        /// <summary>
        /// Call when an accepted connection ended; resets the attempts if it lasted ResetAfterMs or more.
        /// Without a preceding <see cref="OnConnected"/> it changes nothing.
        /// </summary>
        public void OnDisconnected(long uptimeMs)
        {
            if (_connectedAtMs >= 0 && uptimeMs - _connectedAtMs >= _resetAfterMs)
            {
                _attempt = 0;
            }

            _connectedAtMs = -1;
        }
    }
}
