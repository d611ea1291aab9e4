using System;
using System.Threading;
using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.Platform
{
    /// <summary>
    /// The board's clocks. Uptime comes from <c>Environment.TickCount64</c> (nanoFramework.Runtime.Native),
    /// which counts from boot and is not moved by SNTP, so backoff and publish timing survive the clock
    /// jumping from 1970 to today when time is first set.
    /// </summary>
    public class DeviceClock : IClock
    {
        /// <inheritdoc />
        public long UptimeMs
        {
            get { return Environment.TickCount64; }
        }

        /// <inheritdoc />
        public DateTime UtcNow
        {
            get { return DateTime.UtcNow; }
        }

        /// <inheritdoc />
        public void Sleep(int milliseconds)
        {
            if (milliseconds > 0)
            {
                Thread.Sleep(milliseconds);
            }
        }
    }
}
