using System.Reflection;

namespace AwsIotDevice.Guards.Tests;

/// <summary>Where the repository is, and which device source files the guards look at.</summary>
public static class Repo
{
    public static readonly string Root = Path.GetFullPath(
        typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!);

    /// <summary>The folders whose C# must compile for nanoFramework 1.x.</summary>
    public static readonly string[] DeviceFolders = ["firmware", "nf-tests"];

    // Build output, and folders reserved for host-only code inside the device folders.
    private static readonly string[] SkippedFolders = ["bin", "obj", "Host"];

    /// <summary>Every .cs file under <paramref name="folder"/> (absolute), build output and host-only folders excluded.</summary>
    public static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar).SkipLast(1).Any(SkippedFolders.Contains))
            .Order(StringComparer.Ordinal);

    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');
}
