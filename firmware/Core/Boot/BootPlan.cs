using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.Core.Supervision;
using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Boot
{
    /// <summary>
    /// What <see cref="DeviceBootstrap.Prepare"/> decided for one boot: the settings to start from, whether they can run
    /// and why not, the queue capacity and its bound, the import file's outcome and the crash guard. Apart from
    /// <see cref="Settings"/> everything here is secret-free and shown by STATUS (<see cref="Describe"/>).
    /// </summary>
    public sealed class BootPlan
    {
        /// <summary>STATUS value of lastImport when no import file was found.</summary>
        public const string NoImport = "none";

        internal BootPlan()
        {
        }

        /// <summary>
        /// The settings store the boot read (BootInputs.Store): the one instance that COMMIT and an accepted renewal
        /// write to, under its lock (see <see cref="ISettingsStore"/>).
        /// </summary>
        public ISettingsStore Store { get; internal set; }

        /// <summary>The stored settings as parsed (possibly incomplete, never null): the serial session starts from them. Holds secrets.</summary>
        public DeviceSettings Settings { get; internal set; }

        /// <summary>True when settings were stored and parsed: the supervisor is offered them (and says why when it refuses).</summary>
        public bool HasStoredSettings { get; internal set; }

        /// <summary>Why the stored settings cannot run (secret-free), or null when they can.</summary>
        public string Problem { get; internal set; }

        /// <summary>True when the provisioning pin was held at boot.</summary>
        public bool ProvisioningPinHeld { get; internal set; }

        /// <summary>The platform's capabilities with <see cref="QueueMax"/>: what SET, COMMIT and the supervisor validate with.</summary>
        public PlatformCapabilities Capabilities { get; internal set; }

        /// <summary>The telemetry queue's capacity for this boot.</summary>
        public int QueueCapacity { get; internal set; }

        /// <summary>The largest capacity the free heap allows (<see cref="QueueBudget"/>).</summary>
        public int QueueMax { get; internal set; }

        /// <summary>Free heap reported at boot, in bytes (-1: unknown).</summary>
        public long FreeHeapBytes { get; internal set; }

        /// <summary>lastImport in STATUS: <see cref="NoImport"/>, <c>applied</c> or <c>rejected:&lt;code&gt;</c>.</summary>
        public string ImportStatus { get; internal set; }

        /// <summary>The import's secret-free log line ("" when there was none).</summary>
        public string ImportMessage { get; internal set; }

        /// <summary>The crash record and safe-mode decision.</summary>
        public CrashGuard Crashes { get; internal set; }

        /// <summary>True when this boot runs in safe mode (a crash loop came before it).</summary>
        public bool SafeMode
        {
            get { return Crashes.SafeMode; }
        }

        /// <summary>
        /// The STATUS line: the supervisor's <see cref="SupervisorStatus.Describe"/> (<c>state=Booting</c> before the
        /// supervisor exists, <paramref name="status"/> null) followed by <c>queueCapacity= queueMax= crashReboots=
        /// lastCrash="…" safeMode=0|1 lastImport=…</c>.
        /// </summary>
        public string Describe(SupervisorStatus status)
        {
            TextBuilder b = new TextBuilder();
            b.Append(status != null ? status.Describe() : "state=Booting");
            CrashRecord record = Crashes.Record;
            b.Append(" queueCapacity=").Append(QueueCapacity.ToString());
            b.Append(" queueMax=").Append(QueueMax.ToString());
            b.Append(" crashReboots=").Append(record.Count.ToString());
            b.Append(" lastCrash=\"").Append(Quote(record.LastReason)).Append('"');
            b.Append(" safeMode=").Append(SafeMode ? "1" : "0");
            b.Append(" lastImport=").Append(ImportStatus);
            return b.ToString();
        }

        private static string Quote(string text)
        {
            TextBuilder b = new TextBuilder();
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                b.Append(c == '"' ? '\'' : (c < ' ' ? ' ' : c));
            }

            return b.ToString();
        }
    }
}
