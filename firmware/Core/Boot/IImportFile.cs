namespace AwsIotDevice.Core.Boot
{
    /// <summary>
    /// The settings import file that <c>nanoff --filedeployment</c> copies to the device's drive (see
    /// <see cref="AwsIotDevice.Core.Settings.SettingsImport"/>). Read once at boot, then deleted whatever was decided.
    /// </summary>
    public interface IImportFile
    {
        /// <summary>
        /// The whole file, or null when there is none. A file larger than <paramref name="maxBytes"/> may be returned
        /// cut to <paramref name="maxBytes"/> + 1 bytes (enough for the caller to refuse it as too large without
        /// reading it all into RAM). Throws on an I/O failure.
        /// </summary>
        byte[] Read(int maxBytes);

        /// <summary>Removes the file (nothing when it is gone already). Throws on an I/O failure.</summary>
        void Delete();
    }
}
