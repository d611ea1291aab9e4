namespace AwsIotDevice.Core.Abstractions
{
    /// <summary>
    /// Persistent storage for the settings text (see SettingsCodec for the format). More than one thread writes the
    /// device's store (the serial session's COMMIT, the supervisor's credential renewal): each writer holds
    /// <c>lock (store)</c> around its Save, and around Load + Save when it merges into what is stored.
    /// </summary>
    public interface ISettingsStore
    {
        /// <summary>Returns the stored text, or null when nothing has been stored yet.</summary>
        string Load();

        /// <summary>
        /// Stores <paramref name="text"/> atomically: after a power cut at any point, Load returns either
        /// the previous text or the new one, never a mix. Throws on I/O failure (previous text kept).
        /// </summary>
        void Save(string text);
    }
}
