using System;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Telemetry;

namespace AwsIotDevice.Platform
{
    /// <summary>
    /// The built-in readings every board has: uptime, free managed memory and, when a
    /// <see cref="WifiRssiProbe"/> is given, the Wi-Fi signal. Add real sensors by writing another
    /// <see cref="ISensors"/> and combining them with <see cref="SensorSet"/>.
    /// </summary>
    public class DeviceSensors : ISensors
    {
        /// <summary>Seconds since boot.</summary>
        public const string UptimeName = "uptime_s";

        /// <summary>Free managed heap in bytes, measured after a garbage collection.</summary>
        public const string FreeMemoryName = "heap_free";

        /// <summary>Signal of the joined access point in dBm, from the last Wi-Fi scan.</summary>
        public const string RssiName = "rssi_dbm";

        private readonly IClock _clock;
        private readonly WifiRssiProbe _rssi;

        /// <summary>Samples uptime from <paramref name="clock"/>; <paramref name="rssi"/> may be null (no signal reading).</summary>
        public DeviceSensors(IClock clock, WifiRssiProbe rssi)
        {
            _clock = clock;
            _rssi = rssi;
        }

        /// <inheritdoc />
        public void Sample(Reading into)
        {
            into.Add(UptimeName, _clock.UptimeMs / 1000);

            try
            {
                // Runs a collection and returns what is free afterwards: the number that matters for a
                // device that must not run out of heap after days of reconnects.
                into.Add(FreeMemoryName, nanoFramework.Runtime.Native.GC.Run(false));
            }
            catch (Exception)
            {
                // A reading that cannot be taken is left out rather than reported as zero.
            }

            if (_rssi != null)
            {
                int dbm;
                if (_rssi.TryGetRssi(out dbm))
                {
                    into.Add(RssiName, dbm);
                }
            }
        }
    }
}
