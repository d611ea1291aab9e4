using System.IO;
using AwsIotDevice.Core.Storage;

namespace AwsIotDevice.Platform
{
    /// <summary>
    /// <see cref="IFileOperations"/> on nanoFramework's System.IO.File over the internal littlefs drive (I:\), whose
    /// renames are atomic and whose File.Move refuses an existing destination, as the contract asks. Any thread.
    /// </summary>
    public sealed class LittleFsFileOperations : IFileOperations
    {
        /// <inheritdoc />
        public bool Exists(string path)
        {
            return File.Exists(path);
        }

        /// <inheritdoc />
        public byte[] ReadAll(string path)
        {
            return File.ReadAllBytes(path);
        }

        /// <inheritdoc />
        public void WriteAll(string path, byte[] bytes)
        {
            File.WriteAllBytes(path, bytes);
        }

        /// <inheritdoc />
        public void Move(string from, string to)
        {
            File.Move(from, to);
        }

        /// <inheritdoc />
        public void Delete(string path)
        {
            File.Delete(path);
        }
    }
}
