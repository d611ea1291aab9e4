using System.Collections;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Telemetry;

namespace AwsIotDevice.Tests.Fakes
{
    /// <summary>
    /// Sensors whose values are predictable: sample n (1-based) gives "temp" = 20 + n/10 and "n" = n.
    /// Records the uptime of every sample taken (needs the clock for that).
    /// </summary>
    public class FakeSensors : ISensors
    {
        private readonly IClock _clock;

        /// <summary>Creates sensors that stamp samples with <paramref name="clock"/>'s uptime.</summary>
        public FakeSensors(IClock clock)
        {
            _clock = clock;
        }

        /// <summary>Samples taken so far.</summary>
        public int Samples;

        /// <summary>Uptime of every sample, as boxed longs.</summary>
        public readonly ArrayList SampleTimes = new ArrayList();

        /// <summary>See <see cref="ISensors.Sample"/>.</summary>
        public void Sample(Reading into)
        {
            Samples++;
            SampleTimes.Add(_clock.UptimeMs);
            into.Add("temp", 20 + Samples / 10.0);
            into.Add("n", Samples);
        }

        /// <summary>Uptime of sample <paramref name="index"/> (0-based).</summary>
        public long SampleTime(int index)
        {
            return (long)SampleTimes[index];
        }
    }
}
