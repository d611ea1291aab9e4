using System.IO.Compression;
using System.Runtime.InteropServices;

namespace AwsIotDevice.Emulator.Lambda;

/// <summary>
/// A Lambda deployment package for a custom runtime (<c>provided.al2023</c>): a zip with an executable
/// <c>bootstrap</c> at its root. Checked the way Lambda would fail on it (missing or non-executable bootstrap is
/// Runtime.InvalidEntrypoint; over 50 MB zipped or 250 MB unzipped is refused at upload), plus the one thing that
/// only matters locally: the executable's CPU must be this machine's.
/// </summary>
public static class LambdaPackage
{
    /// <summary>Lambda's limit for a zip uploaded directly (50 MB).</summary>
    public const long MaxZipBytes = 50L * 1024 * 1024;

    /// <summary>Lambda's limit for the unzipped function (250 MB).</summary>
    public const long MaxUnzippedBytes = 250L * 1024 * 1024;

    /// <summary>The entry point of a custom runtime.</summary>
    public const string Bootstrap = "bootstrap";

    /// <summary>
    /// Checks <paramref name="zipPath"/>; returns null when it can run here, else one line saying what is wrong and
    /// what to do.
    /// </summary>
    public static string? Check(string zipPath)
    {
        var info = new FileInfo(zipPath);
        if (!info.Exists)
        {
            return $"{zipPath}: not found; build it with 'iotctl aws package --out DIR'";
        }

        if (info.Length > MaxZipBytes)
        {
            return $"{zipPath}: {info.Length} bytes is over Lambda's 50 MB limit for a zip";
        }

        try
        {
            using ZipArchive zip = ZipFile.OpenRead(zipPath);
            long unzipped = 0;
            ZipArchiveEntry? bootstrap = null;
            foreach (ZipArchiveEntry entry in zip.Entries)
            {
                unzipped += entry.Length;
                if (entry.FullName == Bootstrap)
                {
                    bootstrap = entry;
                }
            }

            if (unzipped > MaxUnzippedBytes)
            {
                return $"{zipPath}: unzips to {unzipped} bytes, over Lambda's 250 MB limit";
            }

            if (bootstrap is null)
            {
                return $"{zipPath}: has no '{Bootstrap}' at its root, so a provided.al2023 function fails with Runtime.InvalidEntrypoint; build it with 'iotctl aws package'";
            }

            int mode = (bootstrap.ExternalAttributes >> 16) & 0x1FF;
            if ((mode & 0x49) == 0)
            {
                return $"{zipPath}: '{Bootstrap}' is not executable in the zip (mode {Convert.ToString(mode, 8)}), so Lambda fails with Runtime.InvalidEntrypoint; zip it with mode 0755";
            }

            using Stream stream = bootstrap.Open();
            return CheckMachine(stream, zipPath);
        }
        catch (InvalidDataException)
        {
            return $"{zipPath}: is not a zip file";
        }
    }

    /// <summary>Checks the package and extracts it into a new directory under <paramref name="parent"/>; returns the directory.</summary>
    public static string Extract(string zipPath, string parent)
    {
        string? problem = Check(zipPath);
        if (problem is not null)
        {
            throw new LambdaPackageException(problem);
        }

        string dir = Path.Combine(parent, "lambda-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        ZipFile.ExtractToDirectory(zipPath, dir);
        if (!OperatingSystem.IsWindows())
        {
            // The zip said 0755 (checked above); make sure the extracted file says so too.
            File.SetUnixFileMode(Path.Combine(dir, Bootstrap), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        return dir;
    }

    // A script (#!) runs anywhere; an ELF binary must be for this CPU (e_machine: 62 = x86-64, 183 = AArch64).
    private static string? CheckMachine(Stream bootstrap, string zipPath)
    {
        var header = new byte[20];
        int read = 0;
        int n;
        while (read < header.Length && (n = bootstrap.Read(header, read, header.Length - read)) > 0)
        {
            read += n;
        }

        if (read >= 2 && header[0] == '#' && header[1] == '!')
        {
            return null;
        }

        if (read < 20 || header[0] != 0x7F || header[1] != 'E' || header[2] != 'L' || header[3] != 'F')
        {
            return $"{zipPath}: '{Bootstrap}' is neither an ELF executable nor a script, so Lambda cannot start it";
        }

        int machine = header[18] | (header[19] << 8);
        string packageArch = machine switch { 62 => "x86_64", 183 => "arm64", _ => $"machine {machine}" };
        string hostArch = RuntimeInformation.OSArchitecture switch { Architecture.X64 => "x86_64", Architecture.Arm64 => "arm64", var other => other.ToString() };
        return packageArch == hostArch
            ? null
            : $"{zipPath}: '{Bootstrap}' is built for {packageArch} but this machine is {hostArch}; build a package for this machine to run it locally (the {packageArch} one is for Lambda)";
    }
}

/// <summary>A package that Lambda (or this machine) cannot run; the message says why and what to do.</summary>
public sealed class LambdaPackageException : Exception
{
    /// <summary>Creates it.</summary>
    public LambdaPackageException(string message) : base(message)
    {
    }
}
