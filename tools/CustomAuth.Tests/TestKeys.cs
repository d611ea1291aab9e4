using System.Security.Cryptography;

namespace AwsIotDevice.CustomAuth.Tests;

/// <summary>RSA keys shared by the tests (generating 2048-bit keys is slow) plus helpers for key files.</summary>
internal static class TestKeys
{
    public static readonly RSA Primary = RSA.Create(2048);
    public static readonly RSA Secondary = RSA.Create(2048);

    public static RSA PublicOf(RSA key)
    {
        var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);
        return rsa;
    }

    /// <summary>The base64 body lines of a PEM text: the parts that must never appear in a message.</summary>
    public static IEnumerable<string> SecretLines(string pem) =>
        pem.Split('\n').Select(l => l.Trim()).Where(l => l.Length >= 16 && !l.StartsWith("-----", StringComparison.Ordinal));

    private static readonly System.Collections.Concurrent.ConcurrentBag<string> TempDirs = CreateTempDirRegistry();

    /// <summary>A fresh directory, deleted when the test process exits (it may hold test private keys).</summary>
    public static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "customauth-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        TempDirs.Add(dir);
        return dir;
    }

    private static System.Collections.Concurrent.ConcurrentBag<string> CreateTempDirRegistry()
    {
        var dirs = new System.Collections.Concurrent.ConcurrentBag<string>();

        // The test host is often killed before ProcessExit runs, so leftovers of earlier runs are removed here too.
        foreach (string stale in Directory.GetDirectories(Path.GetTempPath(), "customauth-tests-*"))
        {
            if (Directory.GetCreationTimeUtc(stale) < DateTime.UtcNow.AddMinutes(-30))
            {
                dirs.Add(stale);
            }
        }

        DeleteAll(dirs);
        dirs.Clear();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteAll(dirs);
        return dirs;
    }

    private static void DeleteAll(IEnumerable<string> dirs)
    {
        foreach (string dir in dirs)
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
