using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Mqtt;
using AwsIotDevice.Core.Provisioning;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.Core.Supervision;
using nanoFramework.Runtime.Native;

namespace AwsIotDevice.Platform
{
    /// <summary>
    /// Connects the serial provisioning session to the running device: STATUS shows the supervisor's status,
    /// COMMIT hands the stored settings to the supervisor (which adopts them without a reboot), REBOOT restarts
    /// the ESP32.
    /// </summary>
    public class DeviceControl : IDeviceControl
    {
        private readonly Supervisor _supervisor;
        private readonly ILog _log;

        /// <summary>Serves <paramref name="supervisor"/>; <paramref name="log"/> gets one line per commit.</summary>
        public DeviceControl(Supervisor supervisor, ILog log)
        {
            _supervisor = supervisor;
            _log = log;
        }

        /// <inheritdoc />
        public string DescribeStatus()
        {
            return _supervisor.GetStatus().Describe();
        }

        /// <inheritdoc />
        public void OnCommitted(DeviceSettings settings)
        {
            string problem = _supervisor.ApplySettings(settings);
            if (problem == null)
            {
                _log.Info("new settings committed over serial: " + SupervisorConfig.FromSettings(settings).DescribeTarget());
                if (settings.ToTransportMode() == TransportMode.Alpn)
                {
                    _log.Warn(CoreMqttLink.AlpnUnavailableDetail);
                }
            }
        }

        /// <inheritdoc />
        public void Reboot()
        {
            _log.Info("rebooting on request (serial REBOOT)");
            Power.RebootDevice();
        }
    }
}
