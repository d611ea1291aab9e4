using System;
using System.IO;
using System.Text;
using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.Platform
{
    /// <summary>
    /// Settings text in three files of its own on the internal littlefs drive (I:\ on ESP32).
    /// <para>
    /// nanoFramework's File has no Replace and its Move refuses an existing target, so a save is:
    /// write <c>.new</c> and read it back; rename the current file to <c>.bak</c>; rename <c>.new</c> to the
    /// main name; delete <c>.bak</c>. littlefs renames are atomic, so after a power cut at any step one of
    /// these holds, and <see cref="Load"/> repairs it:
    /// </para>
    /// <list type="bullet">
    /// <item>main present: it is complete (it only ever appears by rename of a verified file). Use it.</item>
    /// <item>main missing, <c>.bak</c> present: the cut fell between the two renames. Restore <c>.bak</c> (the previous text).</item>
    /// <item>main and <c>.bak</c> missing: nothing was ever committed (a first save was cut). A stray <c>.new</c> is ignored.</item>
    /// </list>
    /// <para>
    /// Only these three names are ever touched. The drive also holds the runtime's own files (con_* network
    /// configuration, device certificates): this class never formats the drive, lists it, or deletes anything else.
    /// </para>
    /// </summary>
    public class FileSettingsStore : ISettingsStore
    {
        /// <summary>Default location: the internal flash drive of ESP32 nanoFramework targets.</summary>
        public const string DefaultPath = "I:\\awsiot.settings";

        private readonly string _mainPath;
        private readonly string _newPath;
        private readonly string _backupPath;

        /// <summary>Uses <see cref="DefaultPath"/>.</summary>
        public FileSettingsStore()
            : this(DefaultPath)
        {
        }

        /// <summary>Uses <paramref name="path"/>, plus <c>path + ".new"</c> and <c>path + ".bak"</c> while saving.</summary>
        public FileSettingsStore(string path)
        {
            _mainPath = path;
            _newPath = path + ".new";
            _backupPath = path + ".bak";
        }

        /// <inheritdoc />
        public string Load()
        {
            Recover();

            if (!File.Exists(_mainPath))
            {
                return null;
            }

            byte[] bytes = File.ReadAllBytes(_mainPath);
            return Encoding.UTF8.GetString(bytes, 0, bytes.Length);
        }

        /// <inheritdoc />
        public void Save(string text)
        {
            if (text == null)
            {
                throw new ArgumentNullException();
            }

            Recover();

            // Leftovers of an interrupted save; main is intact at this point (Recover made sure).
            DeleteIfExists(_newPath);
            DeleteIfExists(_backupPath);

            byte[] bytes = Encoding.UTF8.GetBytes(text);
            File.WriteAllBytes(_newPath, bytes);

            if (!SameContent(_newPath, bytes))
            {
                DeleteIfExists(_newPath);
                throw new IOException("settings file did not read back as written");
            }

            if (File.Exists(_mainPath))
            {
                File.Move(_mainPath, _backupPath);
            }

            File.Move(_newPath, _mainPath);
            DeleteIfExists(_backupPath);
        }

        /// <summary>Brings the files back to "main present" when a save was cut between its two renames.</summary>
        private void Recover()
        {
            if (!File.Exists(_mainPath) && File.Exists(_backupPath))
            {
                File.Move(_backupPath, _mainPath);
            }
        }

        private static bool SameContent(string path, byte[] expected)
        {
            byte[] actual = File.ReadAllBytes(path);
            if (actual.Length != expected.Length)
            {
                return false;
            }

            for (int i = 0; i < actual.Length; i++)
            {
                if (actual[i] != expected[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static void DeleteIfExists(string path)
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
    }
}
