using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace AwsIotDevice.Certs.Tests;

public partial class EmbeddedResourceTests
{
    private const string ResxFile = "Certificates.resx";
    private const string DesignerFile = "Certificates.Designer.cs";
    private const string ExpectedNamespace = "AwsIotDevice.Resources";
    private const string ExpectedClass = "Certificates";

    [Theory]
    [InlineData("DigiCertGlobalRootCA", (short)1766)]
    [InlineData("DigiCert_Global_G2_Azure", (short)-5408)]
    public void Resource_id_algorithm_matches_ids_generated_by_nanoFramework(string name, short generated)
    {
        // Ids taken from a Resources.Designer.cs produced by the nanoFramework generator (nanoframework/Samples,
        // samples/SSL/SecureClient_WiFi): pins the re-implemented algorithm to the real tool.
        Assert.Equal(generated, NanoResourceId.For(name));
    }

    [Fact]
    public void Resx_references_each_pem_in_certs_by_relative_path_as_a_string_resource()
    {
        IReadOnlyList<ResxFileRef> refs = ReadResxFileRefs();
        Assert.Equal(ExpectedRoots.Files.Length, refs.Count);

        foreach (string file in ExpectedRoots.Files)
        {
            string name = Path.GetFileNameWithoutExtension(file);
            ResxFileRef? entry = refs.SingleOrDefault(r => r.Name == name);
            Assert.True(entry != null, $"{ResxFile} has no <data name=\"{name}\">");

            Assert.DoesNotContain("\\", entry!.RelativePath, StringComparison.Ordinal);
            string resolved = Path.GetFullPath(Path.Combine(RepoFiles.ResourcesDir, entry.RelativePath));
            Assert.Equal(Path.GetFullPath(Path.Combine(RepoFiles.CertsDir, file)), resolved);
            Assert.True(File.Exists(resolved), $"{ResxFile}: {entry.RelativePath} does not exist");

            Assert.StartsWith("System.String, mscorlib", entry.TypeName, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Designer_ids_are_the_ones_nanoFramework_derives_from_the_resx_names()
    {
        string designer = File.ReadAllText(Path.Combine(RepoFiles.ResourcesDir, DesignerFile));
        Dictionary<string, short> declared = EnumMembers().Matches(designer).ToDictionary(m => m.Groups["name"].Value, m => short.Parse(m.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture));

        IReadOnlyList<ResxFileRef> refs = ReadResxFileRefs();
        Assert.Equal(refs.Select(r => r.Name).Order(StringComparer.Ordinal), declared.Keys.Order(StringComparer.Ordinal));

        foreach (ResxFileRef entry in refs)
        {
            short expected = NanoResourceId.For(entry.Name);
            Assert.True(declared[entry.Name] == expected, $"{DesignerFile}: {entry.Name} must be {expected}, found {declared[entry.Name]}");
        }
    }

    [Fact]
    public void Designer_looks_up_the_manifest_name_the_build_gives_the_resx()
    {
        // RootNamespace AwsIotDevice + folder Resources + file Certificates.resx.
        string designer = File.ReadAllText(Path.Combine(RepoFiles.ResourcesDir, DesignerFile));
        Assert.Contains("namespace " + ExpectedNamespace, designer, StringComparison.Ordinal);
        Assert.Contains("partial class " + ExpectedClass, designer, StringComparison.Ordinal);
        Assert.Contains($"new System.Resources.ResourceManager(\"{ExpectedNamespace}.{ExpectedClass}\", typeof({ExpectedClass}).Assembly)", designer, StringComparison.Ordinal);
        Assert.Contains("enum StringResources : short", designer, StringComparison.Ordinal);
    }

    [Fact]
    public void Firmware_trusts_every_embedded_root()
    {
        string trustedRoots = File.ReadAllText(Path.Combine(RepoFiles.Root, "firmware", "Platform", "TrustedRoots.cs"));
        foreach (ResxFileRef entry in ReadResxFileRefs())
        {
            Assert.Contains("Certificates.StringResources." + entry.Name, trustedRoots, StringComparison.Ordinal);
        }
    }

    private static List<ResxFileRef> ReadResxFileRefs()
    {
        XDocument doc = XDocument.Load(Path.Combine(RepoFiles.ResourcesDir, ResxFile));
        var result = new List<ResxFileRef>();
        foreach (XElement data in doc.Root!.Elements("data"))
        {
            string type = (string?)data.Attribute("type") ?? string.Empty;
            Assert.StartsWith("System.Resources.ResXFileRef", type, StringComparison.Ordinal);

            string value = data.Element("value")!.Value.Trim();
            string[] parts = value.Split(';');
            Assert.True(parts.Length >= 2, $"{ResxFile}: ResXFileRef value '{value}' is not 'path;type[;encoding]'");
            result.Add(new ResxFileRef((string)data.Attribute("name")!, parts[0], parts[1]));
        }

        return result;
    }

    [GeneratedRegex(@"^\s*(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?<id>-?\d+)\s*,", RegexOptions.Multiline)]
    private static partial Regex EnumMembers();

    private sealed record ResxFileRef(string Name, string RelativePath, string TypeName);
}
