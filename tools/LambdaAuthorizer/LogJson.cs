using System.Text.Json.Serialization;

namespace AwsIotDevice.LambdaAuthorizer;

/// <summary>Source-generated JSON metadata (Native AOT has no reflection-based serialization) for the few plain values logged.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class LogJson : JsonSerializerContext
{
}
