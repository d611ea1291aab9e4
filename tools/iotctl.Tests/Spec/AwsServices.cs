namespace AwsIotDevice.Iotctl.Tests.Spec;

/// <summary>
/// Which AWS SDK package holds the model of a service, by the name each place uses for it. This only locates models;
/// what is valid comes from the models themselves. The AWS CLI calls S3's API commands "s3api" ("s3" is its own
/// high-level file commands, which no service model describes, so they are not used).
/// </summary>
internal static class AwsServices
{
    /// <summary>By AWS CLI service command.</summary>
    public static readonly IReadOnlyDictionary<string, string> ForCli = new Dictionary<string, string>
    {
        ["iot"] = "@aws-sdk/client-iot",
        ["lambda"] = "@aws-sdk/client-lambda",
        ["cloudformation"] = "@aws-sdk/client-cloudformation",
        ["s3api"] = "@aws-sdk/client-s3",
        ["logs"] = "@aws-sdk/client-cloudwatch-logs",
        ["sts"] = "@aws-sdk/client-sts",
    };

    /// <summary>By IAM action prefix.</summary>
    public static readonly IReadOnlyDictionary<string, string> ForIamPrefix = new Dictionary<string, string>
    {
        ["iot"] = "@aws-sdk/client-iot",
        ["lambda"] = "@aws-sdk/client-lambda",
        ["logs"] = "@aws-sdk/client-cloudwatch-logs",
        ["sts"] = "@aws-sdk/client-sts",
    };

    /// <summary>By CloudFormation namespace (AWS::&lt;Namespace&gt;::Resource).</summary>
    public static readonly IReadOnlyDictionary<string, string> ForCloudFormation = new Dictionary<string, string>
    {
        ["IoT"] = "@aws-sdk/client-iot",
        ["Lambda"] = "@aws-sdk/client-lambda",
        ["Logs"] = "@aws-sdk/client-cloudwatch-logs",
    };
}
