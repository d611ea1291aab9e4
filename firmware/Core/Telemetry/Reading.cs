namespace AwsIotDevice.Core.Telemetry
{
    /// <summary>
    /// One telemetry sample: a sequence number, the uptime it was taken at, and up to
    /// <see cref="MaxValues"/> named values. Readings are preallocated by <see cref="TelemetryQueue"/> and
    /// reused, so sampling allocates nothing.
    /// </summary>
    public class Reading
    {
        /// <summary>Most named values one reading holds.</summary>
        public const int MaxValues = 8;

        /// <summary>Assigned by the queue: 1 for the first reading after boot, then +1 each.</summary>
        public long Sequence;

        /// <summary>Milliseconds since boot when the reading was taken (set by the queue).</summary>
        public long UptimeMs;

        /// <summary>Value names; entries at index Count and beyond are unused.</summary>
        public readonly string[] Names = new string[MaxValues];

        /// <summary>Values, parallel to <see cref="Names"/>.</summary>
        public readonly double[] Values = new double[MaxValues];

        /// <summary>How many of Names/Values are in use.</summary>
        public int Count;

        /// <summary>Adds a named value. Returns false (and adds nothing) when the reading is full.</summary>
        public bool Add(string name, double value)
        {
            if (Count >= MaxValues)
            {
                return false;
            }

            Names[Count] = name;
            Values[Count] = value;
            Count++;
            return true;
        }

        /// <summary>Forgets all values (sequence and uptime are left as they are).</summary>
        public void Clear()
        {
            for (int i = 0; i < Count; i++)
            {
                Names[i] = null;
            }

            Count = 0;
        }
    }
}
