using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.Tests.Backoff
{
    /// <summary>
    /// An <see cref="IRandomSource"/> that always returns its largest or its smallest allowed value, and remembers the
    /// bound it was asked for, so tests can pin the edges of the jitter range.
    /// </summary>
    public class ExtremeRandom : IRandomSource
    {
        private readonly bool _max;

        /// <summary>Returns maxExclusive - 1 on every call when <paramref name="max"/> is true, else 0.</summary>
        public ExtremeRandom(bool max)
        {
            _max = max;
        }

        /// <summary>The maxExclusive of the last call (0 before any).</summary>
        public int LastMaxExclusive;

        /// <summary>How many times <see cref="Next"/> was called.</summary>
        public int Calls;

        /// <summary>See the class; throws like a real source when <paramref name="maxExclusive"/> is below 1.</summary>
        /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="maxExclusive"/> is less than 1.</exception>
        public int Next(int maxExclusive)
        {
            LastMaxExclusive = maxExclusive;
            Calls++;
            if (maxExclusive < 1)
            {
                throw new System.ArgumentOutOfRangeException("maxExclusive");
            }

            return _max ? maxExclusive - 1 : 0;
        }
    }
}
