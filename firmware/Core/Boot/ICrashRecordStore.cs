namespace AwsIotDevice.Core.Boot
{
    /// <summary>
    /// Persistent storage for the crash record's text (see <see cref="CrashRecord"/>): a few hundred bytes that survive a
    /// reboot. The text holds no secrets.
    /// </summary>
    public interface ICrashRecordStore
    {
        /// <summary>The stored text, or null when nothing is stored. Throws on an I/O failure.</summary>
        string Load();

        /// <summary>Replaces the stored text (atomically where the platform can). Throws on an I/O failure.</summary>
        void Save(string text);
    }
}
