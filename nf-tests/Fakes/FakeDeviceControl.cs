using AwsIotDevice.Core.Provisioning;
using AwsIotDevice.Core.Settings;

namespace AwsIotDevice.Tests.Fakes
{
    /// <summary>Records what a provisioning session asked of the device.</summary>
    public class FakeDeviceControl : IDeviceControl
    {
        public string Status = "state=Provisioning";
        public DeviceSettings Committed;
        public int Commits;
        public int Reboots;

        public string DescribeStatus()
        {
            return Status;
        }

        public void OnCommitted(DeviceSettings settings)
        {
            Committed = settings;
            Commits++;
        }

        public void Reboot()
        {
            Reboots++;
        }
    }
}
