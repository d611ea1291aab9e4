using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Backoff;
using AwsIotDevice.Core.Boot;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.Tests.Fakes;

namespace AwsIotDevice.Tests.Boot
{
    /// <summary>
    /// One device's storage (settings, import file, crash record) and the fakes of one boot, for
    /// <see cref="DeviceBootstrap"/>. <see cref="Boot"/> runs Prepare and Start as both composition roots do; a "reboot" is
    /// another <see cref="Boot"/> on the same rig (storage kept, RAM state new).
    /// </summary>
    internal class BootRig : IProvisioningStarter
    {
        public readonly FakeClock Clock = new FakeClock();
        public readonly ListLog Log = new ListLog();
        public readonly FakeSettingsStore Store = new FakeSettingsStore();
        public readonly FakeImportFile Import = new FakeImportFile();
        public readonly FakeCrashRecordStore Crashes = new FakeCrashRecordStore();
        public readonly FakeMemory Memory = new FakeMemory();
        public readonly FakeRestart Restart = new FakeRestart();
        public PlatformCapabilities Capabilities = PlatformCapabilities.Unrestricted;
        public bool PinHeld;

        /// <summary>True: the boot gets the renewal parts (test HMAC, <see cref="Store"/>, <see cref="Pending"/>).</summary>
        public bool WithRenewal;

        /// <summary>The pending-renewal store of <see cref="WithRenewal"/>.</summary>
        public readonly FakeSettingsStore Pending = new FakeSettingsStore();

        public FakeNetwork Network;
        public FakeMqttLink Link;
        public BootPlan Plan;
        public BootControl Control;

        /// <summary>Whether provisioning was opened, and whether the supervisor (hence the queue) existed then.</summary>
        public bool ProvisioningOpened;
        public bool SupervisorExistedAtOpen;
        public string StatusAtOpen;

        /// <summary>Stores <paramref name="settings"/> as COMMIT would.</summary>
        public void StoreSettings(DeviceSettings settings)
        {
            Store.Text = SettingsCodec.FormatForStorage(settings);
        }

        /// <summary>Puts an import file for <paramref name="settings"/> on the "drive".</summary>
        public void PutImport(DeviceSettings settings)
        {
            Import.Bytes = AwsIotDevice.Core.Text.Utf8.GetBytes(SettingsImport.Format(settings));
        }

        /// <summary>Prepare only.</summary>
        public BootPlan Prepare()
        {
            Clock.UptimeMs = 0;
            BootInputs inputs = new BootInputs();
            inputs.Store = Store;
            inputs.Import = Import;
            inputs.CrashRecords = Crashes;
            inputs.Memory = Memory;
            inputs.Clock = Clock;
            inputs.Log = Log;
            inputs.Capabilities = Capabilities;
            inputs.ProvisioningPinHeld = PinHeld;
            Plan = DeviceBootstrap.Prepare(inputs);
            return Plan;
        }

        /// <summary>Prepare, then Start with fresh fakes; returns the control.</summary>
        public BootControl Boot()
        {
            Prepare();
            Network = new FakeNetwork(Clock);
            Link = new FakeMqttLink(Clock);
            BootParts parts = new BootParts();
            parts.Network = Network;
            parts.Link = Link;
            parts.Clock = Clock;
            parts.Sensors = new FakeSensors(Clock);
            parts.Log = Log;
            parts.Backoff = new BackoffPolicy(new LcgRandom(4242));
            parts.Gate = new ConnectGate();
            parts.Restart = Restart;
            parts.Provisioning = this;
            if (WithRenewal)
            {
                parts.RenewalHmac = new TestHmacSha256();
                parts.RenewalPendingStore = Pending;
            }

            ProvisioningOpened = false;
            Control = DeviceBootstrap.Start(Plan, parts);
            return Control;
        }

        /// <summary>Runs the boot's supervisor until the fake uptime reaches <paramref name="uptimeMs"/>.</summary>
        public void RunUntil(long uptimeMs)
        {
            int checks = 0;
            Control.Supervisor.Run(() =>
            {
                checks++;
                if (checks > 2000000)
                {
                    throw new System.InvalidOperationException("supervisor made no progress (runaway loop?)");
                }

                Plan.Crashes.PollStable();
                return Clock.UptimeMs >= uptimeMs;
            });
        }

        /// <summary>The STATUS line of the current boot.</summary>
        public string Status()
        {
            return Control.DescribeStatus();
        }

        /// <summary>See <see cref="IProvisioningStarter.Open"/>: records what existed when it was called.</summary>
        public void Open(BootPlan plan, BootControl control)
        {
            ProvisioningOpened = true;
            SupervisorExistedAtOpen = control.Supervisor != null;
            StatusAtOpen = control.DescribeStatus();
        }
    }
}
