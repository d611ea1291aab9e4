namespace AwsIotDevice.Core.Telemetry
{
    /// <summary>
    /// Keeps publishes under AWS IoT Core's per-connection limits (100 publishes/s and 512 KiB/s; a connection past
    /// either is closed THROTTLED) with two token buckets: one counts messages, one counts bytes. Pure timing on
    /// uptime milliseconds: it never sleeps; the caller asks <see cref="DelayMs"/> ("may I send n bytes now, and if
    /// not, when?") and reports each publish with <see cref="Spend"/>.
    /// <para>
    /// Both buckets start full and refill continuously at their rate up to their burst. A publish may go when the
    /// message bucket holds one message and the byte bucket holds its size (or is full, for a publish larger than
    /// the byte burst, which then leaves the bucket in debt). So in any window of T ms at most
    /// burst + rate * T / 1000 of each is sent (plus, for the bytes, the excess of one oversized publish): with the
    /// defaults, 90 messages and 440 KiB in any second, a margin under AWS's figures for clock skew and the
    /// broker's own metering.
    /// </para>
    /// <para>
    /// Arithmetic is exact: tokens are kept in thousandths (a rate per second is a whole number of thousandths per
    /// millisecond), so no rounding lets more through than the rates allow. Time going backwards counts as no time.
    /// Not thread-safe: one publishing thread.
    /// </para>
    /// </summary>
    public class PublishPacer
    {
        /// <summary>Default message rate, under AWS's 100 publishes per second per connection.</summary>
        public const int DefaultMessagesPerSecond = 80;

        /// <summary>Default message burst.</summary>
        public const int DefaultMessageBurst = 10;

        /// <summary>Default byte rate (400 KiB/s), under AWS's 512 KiB/s per connection.</summary>
        public const int DefaultBytesPerSecond = 400 * 1024;

        /// <summary>Default byte burst (40 KiB): a few full batches back to back.</summary>
        public const int DefaultByteBurst = 40 * 1024;

        private const long Scale = 1000;

        private readonly long _messageRate;
        private readonly long _messageCapacity;
        private readonly long _byteRate;
        private readonly long _byteCapacity;
        private long _messageTokens;
        private long _byteTokens;
        private long _lastMs;
        private bool _started;

        /// <summary>A pacer with the defaults (80 msg/s, burst 10; 400 KiB/s, burst 40 KiB).</summary>
        public PublishPacer()
            : this(DefaultMessagesPerSecond, DefaultMessageBurst, DefaultBytesPerSecond, DefaultByteBurst)
        {
        }

        /// <summary>A pacer with the given rates (per second) and bursts; every argument must be 1 or more.</summary>
        /// <exception cref="System.ArgumentOutOfRangeException">An argument is less than 1.</exception>
        public PublishPacer(int messagesPerSecond, int messageBurst, int bytesPerSecond, int byteBurst)
        {
            if (messagesPerSecond < 1)
            {
                throw new System.ArgumentOutOfRangeException("messagesPerSecond");
            }

            if (messageBurst < 1)
            {
                throw new System.ArgumentOutOfRangeException("messageBurst");
            }

            if (bytesPerSecond < 1)
            {
                throw new System.ArgumentOutOfRangeException("bytesPerSecond");
            }

            if (byteBurst < 1)
            {
                throw new System.ArgumentOutOfRangeException("byteBurst");
            }

            // A rate per second is that many thousandths per millisecond.
            _messageRate = messagesPerSecond;
            _messageCapacity = messageBurst * Scale;
            _byteRate = bytesPerSecond;
            _byteCapacity = byteBurst * Scale;
            _messageTokens = _messageCapacity;
            _byteTokens = _byteCapacity;
        }

        /// <summary>
        /// Milliseconds from <paramref name="nowMs"/> until a publish of <paramref name="bytes"/> (0 or more; a
        /// negative count is taken as 0) may go: 0 when it may go now. Changes nothing but the refill clock.
        /// </summary>
        public int DelayMs(long nowMs, int bytes)
        {
            Refill(nowMs);
            long messageWait = WaitFor(_messageTokens, Scale, _messageRate);
            long byteWait = WaitFor(_byteTokens, ByteCost(bytes), _byteRate);
            long wait = messageWait > byteWait ? messageWait : byteWait;
            return wait > int.MaxValue ? int.MaxValue : (int)wait;
        }

        /// <summary>
        /// Records a publish of <paramref name="bytes"/> at <paramref name="nowMs"/>, whether or not
        /// <see cref="DelayMs"/> allowed it (a publish that went out counts against the broker's limits all the same).
        /// </summary>
        public void Spend(long nowMs, int bytes)
        {
            Refill(nowMs);
            _messageTokens -= Scale;
            _byteTokens -= (bytes < 0 ? 0 : bytes) * Scale;
        }

        /// <summary>Spends and returns true when a publish of <paramref name="bytes"/> may go now; otherwise changes nothing and returns false.</summary>
        public bool TrySpend(long nowMs, int bytes)
        {
            if (DelayMs(nowMs, bytes) > 0)
            {
                return false;
            }

            Spend(nowMs, bytes);
            return true;
        }

        // What the byte bucket must hold: the publish's size, or the whole bucket for one larger than the burst.
        private long ByteCost(int bytes)
        {
            long cost = (bytes < 0 ? 0 : bytes) * Scale;
            return cost > _byteCapacity ? _byteCapacity : cost;
        }

        private static long WaitFor(long tokens, long needed, long ratePerMs)
        {
            long missing = needed - tokens;
            if (missing <= 0)
            {
                return 0;
            }

            // Rounded up: after this many ms the bucket holds at least what is needed.
            return (missing + ratePerMs - 1) / ratePerMs;
        }

        private void Refill(long nowMs)
        {
            if (!_started)
            {
                _started = true;
                _lastMs = nowMs;
                return;
            }

            long elapsed = nowMs - _lastMs;
            if (elapsed <= 0)
            {
                return;
            }

            _lastMs = nowMs;
            _messageTokens = Add(_messageTokens, elapsed, _messageRate, _messageCapacity);
            _byteTokens = Add(_byteTokens, elapsed, _byteRate, _byteCapacity);
        }

        private static long Add(long tokens, long elapsedMs, long ratePerMs, long capacity)
        {
            // Past a full refill the product could only overflow; the bucket is full either way.
            if (elapsedMs >= (capacity - tokens) / ratePerMs + 1)
            {
                return capacity;
            }

            long filled = tokens + elapsedMs * ratePerMs;
            return filled > capacity ? capacity : filled;
        }
    }
}
