using AwsIotDevice.Core.Settings;

namespace AwsIotDevice.Core.Provisioning
{
    /// <summary>What the provisioning session needs from the rest of the device.</summary>
    public interface IDeviceControl
    {
        /// <summary>One secret-free line describing the device's state (the supervisor's status).</summary>
        string DescribeStatus();

        /// <summary>
        /// Called after COMMIT stored <paramref name="settings"/>: start using them. The session keeps no
        /// reference to the object passed.
        /// </summary>
        void OnCommitted(DeviceSettings settings);

        /// <summary>Restarts the device (on the host: restarts the virtual device). Called after the reply was sent.</summary>
        void Reboot();
    }
}
