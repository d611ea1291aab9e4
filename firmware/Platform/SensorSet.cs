using System;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Telemetry;

namespace AwsIotDevice.Platform
{
    /// <summary>Several <see cref="ISensors"/> sampled in order into one reading (a sensor that throws is skipped).</summary>
    public class SensorSet : ISensors
    {
        private readonly ISensors[] _sensors;

        /// <summary>Samples each of <paramref name="sensors"/> in turn; null entries are ignored.</summary>
        public SensorSet(ISensors[] sensors)
        {
            _sensors = sensors == null ? new ISensors[0] : sensors;
        }

        /// <inheritdoc />
        public void Sample(Reading into)
        {
            for (int i = 0; i < _sensors.Length; i++)
            {
                if (_sensors[i] == null)
                {
                    continue;
                }

                try
                {
                    _sensors[i].Sample(into);
                }
                catch (Exception)
                {
                    // ISensors must not throw; a user's sensor that does still must not stop telemetry.
                }
            }
        }
    }
}
