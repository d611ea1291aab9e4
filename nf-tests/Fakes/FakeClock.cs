using System;
using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.Tests.Fakes
{
    /// <summary>
    /// A clock that only moves when told: <see cref="Sleep"/> advances <see cref="UptimeMs"/> and
    /// <see cref="UtcNow"/> by exactly the amount and returns at once, so hours of supervisor time take
    /// milliseconds. Guards against runaway loops by failing after <see cref="MaxSleepCalls"/> sleeps.
    /// </summary>
    public class FakeClock : IClock
    {
        /// <summary>Starts at uptime 0 and 2026-01-01T00:00:00Z.</summary>
        public FakeClock()
        {
            UtcNow = new DateTime(2026, 1, 1, 0, 0, 0);
        }

        /// <summary>Settable so a test can start at any uptime.</summary>
        public long UptimeMs { get; set; }

        /// <summary>Settable (e.g. to an unset 1970 clock); advanced together with <see cref="UptimeMs"/>.</summary>
        public DateTime UtcNow { get; set; }

        /// <summary>Number of <see cref="Sleep"/> calls so far.</summary>
        public int SleepCalls;

        /// <summary>Total milliseconds slept.</summary>
        public long SleptMs;

        /// <summary>A sleep beyond this many calls throws: a test that loops forever fails instead of hanging.</summary>
        public int MaxSleepCalls = 5000000;

        /// <summary>Advances both clocks by <paramref name="milliseconds"/> (0 or more) at once.</summary>
        /// <exception cref="ArgumentOutOfRangeException">Negative duration.</exception>
        /// <exception cref="InvalidOperationException">More than <see cref="MaxSleepCalls"/> sleeps.</exception>
        public void Sleep(int milliseconds)
        {
            if (milliseconds < 0)
            {
                throw new ArgumentOutOfRangeException("milliseconds");
            }

            SleepCalls++;
            if (SleepCalls > MaxSleepCalls)
            {
                throw new InvalidOperationException("FakeClock: too many Sleep calls (runaway loop?)");
            }

            Advance(milliseconds);
        }

        /// <summary>Moves time forward without counting a sleep (for fakes that simulate slow operations).</summary>
        public void Advance(long milliseconds)
        {
            UptimeMs += milliseconds;
            SleptMs += milliseconds;
            UtcNow = UtcNow.AddMilliseconds(milliseconds);
        }
    }
}
