using System;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Storage
{
    /// <summary>
    /// Settings text in three files of its own, replaced so that a power cut at any step leaves the old text or the new
    /// one, never neither and never a mix. Needs only <see cref="IFileOperations"/>: no Replace, and a rename that refuses
    /// an existing target (nanoFramework's File.Move). A save is: write <c>.new</c> and read it back; rename the current
    /// file to <c>.bak</c>; rename <c>.new</c> to the main name; delete <c>.bak</c>. Renames are atomic, so after a cut
    /// one of these holds, and <see cref="Load"/> repairs it:
    /// <list type="bullet">
    /// <item>main present: it is complete (it only ever appears by the rename of a verified file). Use it.</item>
    /// <item>main missing, <c>.bak</c> present: the cut fell between the two renames. Restore <c>.bak</c> (the old text).</item>
    /// <item>main and <c>.bak</c> missing: nothing was ever committed (a first save was cut). A stray <c>.new</c> is ignored.</item>
    /// </list>
    /// Only these three names are ever touched. Not thread-safe: one owner (COMMIT and boot run on different threads
    /// on the board, but never at the same time: boot loads before the serial session starts).
    /// </summary>
    public sealed class AtomicFileStore : ISettingsStore
    {
        private readonly IFileOperations _files;
        private readonly string _mainPath;
        private readonly string _newPath;
        private readonly string _backupPath;

        /// <summary>
        /// Keeps the text in <paramref name="path"/> through <paramref name="files"/>, using <c>path + ".new"</c> and
        /// <c>path + ".bak"</c> while saving.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="files"/> or <paramref name="path"/> is null.</exception>
        public AtomicFileStore(IFileOperations files, string path)
        {
            if (files == null || path == null)
            {
                throw new ArgumentNullException(files == null ? "files" : "path");
            }

            _files = files;
            _mainPath = path;
            _newPath = path + ".new";
            _backupPath = path + ".bak";
        }

        /// <summary>The main file.</summary>
        public string MainPath
        {
            get { return _mainPath; }
        }

        /// <summary>Where a save writes before its renames.</summary>
        public string NewPath
        {
            get { return _newPath; }
        }

        /// <summary>Where the previous text waits between the two renames of a save.</summary>
        public string BackupPath
        {
            get { return _backupPath; }
        }

        /// <summary>
        /// The stored text (UTF-8; ill-formed bytes become U+FFFD), or null when nothing was ever committed. Repairs a
        /// save cut between its renames first. Throws when the files cannot be read.
        /// </summary>
        public string Load()
        {
            Recover();
            if (!_files.Exists(_mainPath))
            {
                return null;
            }

            byte[] bytes = _files.ReadAll(_mainPath);
            return Utf8.DecodeReplacing(bytes, 0, bytes.Length);
        }

        /// <summary>
        /// Replaces the stored text with <paramref name="text"/> as the class describes. Throws on any failure (including
        /// a <c>.new</c> that does not read back as written); the previous text is then still what <see cref="Load"/> returns.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
        public void Save(string text)
        {
            if (text == null)
            {
                throw new ArgumentNullException("text");
            }

            Recover();

            // Leftovers of an interrupted save; main is intact at this point (Recover made sure).
            DeleteIfExists(_newPath);
            DeleteIfExists(_backupPath);

            byte[] bytes = Utf8.GetBytes(text);
            _files.WriteAll(_newPath, bytes);
            if (!SameContent(_files.ReadAll(_newPath), bytes))
            {
                DeleteIfExists(_newPath);
                throw new InvalidOperationException("settings file did not read back as written");
            }

            if (_files.Exists(_mainPath))
            {
                _files.Move(_mainPath, _backupPath);
            }

            _files.Move(_newPath, _mainPath);
            DeleteIfExists(_backupPath);
        }

        // Brings the files back to "main present" when a save was cut between its two renames.
        private void Recover()
        {
            if (!_files.Exists(_mainPath) && _files.Exists(_backupPath))
            {
                _files.Move(_backupPath, _mainPath);
            }
        }

        private static bool SameContent(byte[] actual, byte[] expected)
        {
            if (actual == null || actual.Length != expected.Length)
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

        private void DeleteIfExists(string path)
        {
            if (_files.Exists(path))
            {
                _files.Delete(path);
            }
        }
    }
}
