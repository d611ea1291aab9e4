using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.Tests.Fakes
{
    /// <summary>
    /// Seeded, deterministic <see cref="IRandomSource"/> (64-bit LCG, Knuth's MMIX constants): the same seed gives
    /// the same sequence on the device and on the host, so statistical tests never flake.
    /// </summary>
    public class LcgRandom : IRandomSource
    {
        private ulong _state;

        /// <summary>Creates a generator whose sequence is fixed by <paramref name="seed"/>.</summary>
        public LcgRandom(long seed)
        {
            _state = (ulong)seed;
        }

        /// <summary>Returns an integer in [0, maxExclusive); maxExclusive must be at least 1.</summary>
        /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="maxExclusive"/> is less than 1.</exception>
        public int Next(int maxExclusive)
        {
            if (maxExclusive < 1)
            {
                throw new System.ArgumentOutOfRangeException("maxExclusive");
            }

            unchecked
            {
                _state = _state * 6364136223846793005UL + 1442695040888963407UL;
            }

            // The high bits of an LCG are the well-mixed ones; scaling (not modulo) keeps the draw uniform.
            ulong high31 = _state >> 33;
            return (int)((high31 * (ulong)maxExclusive) >> 31);
        }
    }
}
