namespace AwsIotDevice.Core.Settings
{
    /// <summary>
    /// What <see cref="SettingsImport.Decide(string, byte[], int)"/> decided about an import file. Either
    /// <see cref="Apply"/> with the settings text to store, or a rejection with its reason; in both cases the import file
    /// is to be deleted (<see cref="SettingsImport"/> says why). Everything but <see cref="SettingsText"/> and
    /// <see cref="Settings"/> is secret-free and may be logged or shown in STATUS.
    /// </summary>
    public sealed class SettingsImportDecision
    {
        internal SettingsImportDecision(bool apply, string code, string message, string settingsText, DeviceSettings settings)
        {
            Apply = apply;
            Code = code;
            Message = message;
            SettingsText = settingsText;
            Settings = settings;
        }

        /// <summary>True: store <see cref="SettingsText"/> (atomically, as COMMIT does) and start using <see cref="Settings"/>.</summary>
        public bool Apply { get; private set; }

        /// <summary>
        /// <see cref="SettingsImport.Applied"/>, or why not: <see cref="SettingsImport.RejectedEmpty"/>,
        /// <see cref="SettingsImport.RejectedTooLarge"/>, <see cref="SettingsImport.RejectedTorn"/>,
        /// <see cref="SettingsImport.RejectedDamaged"/>, <see cref="SettingsImport.RejectedNotUtf8"/>,
        /// <see cref="SettingsImport.RejectedBadLine"/> or <see cref="SettingsImport.RejectedInvalid"/>.
        /// </summary>
        public string Code { get; private set; }

        /// <summary>
        /// One secret-free line for the log: what was applied (the keys that changed, secrets by name only), or why the
        /// import was refused and that the previous settings stay.
        /// </summary>
        public string Message { get; private set; }

        /// <summary>The storage text to save (<see cref="SettingsCodec.FormatForStorage"/>), or null when rejected. Holds secrets.</summary>
        public string SettingsText { get; private set; }

        /// <summary>The imported settings (validated), or null when rejected. Holds secrets.</summary>
        public DeviceSettings Settings { get; private set; }

        /// <summary>The STATUS field: <c>lastImport=applied</c> or <c>lastImport=rejected:&lt;code&gt;</c>.</summary>
        public string StatusField
        {
            get { return "lastImport=" + (Apply ? SettingsImport.Applied : "rejected:" + Code); }
        }
    }
}
