namespace AwsIotDevice.TestSupport;

/// <summary>A temporary directory for one test, deleted on dispose.</summary>
public sealed class TempDir : IDisposable
{
    /// <summary>Creates a new, empty directory under the system temp folder.</summary>
    public TempDir(string prefix = "awsiot-test-")
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    public string Path { get; }

    /// <summary>The path of <paramref name="name"/> inside the directory.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
