namespace AwsIotDevice.Core.Telemetry
{
    /// <summary>
    /// A bounded FIFO of readings waiting to be published. All slots are allocated up front. When full,
    /// appending drops the oldest reading and counts it in <see cref="Dropped"/>, so the newest data
    /// always survives a long outage. Not thread-safe: the supervisor's thread owns it.
    /// </summary>
    public class TelemetryQueue
    {
        private readonly Reading[] _slots;
        private int _head;
        private int _count;
        private long _nextSequence = 1;
        private long _dropped;

        /// <summary>Creates a queue holding at most <paramref name="capacity"/> (1 or more) readings.</summary>
        /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="capacity"/> is less than 1.</exception>
        public TelemetryQueue(int capacity)
        {
            if (capacity < 1)
            {
                throw new System.ArgumentOutOfRangeException("capacity");
            }

            _slots = new Reading[capacity];
            for (int i = 0; i < capacity; i++)
            {
                _slots[i] = new Reading();
            }
        }

        /// <summary>The most readings the queue holds at once.</summary>
        public int Capacity
        {
            get { return _slots.Length; }
        }

        /// <summary>Readings waiting, 0..Capacity.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>Readings discarded because the queue was full, since construction (never reset).</summary>
        public long Dropped
        {
            get { return _dropped; }
        }

        /// <summary>The sequence number the next appended reading will get.</summary>
        public long NextSequence
        {
            get { return _nextSequence; }
        }

        /// <summary>
        /// Claims the slot after the newest reading (dropping the oldest when full), stamps it with the next
        /// sequence number and <paramref name="uptimeMs"/>, clears its values and returns it for filling.
        /// The returned object belongs to the queue: fill it now, do not keep it.
        /// </summary>
        public Reading Append(long uptimeMs)
        {
            if (_count == _slots.Length)
            {
                _head = (_head + 1) % _slots.Length;
                _count--;
                _dropped++;
            }

            Reading slot = _slots[(_head + _count) % _slots.Length];
            _count++;
            slot.Clear();
            slot.Sequence = _nextSequence++;
            slot.UptimeMs = uptimeMs;
            return slot;
        }

        /// <summary>
        /// Returns the oldest reading without removing it, or null when empty. An <see cref="Append"/> on a full
        /// queue reuses this very object, so finish with it (publish, then <see cref="RemoveOldest"/>) first.
        /// </summary>
        public Reading Peek()
        {
            return _count == 0 ? null : _slots[_head];
        }

        /// <summary>
        /// Returns the reading <paramref name="index"/> places after the oldest (0 is <see cref="Peek"/>) without
        /// removing anything, or null when <paramref name="index"/> is negative or not below <see cref="Count"/>.
        /// The same reuse caveat as <see cref="Peek"/> applies: write it out before the next <see cref="Append"/>.
        /// </summary>
        public Reading PeekAt(int index)
        {
            if (index < 0 || index >= _count)
            {
                return null;
            }

            return _slots[(_head + index) % _slots.Length];
        }

        /// <summary>
        /// Removes the oldest readings up to and including sequence number <paramref name="sequence"/> (after a
        /// message holding them was delivered) and returns how many it removed. Readings dropped meanwhile (the
        /// queue overflowed while the message was in flight) are simply no longer there; a newer reading is never
        /// removed.
        /// </summary>
        public int RemoveThrough(long sequence)
        {
            int removed = 0;
            while (_count > 0 && _slots[_head].Sequence <= sequence)
            {
                RemoveOldest();
                removed++;
            }

            return removed;
        }

        /// <summary>Removes the oldest reading (after it was delivered). Does nothing when empty.</summary>
        public void RemoveOldest()
        {
            if (_count == 0)
            {
                return;
            }

            _slots[_head].Clear();
            _head = (_head + 1) % _slots.Length;
            _count--;
        }
    }
}
