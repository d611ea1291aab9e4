using System;
using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.Platform
{
    /// <summary>
    /// Bench output. Uses <c>Console.WriteLine</c> rather than <c>Debug.WriteLine</c>: on nanoFramework
    /// Debug.WriteLine is [Conditional("DEBUG")] and vanishes from Release images, and a user flashing a
    /// Release build still needs to see why the device is not connecting. The text goes over the
    /// debugger wire protocol on COM1 (Visual Studio / VS Code output window).
    /// Callers never pass secrets (see <see cref="ILog"/>).
    /// </summary>
    public class DebugLog : ILog
    {
        private readonly IClock _clock;

        /// <summary>Creates a log that prefixes each line with the uptime in seconds from <paramref name="clock"/> (may be null).</summary>
        public DebugLog(IClock clock)
        {
            _clock = clock;
        }

        /// <inheritdoc />
        public void Info(string message)
        {
            Write("INFO ", message);
        }

        /// <inheritdoc />
        public void Warn(string message)
        {
            Write("WARN ", message);
        }

        private void Write(string level, string message)
        {
            string prefix = _clock == null ? string.Empty : "[" + (_clock.UptimeMs / 1000).ToString() + "s] ";
            Console.WriteLine(prefix + level + message);
        }
    }
}
