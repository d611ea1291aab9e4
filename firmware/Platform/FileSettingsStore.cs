using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Storage;

namespace AwsIotDevice.Platform
{
    /// <summary>
    /// The settings text on the internal littlefs drive (I:\ on ESP32): Core's <see cref="AtomicFileStore"/> (write
    /// <c>.new</c>, keep <c>.bak</c>, rename, recover at load) over <see cref="LittleFsFileOperations"/>. The drive also
    /// holds the runtime's own files (con_* network configuration, device certificates): only the store's three names
    /// are ever touched; nothing formats the drive, lists it or deletes anything else.
    /// </summary>
    public sealed class FileSettingsStore : ISettingsStore
    {
        /// <summary>Default location: the internal flash drive of ESP32 nanoFramework targets.</summary>
        public const string DefaultPath = "I:\\awsiot.settings";

        private readonly AtomicFileStore _store;

        /// <summary>Uses <see cref="DefaultPath"/>.</summary>
        public FileSettingsStore()
            : this(DefaultPath)
        {
        }

        /// <summary>Uses <paramref name="path"/>, plus <c>path + ".new"</c> and <c>path + ".bak"</c> while saving.</summary>
        public FileSettingsStore(string path)
        {
            _store = new AtomicFileStore(new LittleFsFileOperations(), path);
        }

        /// <inheritdoc />
        public string Load()
        {
            return _store.Load();
        }

        /// <inheritdoc />
        public void Save(string text)
        {
            _store.Save(text);
        }
    }
}
