using System.Collections.Concurrent;

namespace AwsIotDevice.TestSupport;

/// <summary>
/// Fresh temporary directories for tests that write key files, deleted when the test process exits.
/// </summary>
public sealed class TempDirectories
{
    private readonly string _prefix;
    private readonly ConcurrentBag<string> _created = [];

    /// <summary>Directories are named <paramref name="prefix"/> + a GUID under the system temp folder.</summary>
    public TempDirectories(string prefix)
    {
        _prefix = prefix;

        // The test host is often killed before ProcessExit runs, so leftovers of earlier runs are removed here too.
        DeleteAll(Directory.GetDirectories(Path.GetTempPath(), prefix + "*")
            .Where(stale => Directory.GetCreationTimeUtc(stale) < DateTime.UtcNow.AddMinutes(-30)));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteAll(_created);
    }

    /// <summary>A new, empty directory (it may hold test private keys).</summary>
    public string Create()
    {
        string dir = Path.Combine(Path.GetTempPath(), _prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        _created.Add(dir);
        return dir;
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
