using System;

namespace AwsIotDevice.Core.Abstractions
{
    /// <summary>
    /// Time as the device sees it. Core never reads the system clock directly, so tests can run
    /// hours of supervisor behaviour in milliseconds with a fake clock.
    /// </summary>
    public interface IClock
    {
        /// <summary>Milliseconds since boot. Monotonic: never goes backwards, unaffected by SNTP.</summary>
        long UptimeMs { get; }

        /// <summary>Wall-clock UTC. Meaningless until <see cref="INetwork.IsTimeValid"/> is true.</summary>
        DateTime UtcNow { get; }

        /// <summary>
        /// Blocks the calling thread for <paramref name="milliseconds"/> (0 or more).
        /// A fake clock advances <see cref="UptimeMs"/> by exactly that amount and returns at once.
        /// </summary>
        void Sleep(int milliseconds);
    }
}
