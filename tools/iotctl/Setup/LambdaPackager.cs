using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using AwsIotDevice.CustomAuth;

namespace AwsIotDevice.Iotctl.Setup;

/// <summary>What <see cref="LambdaPackager.Build"/> produced.</summary>
public sealed record LambdaPackageFile(string Path, long Size, string Sha256, string Architecture);

/// <summary>
/// Builds the authorizer's Lambda deployment zip: <c>dotnet publish</c> of tools/LambdaAuthorizer with Native AOT for
/// linux-x64 or linux-arm64 (a self-contained executable; the custom runtime provided.al2023 runs it as
/// <c>bootstrap</c>), zipped as the single entry <c>bootstrap</c> with mode 0755 (Lambda fails a non-executable one with
/// Runtime.InvalidEntrypoint) and a fixed timestamp. The build uses its own artifacts directory, so it never touches
/// the bin/obj of a build running beside it.
/// </summary>
public static class LambdaPackager
{
    /// <summary>Lambda's architecture names, mapped to .NET runtime identifiers.</summary>
    public static readonly IReadOnlyDictionary<string, string> RuntimeIdentifiers = new Dictionary<string, string>
    {
        ["x86_64"] = "linux-x64",
        ["arm64"] = "linux-arm64",
    };

    private static readonly DateTimeOffset FixedTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Lambda's name for this machine's architecture (the default: a package the emulator can run here).</summary>
    public static string HostArchitecture => RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "x86_64";

    /// <summary>The zip's file name for <paramref name="architecture"/>.</summary>
    public static string FileName(string architecture) => $"iot-authorizer-provided.al2023-{architecture}.zip";

    /// <summary>
    /// Publishes and zips into <paramref name="outDirectory"/>; <paramref name="progress"/> gets one line per step.
    /// Throws <see cref="CustomAuthException"/> with what is missing (SDK, clang, cross toolchain) or the build's errors.
    /// </summary>
    public static LambdaPackageFile Build(string outDirectory, string architecture, string? project, TextWriter progress)
    {
        if (!RuntimeIdentifiers.TryGetValue(architecture, out string? rid))
        {
            throw new CustomAuthException($"--arch {LogText.Quote(architecture)} is not a Lambda architecture; use x86_64 or arm64");
        }

        string projectPath = Path.GetFullPath(project ?? FindProject());
        if (!File.Exists(projectPath))
        {
            throw new CustomAuthException($"--project {LogText.Quote(projectPath, 200)}: not found; give the function's .csproj (tools/LambdaAuthorizer/LambdaAuthorizer.csproj)");
        }

        string work = Path.Combine(Path.GetTempPath(), "iotctl-package-" + Guid.NewGuid().ToString("N")[..10]);
        try
        {
            string publishDir = Path.Combine(work, "publish");
            progress.WriteLine($"building {Path.GetFileName(projectPath)} for {rid} with Native AOT (dotnet publish; about a minute)...");
            Publish(projectPath, rid, publishDir, Path.Combine(work, "artifacts"));
            string executable = Path.Combine(publishDir, "AwsIotDevice.LambdaAuthorizer");
            if (!File.Exists(executable))
            {
                throw new CustomAuthException($"dotnet publish finished but wrote no {Path.GetFileName(executable)} in {publishDir}");
            }

            Directory.CreateDirectory(outDirectory);
            string zipPath = Path.GetFullPath(Path.Combine(outDirectory, FileName(architecture)));
            WriteZip(executable, zipPath);
            byte[] hash;
            using (FileStream stream = File.OpenRead(zipPath))
            {
                hash = SHA256.HashData(stream);
            }

            return new LambdaPackageFile(zipPath, new FileInfo(zipPath).Length, Convert.ToHexStringLower(hash), architecture);
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A temp directory left behind is harmless.
            }
        }
    }

    /// <summary>Writes <paramref name="executable"/> as the zip's only entry, <c>bootstrap</c>, mode 0755.</summary>
    public static void WriteZip(string executable, string zipPath)
    {
        string temporary = zipPath + ".tmp";
        using (var zip = new ZipArchive(File.Create(temporary), ZipArchiveMode.Create))
        {
            ZipArchiveEntry entry = zip.CreateEntry("bootstrap", CompressionLevel.SmallestSize);
            entry.LastWriteTime = FixedTime;
            entry.ExternalAttributes = Convert.ToInt32("100755", 8) << 16; // regular file, rwxr-xr-x
            using Stream target = entry.Open();
            using FileStream source = File.OpenRead(executable);
            source.CopyTo(target);
        }

        File.Move(temporary, zipPath, overwrite: true);
    }

    private static void Publish(string projectPath, string rid, string publishDir, string artifacts)
    {
        var psi = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "publish", projectPath, "-c", "Release", "-r", rid, "-p:PublishAot=true", "-o", publishDir, "--artifacts-path", artifacts, "--nologo", "-clp:NoSummary" })
        {
            psi.ArgumentList.Add(arg);
        }

        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new CustomAuthException("dotnet could not be started");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new CustomAuthException("building the package needs the .NET 10 SDK ('dotnet' was not found on PATH); install the SDK and run this again");
        }

        using (process)
        {
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            string output = stdout.GetAwaiter().GetResult() + stderr.GetAwaiter().GetResult();
            if (process.ExitCode != 0)
            {
                throw new CustomAuthException(Explain(output, rid));
            }
        }
    }

    // The build's own error lines say what is wrong; the common missing pieces get a one-line fix first.
    private static string Explain(string output, string rid)
    {
        string[] errors = output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(": error ", StringComparison.Ordinal)).Distinct().Take(3).ToArray();
        string hint = output.Contains("clang", StringComparison.OrdinalIgnoreCase) && output.Contains("not found", StringComparison.OrdinalIgnoreCase)
            ? "Native AOT needs clang and zlib (Debian/Ubuntu: apt-get install clang zlib1g-dev; 'bash .ci/install' installs them); "
            : rid != (RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64")
                ? $"Native AOT cannot cross-compile to {rid} without that architecture's linker and sysroot; build on a {rid} machine or use --arch {HostArchitecture}; "
                : "";
        string what = errors.Length == 0 ? "see 'dotnet publish' of tools/LambdaAuthorizer for the details" : string.Join(" | ", errors);
        return $"{hint}dotnet publish failed: {LogText.Quote(what, 600).Trim('\'')}";
    }

    private static string DotnetHost()
    {
        // Under 'dotnet run' or 'dotnet test' the running host is the SDK's dotnet: use the same one.
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
    }

    private static string FindProject()
    {
        var candidates = new List<string>();
        string? built = typeof(LambdaPackager).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        if (!string.IsNullOrEmpty(built))
        {
            candidates.Add(built);
        }

        for (string? dir = Directory.GetCurrentDirectory(); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            candidates.Add(dir);
        }

        foreach (string root in candidates)
        {
            string path = Path.Combine(root, "tools", "LambdaAuthorizer", "LambdaAuthorizer.csproj");
            if (File.Exists(path))
            {
                return Path.GetFullPath(path);
            }
        }

        throw new CustomAuthException("cannot find tools/LambdaAuthorizer/LambdaAuthorizer.csproj; run this from the repository, or pass --project PATH");
    }
}
