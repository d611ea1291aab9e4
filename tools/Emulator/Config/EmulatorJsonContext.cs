using System.Text.Json.Serialization;

namespace AwsIotDevice.Emulator.Config;

/// <summary>Source-generated System.Text.Json metadata for <see cref="EmulatorConfig"/> (camelCase, indented, comments allowed).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EmulatorConfig))]
public sealed partial class EmulatorJsonContext : JsonSerializerContext
{
}
