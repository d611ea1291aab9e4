using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Backoff;
using AwsIotDevice.Core.Threading;

namespace AwsIotDevice.Core.Boot
{
    /// <summary>
    /// The adapters <see cref="DeviceBootstrap.Start"/> wires into the supervisor. All required except
    /// <see cref="Provisioning"/>.
    /// </summary>
    public sealed class BootParts
    {
        public INetwork Network;

        public IMqttLink Link;

        public IClock Clock;

        public ISensors Sensors;

        public ILog Log;

        public BackoffPolicy Backoff;

        public ConnectGate Gate;

        /// <summary>What the serial REBOOT does.</summary>
        public IRestart Restart;

        /// <summary>Opens serial provisioning (before the queue is allocated); null: none.</summary>
        public IProvisioningStarter Provisioning;

        /// <summary>
        /// Where join, connect and close run, bounded (see <see cref="AwsIotDevice.Core.Supervision.Supervisor.CallWorker"/>); null: inline on the
        /// supervisor's thread (tests).
        /// </summary>
        public ICallWorker CallWorker;

        /// <summary>
        /// Credential renewal over MQTT and token expiry (see <c>Supervisor.EnableRenewal</c>): the platform's HMAC-SHA256
        /// and the store of the renewal in progress; an accepted token is saved to the boot's own settings store
        /// (<see cref="BootPlan.Store"/>). Both, or none (null: no renewal, no expiry reporting).
        /// </summary>
        public IHmacSha256 RenewalHmac;

        public ISettingsStore RenewalPendingStore;
    }

    /// <summary>Opens the serial provisioning session of a boot.</summary>
    public interface IProvisioningStarter
    {
        /// <summary>
        /// Starts serving provisioning, starting from <paramref name="plan"/>'s settings and validating with its
        /// capabilities, with <paramref name="control"/> as the device (STATUS, COMMIT, REBOOT). Must not throw: a serial
        /// line that cannot be opened is logged and the device runs without it.
        /// </summary>
        void Open(BootPlan plan, BootControl control);
    }
}
