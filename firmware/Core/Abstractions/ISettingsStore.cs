namespace AwsIotDevice.Core.Abstractions
{
    /// <summary>Persistent storage for the settings text (see SettingsCodec for the format).</summary>
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
