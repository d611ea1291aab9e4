using System.Collections;
using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.Tests.Fakes
{
    /// <summary>
    /// Wraps another <see cref="IRandomSource"/> (e.g. <see cref="LcgRandom"/>) and records every bound asked and
    /// value returned, so a test can check each backoff delay against the ceiling it was drawn under.
    /// </summary>
    public class RecordingRandom : IRandomSource
    {
        private readonly IRandomSource _inner;

        /// <summary>Records the draws of <paramref name="inner"/>.</summary>
        public RecordingRandom(IRandomSource inner)
        {
            _inner = inner;
        }

        /// <summary>maxExclusive of every call, as boxed ints.</summary>
        public readonly ArrayList Bounds = new ArrayList();

        /// <summary>Value returned by every call, as boxed ints.</summary>
        public readonly ArrayList Values = new ArrayList();

        /// <summary>When 0 or more, every draw returns min(ForcedValue, maxExclusive - 1) instead of the inner value.</summary>
        public int ForcedValue = -1;

        /// <summary>See <see cref="IRandomSource.Next"/>.</summary>
        public int Next(int maxExclusive)
        {
            int value = _inner.Next(maxExclusive);
            if (ForcedValue >= 0)
            {
                value = ForcedValue < maxExclusive ? ForcedValue : maxExclusive - 1;
            }

            Bounds.Add(maxExclusive);
            Values.Add(value);
            return value;
        }

        /// <summary>Number of draws so far.</summary>
        public int Count
        {
            get { return Values.Count; }
        }

        /// <summary>Bound of draw <paramref name="index"/>.</summary>
        public int BoundAt(int index)
        {
            return (int)Bounds[index];
        }

        /// <summary>Value of draw <paramref name="index"/>.</summary>
        public int ValueAt(int index)
        {
            return (int)Values[index];
        }
    }
}
