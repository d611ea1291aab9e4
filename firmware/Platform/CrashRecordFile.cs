using AwsIotDevice.Core.Boot;

namespace AwsIotDevice.Platform
{
    /// <summary>
    /// The crash record (Core's CrashRecord text) in its own file on the internal drive, written with the same atomic
    /// replace as the settings, so a power cut during a crash never leaves a torn record.
    /// </summary>
    public class CrashRecordFile : ICrashRecordStore
    {
        /// <summary>Default location, next to the settings.</summary>
        public const string DefaultPath = "I:\\awsiot.crash";

        private readonly FileSettingsStore _file;

        /// <summary>Uses <see cref="DefaultPath"/>.</summary>
        public CrashRecordFile()
        {
            _file = new FileSettingsStore(DefaultPath);
        }

        /// <inheritdoc />
        public string Load()
        {
            return _file.Load();
        }

        /// <inheritdoc />
        public void Save(string text)
        {
            _file.Save(text);
        }
    }
}
