namespace AwsIotDevice.Core.Storage
{
    /// <summary>
    /// The few file operations <see cref="AtomicFileStore"/> needs, so its write/recover algorithm is pure and can be
    /// tested with power cut at every step. Contract of every implementation: each call either happens completely or
    /// not at all, except <see cref="WriteAll"/>, which a power cut may leave partly written; <see cref="Move"/> is an
    /// atomic rename that fails when the destination exists (as nanoFramework's File.Move does); nothing here lists,
    /// formats or touches any other file. Any failure throws.
    /// </summary>
    public interface IFileOperations
    {
        /// <summary>True when <paramref name="path"/> is an existing file.</summary>
        bool Exists(string path);

        /// <summary>The whole content of the existing file <paramref name="path"/>.</summary>
        byte[] ReadAll(string path);

        /// <summary>Creates or replaces <paramref name="path"/> with <paramref name="bytes"/>; durable (on the medium) when it returns.</summary>
        void WriteAll(string path, byte[] bytes);

        /// <summary>Renames <paramref name="from"/> to <paramref name="to"/>, which must not exist, in one atomic step.</summary>
        void Move(string from, string to);

        /// <summary>Deletes the existing file <paramref name="path"/>.</summary>
        void Delete(string path);
    }
}
