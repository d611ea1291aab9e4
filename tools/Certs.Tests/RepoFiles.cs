namespace AwsIotDevice.Certs.Tests;

/// <summary>Finds the repository's files from the test's output folder (walks up to the folder holding certs/ and firmware/).</summary>
internal static class RepoFiles
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string CertsDir => Path.Combine(Root, "certs");

    public static string ResourcesDir => Path.Combine(Root, "firmware", "Resources");

    private static string FindRoot()
    {
        DirectoryInfo? dir = new(AppContext.BaseDirectory);
        while (dir != null)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "certs")) && Directory.Exists(Path.Combine(dir.FullName, "firmware")))
            {
                return dir.FullName;
            }

            dir = dir.Parent;
        }

        throw new InvalidOperationException("repository root (a folder with certs/ and firmware/) not found above " + AppContext.BaseDirectory);
    }
}
