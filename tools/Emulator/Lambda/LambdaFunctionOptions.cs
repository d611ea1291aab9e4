namespace AwsIotDevice.Emulator.Lambda;

/// <summary>How to run a packaged function locally.</summary>
public sealed class LambdaFunctionOptions
{
    /// <summary>AWS's timeout for a custom authorizer's Lambda invocation.</summary>
    public static readonly TimeSpan AuthorizerTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The deployment zip (from <c>iotctl aws package</c>).</summary>
    public required string PackagePath { get; init; }

    /// <summary>Function name (AWS_LAMBDA_FUNCTION_NAME, the invoked ARN).</summary>
    public string FunctionName { get; init; } = "authorizer";

    /// <summary>Region (AWS_REGION).</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Account in the invoked function ARN.</summary>
    public string Account { get; init; } = "123456789012";

    /// <summary>Invocation timeout (default: AWS's 5 s for authorizers), counted from handing over the event, cold start included.</summary>
    public TimeSpan Timeout { get; init; } = AuthorizerTimeout;

    /// <summary>The function's own environment variables (the template's Environment.Variables).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Where the package is extracted (a new directory inside it; default: the temp directory).</summary>
    public string? WorkDirectory { get; init; }
}
