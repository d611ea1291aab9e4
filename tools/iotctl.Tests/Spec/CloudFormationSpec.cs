using System.IO.Compression;
using System.Text.Json;

namespace AwsIotDevice.Iotctl.Tests.Spec;

/// <summary>
/// The CloudFormation resource specification as AWS publishes it for the CDK (npm @aws-cdk/aws-service-spec,
/// db.json.gz, generated from the CloudFormation registry schemas): resource types with their properties (type,
/// required, allowed values) and attributes (what Fn::GetAtt may read), and the property types they reference.
/// </summary>
internal sealed class CloudFormationSpec
{
    private static readonly Lazy<CloudFormationSpec> Instance = new(Load);
    private readonly Dictionary<string, JsonElement> _resources;
    private readonly Dictionary<string, JsonElement> _types;

    private CloudFormationSpec(Dictionary<string, JsonElement> resources, Dictionary<string, JsonElement> types)
    {
        _resources = resources;
        _types = types;
    }

    /// <summary>The installed specification (parsed once per test run).</summary>
    public static CloudFormationSpec Current => Instance.Value;

    /// <summary>How many resource types it describes (a sanity check that it loaded).</summary>
    public int ResourceCount => _resources.Count;

    /// <summary>The resource type, or null when CloudFormation has no such type.</summary>
    public JsonElement? Resource(string type) => _resources.TryGetValue(type, out JsonElement r) ? r : null;

    /// <summary>A property type by its $id.</summary>
    public JsonElement TypeDefinition(string id) => _types[id];

    private static CloudFormationSpec Load()
    {
        using FileStream file = File.OpenRead(AwsSpecFiles.Path("@aws-cdk/aws-service-spec", "db.json.gz"));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using JsonDocument doc = JsonDocument.Parse(gzip, new JsonDocumentOptions { MaxDepth = 256 });
        JsonElement schema = doc.RootElement.GetProperty("schema");
        var resources = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (JsonElement r in schema.GetProperty("resource").GetProperty("entities").EnumerateArray())
        {
            resources[r.GetProperty("cloudFormationType").GetString()!] = r.Clone();
        }

        var types = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (JsonElement t in schema.GetProperty("typeDefinition").GetProperty("entities").EnumerateArray())
        {
            types[t.GetProperty("$id").GetString()!] = t.Clone();
        }

        return new CloudFormationSpec(resources, types);
    }
}
