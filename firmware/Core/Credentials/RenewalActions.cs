namespace AwsIotDevice.Core.Credentials
{
    /// <summary>
    /// What the caller (the supervisor, in phase 2) must do after a step of <see cref="CredentialRenewal"/>, in this order:
    /// <list type="number">
    /// <item>save <see cref="SettingsText"/> to the settings store when not null (atomically; on failure call
    /// <see cref="CredentialRenewal.OnSettingsSaveFailed"/>);</item>
    /// <item>save <see cref="PendingText"/> to the pending store when not null ("" means delete / store nothing);</item>
    /// <item>log <see cref="Log"/> when not null (secret-free);</item>
    /// <item>when <see cref="Reconnect"/>: end the session and CONNECT again with <see cref="CredentialRenewal.Token"/> and
    /// <see cref="CredentialRenewal.Signature"/>, keeping every queued reading.</item>
    /// </list>
    /// Saving the settings before the pending state is what makes a restart between the two safe: a pending token that
    /// equals the stored one is known to be accepted. The acknowledgement to publish is not here but in
    /// <see cref="CredentialRenewal.AckPayload"/>, since it may have to wait for a connection.
    /// </summary>
    public sealed class RenewalActions
    {
        internal static readonly RenewalActions None = new RenewalActions(null, null, null, false);

        internal RenewalActions(string settingsText, string pendingText, string log, bool reconnect)
        {
            SettingsText = settingsText;
            PendingText = pendingText;
            Log = log;
            Reconnect = reconnect;
        }

        /// <summary>Settings storage text to save first, or null. Holds secrets.</summary>
        public string SettingsText { get; private set; }

        /// <summary>Pending store text to save second ("" = delete), or null for no change. May hold secrets.</summary>
        public string PendingText { get; private set; }

        /// <summary>A secret-free line for the log, or null.</summary>
        public string Log { get; private set; }

        /// <summary>True: reconnect now with the credential <see cref="CredentialRenewal"/> names.</summary>
        public bool Reconnect { get; private set; }

        /// <summary>True when there is nothing to do.</summary>
        public bool IsEmpty
        {
            get { return SettingsText == null && PendingText == null && Log == null && !Reconnect; }
        }
    }
}
