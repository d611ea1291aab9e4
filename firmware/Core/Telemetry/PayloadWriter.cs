using System;
using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Telemetry
{
    /// <summary>
    /// Writes one <see cref="Reading"/> as compact UTF-8 JSON into a byte buffer it owns and reuses, so publishing
    /// allocates nothing in steady state (no strings, no number-to-string conversions):
    /// <c>{"device":"ID","seq":N,"uptimeMs":N,"dropped":N,"readings":{"name":value,...}}</c>.
    /// <list type="bullet">
    /// <item>"dropped" is the queue's cumulative <see cref="TelemetryQueue.Dropped"/> count since boot; it is written
    /// only by <see cref="Write(Reading, long)"/> with a value of 0 or more (always then, 0 included, so the cloud
    /// side sees a stable shape); <see cref="Write(Reading)"/> leaves it out. Gaps in "seq" show the same loss per
    /// message; "dropped" makes it visible without keeping history.</item>
    /// <item>Integers (seq, uptimeMs, dropped) are written exactly, long.MinValue included.</item>
    /// <item>Values with magnitude below 1e15 are fixed-point with at most 3 decimals and no trailing zeros
    /// (1.5, 2, -0.25, 0.001), rounded half away from zero on value * 1000 as computed in double arithmetic
    /// (so 1.2345 gives 1.235 as written); from 2^53/1000 (about 9e12) up, where that product is inexact, the
    /// decimals are those of the stored double. A value that rounds to zero is "0", never "-0".</item>
    /// <item>Larger magnitudes, which fixed-point cannot hold in a long, use an exponent with up to 15
    /// significant digits: 1.5e+20.</item>
    /// <item>NaN and the infinities, which JSON cannot express, are written as null.</item>
    /// <item>Strings (client id, value names) are JSON-escaped: " and \ get a backslash, characters below U+0020
    /// become \u00XX (upper-case hex), everything else is UTF-8; an unpaired surrogate becomes U+FFFD.
    /// A null name is written as "".</item>
    /// </list>
    /// The buffer only grows (to at least double) when a message does not fit; its start, the escaped client id,
    /// is written once at construction. Not thread-safe: one writer per publishing thread.
    /// <para>
    /// Batches: <see cref="BeginBatch"/>, <see cref="TryAppend"/> per reading, <see cref="EndBatch"/> write a JSON
    /// array of the same reading objects (<c>[{...},{...}]</c>) into a buffer the caller owns, never growing it and
    /// allocating nothing; a reading that would not fit is refused whole, so it starts the next batch. While a batch
    /// is open, <see cref="Write(Reading, long)"/> must not be called.
    /// </para>
    /// </summary>
    public class PayloadWriter
    {
        /// <summary>Initial buffer size: enough for a client id and eight short values.</summary>
        public const int DefaultInitialCapacity = 256;

        private const string HexDigits = "0123456789ABCDEF";
        private const double FixedPointLimit = 1e15;

        // 2^53 / 1000: below it, value * 1000 is still an exactly representable integer part.
        private const double ScaledExactLimit = 9007199254740.0;
        private const long SignificandUnit = 100000000000000L;

        // Exactly the largest significand (15 digits) plus one: reaching it after rounding moves the exponent.
        private const long SignificandLimit = 1000000000000000L;

        private byte[] _buffer;
        private readonly int _prefixLength;

        // Where Put writes: _buffer, or the caller's batch buffer between BeginBatch and EndBatch.
        private byte[] _out;
        private bool _batching;
        private bool _overflow;
        private int _batchLimit;
        private int _batchCount;
        private int _singleLength;
        private readonly byte[] _digits = new byte[20];
        private int _length;

        /// <summary>Creates a writer for <paramref name="clientId"/> with <see cref="DefaultInitialCapacity"/>.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="clientId"/> is null.</exception>
        public PayloadWriter(string clientId)
            : this(clientId, DefaultInitialCapacity)
        {
        }

        /// <summary>Creates a writer for <paramref name="clientId"/> with a buffer of <paramref name="initialCapacity"/> (1 or more) bytes.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="clientId"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialCapacity"/> is less than 1.</exception>
        public PayloadWriter(string clientId, int initialCapacity)
        {
            if (clientId == null)
            {
                throw new ArgumentNullException("clientId");
            }

            if (initialCapacity < 1)
            {
                throw new ArgumentOutOfRangeException("initialCapacity");
            }

            _buffer = new byte[initialCapacity];
            _out = _buffer;
            PutAscii("{\"device\":\"");
            PutString(clientId);
            PutAscii("\",\"seq\":");
            _prefixLength = _length;
        }

        /// <summary>
        /// The buffer holding the last message in bytes [0, <see cref="Length"/>). The same instance is returned
        /// until a message needs more room; its contents change with every Write, so publish before writing again.
        /// </summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        /// <summary>Byte length of the last message written (0 before the first).</summary>
        public int Length
        {
            get { return _length > _prefixLength ? _length : 0; }
        }

        /// <summary>Writes <paramref name="reading"/> without a "dropped" field; returns the message length in bytes.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="reading"/> is null.</exception>
        public int Write(Reading reading)
        {
            return Write(reading, -1);
        }

        /// <summary>
        /// Writes <paramref name="reading"/> with "dropped" set to <paramref name="dropped"/> when that is 0 or more
        /// (a negative value leaves the field out); returns the message length in bytes.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="reading"/> is null.</exception>
        public int Write(Reading reading, long dropped)
        {
            if (reading == null)
            {
                throw new ArgumentNullException("reading");
            }

            _length = _prefixLength;
            PutBody(reading, dropped);
            return _length;
        }

        /// <summary>
        /// Starts a batch in <paramref name="destination"/> (at least 2 bytes; its length bounds the whole array,
        /// brackets included) by writing "[". The writer keeps the buffer until <see cref="EndBatch"/>; the single
        /// message in <see cref="Buffer"/> is left as it was.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="destination"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 2 bytes.</exception>
        /// <exception cref="InvalidOperationException">A batch is already open.</exception>
        public void BeginBatch(byte[] destination)
        {
            if (destination == null)
            {
                throw new ArgumentNullException("destination");
            }

            if (destination.Length < 2)
            {
                throw new ArgumentException("a batch buffer needs room for [ and ]", "destination");
            }

            if (_batching)
            {
                throw new InvalidOperationException("a batch is already open");
            }

            _singleLength = _length;
            _out = destination;
            _batching = true;

            // The closing bracket is always kept free, so EndBatch cannot fail.
            _batchLimit = destination.Length - 1;
            _batchCount = 0;
            _length = 0;
            _out[_length++] = (byte)'[';
        }

        /// <summary>
        /// Appends <paramref name="reading"/> to the open batch as the same object <see cref="Write(Reading, long)"/>
        /// writes (with "dropped" when <paramref name="dropped"/> is 0 or more) and returns true; returns false and
        /// leaves the batch exactly as it was when the object (with its separating comma) would not fit.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="reading"/> is null.</exception>
        /// <exception cref="InvalidOperationException">No batch is open.</exception>
        public bool TryAppend(Reading reading, long dropped)
        {
            if (reading == null)
            {
                throw new ArgumentNullException("reading");
            }

            if (!_batching)
            {
                throw new InvalidOperationException("no batch is open");
            }

            int start = _length;
            _overflow = false;
            if (_batchCount > 0)
            {
                Put((byte)',');
            }

            Reserve(_prefixLength);
            if (!_overflow)
            {
                Array.Copy(_buffer, 0, _out, _length, _prefixLength);
                _length += _prefixLength;
                PutBody(reading, dropped);
            }

            if (_overflow)
            {
                _length = start;
                _overflow = false;
                return false;
            }

            _batchCount++;
            return true;
        }

        /// <summary>Readings appended to the open (or last) batch.</summary>
        public int BatchCount
        {
            get { return _batchCount; }
        }

        /// <summary>
        /// Closes the open batch with "]" and returns its length in bytes, in the buffer given to
        /// <see cref="BeginBatch"/> ("[]", 2 bytes, when nothing was appended: not worth sending).
        /// </summary>
        /// <exception cref="InvalidOperationException">No batch is open.</exception>
        public int EndBatch()
        {
            if (!_batching)
            {
                throw new InvalidOperationException("no batch is open");
            }

            _out[_length++] = (byte)']';
            int length = _length;
            _batching = false;
            _out = _buffer;
            _length = _singleLength;
            return length;
        }

        // Everything after the object's fixed start ("{"device":"ID","seq":), at _length.
        private void PutBody(Reading reading, long dropped)
        {
            PutLong(reading.Sequence);
            PutAscii(",\"uptimeMs\":");
            PutLong(reading.UptimeMs);
            if (dropped >= 0)
            {
                PutAscii(",\"dropped\":");
                PutLong(dropped);
            }

            PutAscii(",\"readings\":{");
            int count = reading.Count;
            if (count > reading.Names.Length)
            {
                count = reading.Names.Length;
            }

            for (int i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    Put((byte)',');
                }

                Put((byte)'"');
                PutString(reading.Names[i]);
                PutAscii("\":");
                PutDouble(reading.Values[i]);
            }

            PutAscii("}}");
        }

        private void PutDouble(double value)
        {
            // Every comparison with NaN is false, so this one test catches NaN and both infinities.
            if (!(value >= -double.MaxValue && value <= double.MaxValue))
            {
                PutAscii("null");
                return;
            }

            bool negative = value < 0;
            double magnitude = negative ? -value : value;
            if (magnitude >= FixedPointLimit)
            {
                PutExponent(magnitude, negative);
                return;
            }

            long whole;
            long fraction;
            if (magnitude < ScaledExactLimit)
            {
                // Scaling first rounds 1.0005 (stored as 1.000499999...) to 1.001, as a reader of the literal expects.
                long thousandths = RoundHalfAway(magnitude * 1000.0);
                whole = thousandths / 1000;
                fraction = thousandths % 1000;
            }
            else
            {
                // Here magnitude * 1000 would no longer be exact and would invent digits; the split parts are exact.
                whole = (long)magnitude;
                fraction = RoundHalfAway((magnitude - whole) * 1000.0);
                if (fraction == 1000)
                {
                    whole++;
                    fraction = 0;
                }
            }

            if (whole == 0 && fraction == 0)
            {
                Put((byte)'0');
                return;
            }

            if (negative)
            {
                Put((byte)'-');
            }

            PutUnsigned((ulong)whole);
            PutFraction(fraction, 100);
        }

        private void PutExponent(double magnitude, bool negative)
        {
            int exponent = 15;
            double power = FixedPointLimit;
            while (exponent < 308 && magnitude >= power * 10.0)
            {
                power *= 10.0;
                exponent++;
            }

            long significand = RoundHalfAway(magnitude / power * SignificandUnit);
            if (significand >= SignificandLimit)
            {
                significand /= 10;
                exponent++;
            }

            if (negative)
            {
                Put((byte)'-');
            }

            PutUnsigned((ulong)(significand / SignificandUnit));
            PutFraction(significand % SignificandUnit, SignificandUnit / 10);
            PutAscii("e+");
            PutUnsigned((ulong)exponent);
        }

        // Writes "." and the digits of fraction (below 10 * unit) with leading zeros kept and trailing zeros dropped.
        private void PutFraction(long fraction, long unit)
        {
            if (fraction == 0)
            {
                return;
            }

            Put((byte)'.');
            while (fraction != 0)
            {
                Put((byte)('0' + (int)(fraction / unit)));
                fraction %= unit;
                unit /= 10;
            }
        }

        // For 0 <= scaled < 2^63. The fractional part is computed exactly, unlike scaled + 0.5.
        private static long RoundHalfAway(double scaled)
        {
            long whole = (long)scaled;
            if (scaled - whole >= 0.5)
            {
                whole++;
            }

            return whole;
        }

        private void PutLong(long value)
        {
            if (value < 0)
            {
                Put((byte)'-');

                // -(value + 1) cannot overflow, even for long.MinValue.
                PutUnsigned((ulong)(-(value + 1)) + 1);
            }
            else
            {
                PutUnsigned((ulong)value);
            }
        }

        private void PutUnsigned(ulong value)
        {
            int count = 0;
            do
            {
                _digits[count++] = (byte)('0' + (int)(value % 10));
                value /= 10;
            }
            while (value != 0);

            while (count > 0)
            {
                Put(_digits[--count]);
            }
        }

        private void PutString(string text)
        {
            if (text == null)
            {
                return;
            }

            int length = text.Length;
            for (int i = 0; i < length; i++)
            {
                char c = text[i];
                if (c == '"' || c == '\\')
                {
                    Put((byte)'\\');
                    Put((byte)c);
                }
                else if (c < 0x20)
                {
                    PutAscii("\\u00");
                    Put((byte)HexDigits[c >> 4]);
                    Put((byte)HexDigits[c & 0x0F]);
                }
                else
                {
                    int width;
                    int scalar = Utf8.ScalarAt(text, i, out width);
                    Reserve(Utf8.ByteCount(scalar));
                    if (!_overflow)
                    {
                        _length += Utf8.Write(scalar, _out, _length);
                    }

                    i += width - 1;
                }
            }
        }

        // Only for literals that are pure ASCII.
        private void PutAscii(string literal)
        {
            for (int i = 0; i < literal.Length; i++)
            {
                Put((byte)literal[i]);
            }
        }

        private void Put(byte value)
        {
            Reserve(1);
            if (!_overflow)
            {
                _out[_length++] = value;
            }
        }

        // In a batch the caller's buffer never grows: not fitting sets _overflow and every later Put is skipped.
        private void Reserve(int more)
        {
            if (_batching)
            {
                if (_length + more > _batchLimit)
                {
                    _overflow = true;
                }

                return;
            }

            if (_length + more <= _buffer.Length)
            {
                return;
            }

            byte[] larger = new byte[_buffer.Length * 2 >= _length + more ? _buffer.Length * 2 : _length + more];
            Array.Copy(_buffer, 0, larger, 0, _length);
            _buffer = larger;
            _out = larger;
        }
    }
}
