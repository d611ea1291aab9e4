using AwsIotDevice.VirtualDevice.Tests.Support;

namespace AwsIotDevice.VirtualDevice.Tests;

public sealed class FileSettingsStoreTests
{
    [Fact]
    public void MissingFileLoadsAsNull()
    {
        using var dir = new TempDir();
        Assert.Null(new FileSettingsStore(dir.File("settings.txt")).Load());
    }

    [Fact]
    public void SaveThenLoadRoundTripsAndCreatesTheDirectory()
    {
        using var dir = new TempDir();
        var store = new FileSettingsStore(Path.Combine(dir.Path, "sub", "settings.txt"));

        store.Save("a=1\nb=ünïcode\n");

        Assert.Equal("a=1\nb=ünïcode\n", store.Load());
        Assert.False(File.Exists(store.NewPath));
        Assert.False(File.Exists(store.BackupPath));
    }

    [Fact]
    public void FileIsOwnerReadWriteOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Fail("this test checks POSIX permissions; run it on Linux or macOS");
            return;
        }

        using var dir = new TempDir();
        var store = new FileSettingsStore(dir.File("settings.txt"));

        store.Save("aws.token=secret\n");
        UnixFileMode first = File.GetUnixFileMode(store.Path);
        store.Save("aws.token=other\n");
        UnixFileMode replaced = File.GetUnixFileMode(store.Path);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, first);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, replaced);
    }

    [Fact]
    public void CrashBeforeTheFirstRenameKeepsThePreviousFile()
    {
        using var dir = new TempDir();
        var store = new FileSettingsStore(dir.File("settings.txt"));
        store.Save("old=1\n");
        store.BeforeRename = () => throw new IOException("simulated power cut");

        Assert.Throws<IOException>(() => store.Save("new=2\n"));

        Assert.Equal("old=1\n", File.ReadAllText(store.Path));
        store.BeforeRename = null;
        Assert.Equal("old=1\n", new FileSettingsStore(store.Path).Load());
    }

    [Fact]
    public void CrashBetweenTheTwoRenamesIsRepairedAtLoad()
    {
        using var dir = new TempDir();
        var store = new FileSettingsStore(dir.File("settings.txt"));
        store.Save("old=1\n");
        int renames = 0;
        store.BeforeRename = () =>
        {
            if (++renames == 2)
            {
                throw new IOException("simulated power cut");
            }
        };

        Assert.Throws<IOException>(() => store.Save("new=2\n"));

        Assert.False(File.Exists(store.Path), "the cut fell after main -> .bak");
        Assert.Equal("old=1\n", new FileSettingsStore(store.Path).Load());
        Assert.True(File.Exists(store.Path));
    }

    [Fact]
    public void LeftoverNewFileIsAnIncompleteWriteAndIsNeverLoaded()
    {
        using var dir = new TempDir();
        var store = new FileSettingsStore(dir.File("settings.txt"));
        store.Save("old=1\n");
        File.WriteAllText(store.NewPath, "new=half-writ");

        Assert.Equal("old=1\n", store.Load());
        store.Save("next=3\n");
        Assert.Equal("next=3\n", store.Load());
        Assert.False(File.Exists(store.NewPath));
    }

    [Fact]
    public void SaveReplacesTheWholeFile()
    {
        using var dir = new TempDir();
        var store = new FileSettingsStore(dir.File("settings.txt"));
        store.Save(new string('x', 5000));

        store.Save("short\n");

        Assert.Equal("short\n", store.Load());
    }
}
