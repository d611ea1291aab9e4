using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.Tests.Fakes
{
    /// <summary>
    /// An <see cref="IRandomSource"/> that returns the given values in order, cycling (each reduced modulo the bound),
    /// so a test knows every key and mask byte in advance, e.g. RFC 6455's sample nonce.
    /// </summary>
    public class SequenceRandom : IRandomSource
    {
        private readonly byte[] _values;
        private int _next;

        /// <summary>Returns <paramref name="values"/> (at least one) in order, then again from the start.</summary>
        public SequenceRandom(byte[] values)
        {
            _values = values;
        }

        /// <summary>Draws so far.</summary>
        public int Draws;

        /// <summary>Starts again from the first value (e.g. so the next WebSocket key is the sample key again).</summary>
        public void Reset()
        {
            _next = 0;
        }

        /// <summary>See <see cref="IRandomSource.Next"/>.</summary>
        public int Next(int maxExclusive)
        {
            int value = _values[_next] % maxExclusive;
            _next = (_next + 1) % _values.Length;
            Draws++;
            return value;
        }
    }
}
