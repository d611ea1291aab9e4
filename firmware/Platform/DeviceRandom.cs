using System;
using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.Platform
{
    /// <summary>
    /// Backoff jitter from <see cref="System.Random"/>. Jitter only needs to spread devices apart after a
    /// broker outage, not to be unpredictable, so the runtime's default seed is enough.
    /// </summary>
    public class DeviceRandom : IRandomSource
    {
        private readonly Random _random = new Random();

        /// <inheritdoc />
        public int Next(int maxExclusive)
        {
            return maxExclusive <= 1 ? 0 : _random.Next(maxExclusive);
        }
    }
}
