namespace AwsIotDevice.CustomAuth.Files;

/// <summary>
/// Writes files that may hold secrets. On Unix a secret file is created 0600 from its first byte (never chmod-ed
/// afterwards, so it is never readable by others, not even for a moment), and every write goes through a new
/// temporary file and an atomic rename, so a crash leaves the old file or the new one, never a mix.
/// </summary>
public static class SecureFile
{
    /// <summary>Creates or replaces <paramref name="path"/> with <paramref name="text"/> (a final newline is added if missing).</summary>
    public static void Write(string path, string text, bool ownerOnly)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string temp = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = ownerOnly
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(text);
                if (!text.EndsWith('\n'))
                {
                    writer.Write('\n');
                }

                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>
    /// The warning to print when <paramref name="path"/>, a file that holds secrets, can be read by other users (group
    /// or other read bit on Unix), naming its mode and the fix; null when it cannot (or on Windows, or if it is missing).
    /// </summary>
    public static string? ReadableByOthersWarning(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return null;
        }

        UnixFileMode mode = File.GetUnixFileMode(path);
        if ((mode & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) == 0)
        {
            return null;
        }

        string octal = Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');
        return $"warning: {path} holds the device's secrets and other users can read it (mode {octal}): chmod 600 {path}";
    }

    /// <summary>Creates <paramref name="path"/> if missing, owner-only (0700) on Unix.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
