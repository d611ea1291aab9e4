using AwsIotDevice.Core.Telemetry;

namespace AwsIotDevice.Core.Abstractions
{
    /// <summary>The device's sensors. Add your own by implementing this (see Platform for the built-ins).</summary>
    public interface ISensors
    {
        /// <summary>
        /// Adds the current readings to <paramref name="into"/> with <see cref="Reading.Add"/>.
        /// Names should be constant strings (no allocation per sample). Never throws.
        /// </summary>
        void Sample(Reading into);
    }
}
