using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.Core.Boot
{
    /// <summary>What <see cref="DeviceBootstrap.Prepare"/> reads at boot. Store, Clock and Log are required; the rest may be null.</summary>
    public sealed class BootInputs
    {
        /// <summary>The settings store (required).</summary>
        public ISettingsStore Store;

        /// <summary>The import file nanoff may have copied to the drive; null: this platform has none.</summary>
        public IImportFile Import;

        /// <summary>Where the crash record lives; null: crashes are not remembered across boots.</summary>
        public ICrashRecordStore CrashRecords;

        /// <summary>The free heap; null: unknown (the queue is then bounded by the settings' own limit only).</summary>
        public IMemoryInfo Memory;

        /// <summary>Required.</summary>
        public IClock Clock;

        /// <summary>Required; gets every decision of the boot, secret-free.</summary>
        public ILog Log;

        /// <summary>What the platform can do (null: unrestricted); the boot adds the queue bound to it.</summary>
        public PlatformCapabilities Capabilities;

        /// <summary>True when the provisioning pin is held: stored settings are not run, the queue is the smallest.</summary>
        public bool ProvisioningPinHeld;
    }
}
