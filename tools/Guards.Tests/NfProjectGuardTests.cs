using Xunit;

namespace AwsIotDevice.Guards.Tests;

/// <summary>
/// A legacy .nfproj lists every source explicitly, so a file added on disk but not to the project builds on the
/// host and silently goes missing on the device. These guards keep both lists equal, both ways, naming the file.
/// </summary>
public class NfProjectGuardTests
{
    public static TheoryData<string> DeviceFolders => new(Repo.DeviceFolders);

    [Theory]
    [MemberData(nameof(DeviceFolders))]
    public void Every_source_file_is_in_the_nfproj_and_every_listed_file_exists(string folder)
    {
        List<string> problems = NfProjectChecks.ListingProblems(Path.Combine(Repo.Root, folder));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_test_project_compiles_exactly_the_firmware_core()
    {
        List<string> problems = NfProjectChecks.CoreLinkProblems(Path.Combine(Repo.Root, "nf-tests"), Path.Combine(Repo.Root, "firmware", "Core"));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void An_unlisted_file_and_a_missing_file_are_both_named()
    {
        string folder = Directory.CreateTempSubdirectory("nfproj-guard-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "Core"));
            File.WriteAllText(Path.Combine(folder, "Core", "Listed.cs"), "");
            File.WriteAllText(Path.Combine(folder, "Core", "Forgotten.cs"), "");
            File.WriteAllText(Path.Combine(folder, "App.nfproj"), """
                <Project ToolsVersion="15.0" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
                  <ItemGroup>
                    <Compile Include="Core\Listed.cs" />
                    <Compile Include="Core\Deleted.cs" />
                  </ItemGroup>
                </Project>
                """);

            List<string> problems = NfProjectChecks.ListingProblems(folder);

            Assert.Equal(2, problems.Count);
            Assert.Contains(problems, p => p.Contains("Core/Forgotten.cs: not in", StringComparison.Ordinal) && p.Contains("<Compile Include=\"Core\\Forgotten.cs\" />", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("Core/Deleted.cs: listed in", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
