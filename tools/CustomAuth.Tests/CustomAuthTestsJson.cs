using System.Text.Json.Serialization;

namespace AwsIotDevice.CustomAuth.Tests;

/// <summary>Source-generated JSON metadata for the few values the tests serialize.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class CustomAuthTestsJson : JsonSerializerContext
{
}
