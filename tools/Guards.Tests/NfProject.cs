using System.Xml.Linq;

namespace AwsIotDevice.Guards.Tests;

/// <summary>The parts of a legacy nanoFramework project file (.nfproj) the guards compare with the disk.</summary>
public sealed class NfProject
{
    private NfProject(string path, IReadOnlyList<string> compileItems, IReadOnlyList<string> otherItems)
    {
        Path = path;
        CompileItems = compileItems;
        OtherItems = otherItems;
    }

    public string Path { get; }

    public string Directory => System.IO.Path.GetDirectoryName(Path)!;

    /// <summary>Absolute, normalised paths of the &lt;Compile Include&gt; items.</summary>
    public IReadOnlyList<string> CompileItems { get; }

    /// <summary>Absolute paths of &lt;EmbeddedResource&gt;, &lt;None&gt; and &lt;Content&gt; items.</summary>
    public IReadOnlyList<string> OtherItems { get; }

    /// <summary>Loads the single .nfproj in <paramref name="folder"/>.</summary>
    public static NfProject LoadFrom(string folder)
    {
        string[] projects = System.IO.Directory.GetFiles(folder, "*.nfproj");
        if (projects.Length != 1)
        {
            throw new InvalidOperationException($"{Repo.Relative(folder)} must hold exactly one .nfproj; found {projects.Length}.");
        }

        string path = projects[0];
        XDocument document = XDocument.Load(path);
        string directory = System.IO.Path.GetDirectoryName(path)!;
        List<string> Items(params string[] names) => document.Descendants()
            .Where(e => names.Contains(e.Name.LocalName))
            .Select(e => (string?)e.Attribute("Include"))
            .OfType<string>()
            .Select(include => System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, include.Replace('\\', '/'))))
            .ToList();

        return new NfProject(path, Items("Compile"), Items("EmbeddedResource", "None", "Content"));
    }
}
