namespace AwsIotDevice.Guards.Tests;

/// <summary>Compares a .nfproj's item lists with the files on disk; each problem names the file and the fix.</summary>
public static class NfProjectChecks
{
    /// <summary>Sources on disk missing from the project, listed items missing from disk, items listed twice.</summary>
    public static List<string> ListingProblems(string folder)
    {
        NfProject project = NfProject.LoadFrom(folder);
        var listed = project.CompileItems.ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();

        foreach (string file in Repo.SourceFiles(folder).Where(f => !listed.Contains(f)))
        {
            string include = Path.GetRelativePath(project.Directory, file).Replace('/', '\\');
            problems.Add($"{Repo.Relative(file)}: not in {Repo.Relative(project.Path)}; add <Compile Include=\"{include}\" />");
        }

        foreach (string item in project.CompileItems.Concat(project.OtherItems).Where(i => !File.Exists(i)))
        {
            problems.Add($"{Repo.Relative(item)}: listed in {Repo.Relative(project.Path)} but missing on disk");
        }

        foreach (string duplicate in project.CompileItems.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            problems.Add($"{Repo.Relative(duplicate)}: listed twice in {Repo.Relative(project.Path)}");
        }

        return problems;
    }

    /// <summary>Core files the test project does not link, and linked files that are not Core.</summary>
    public static List<string> CoreLinkProblems(string testFolder, string coreFolder)
    {
        NfProject tests = NfProject.LoadFrom(testFolder);
        var linked = tests.CompileItems.Where(i => !i.StartsWith(tests.Directory + Path.DirectorySeparatorChar, StringComparison.Ordinal)).ToHashSet();
        return Repo.SourceFiles(coreFolder).Where(f => !linked.Contains(f))
            .Select(f => $"{Repo.Relative(f)}: Core file not linked into {Repo.Relative(tests.Path)} (the host tests compile it, the device tests would not)")
            .Concat(linked.Where(l => !l.StartsWith(coreFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .Select(l => $"{Repo.Relative(l)}: linked into {Repo.Relative(tests.Path)} but not part of firmware/Core"))
            .ToList();
    }
}
