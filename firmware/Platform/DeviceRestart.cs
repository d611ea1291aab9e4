using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Boot;
using nanoFramework.Runtime.Native;

namespace AwsIotDevice.Platform
{
    /// <summary>Reboots the ESP32 (serial REBOOT, or after a crash was recorded).</summary>
    public class DeviceRestart : IRestart
    {
        private readonly ILog _log;

        /// <summary>Logs each reboot to <paramref name="log"/>.</summary>
        public DeviceRestart(ILog log)
        {
            _log = log;
        }

        /// <inheritdoc />
        public void Restart(string reason)
        {
            _log.Info("rebooting (" + reason + ")");
            Power.RebootDevice();
        }
    }
}
