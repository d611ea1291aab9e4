using AwsIotDevice.CustomAuth;
using AwsIotDevice.LambdaAuthorizer;

// Composition root of the custom runtime's bootstrap: settings from the environment, the handler, the Runtime API loop.
string? api = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API");
if (string.IsNullOrEmpty(api))
{
    Console.Error.WriteLine("bootstrap: AWS_LAMBDA_RUNTIME_API is not set; this is an AWS Lambda custom runtime (provided.al2023): deploy it, or run it under 'iotctl emulator' with --authorizer-package");
    return 2;
}

using var runtime = new RuntimeApiClient(api);
FunctionSettings settings;
try
{
    settings = FunctionSettings.FromEnvironment(Environment.GetEnvironmentVariable);
}
catch (CustomAuthException e)
{
    // One line for CloudWatch, then Lambda's init/error so the invocation fails with this reason instead of a timeout.
    Console.Error.WriteLine($"{{\"level\":\"ERROR\",\"event\":\"authorizer.init\",\"reason\":{System.Text.Json.JsonSerializer.Serialize(e.Message, AwsIotDevice.LambdaAuthorizer.LogJson.Default.String)}}}");
    await runtime.InitErrorAsync("Runtime.ConfigurationError", e.Message, CancellationToken.None).ConfigureAwait(false);
    return 1;
}

var function = new AuthorizerFunction(settings.Options, TimeProvider.System, new DecisionLog(Console.Out));
try
{
    await new RuntimeLoop(runtime, function).RunAsync(CancellationToken.None).ConfigureAwait(false);
    return 0;
}
catch (HttpRequestException e)
{
    Console.Error.WriteLine($"{{\"level\":\"ERROR\",\"event\":\"authorizer.runtime\",\"reason\":\"the Runtime API failed ({e.GetType().Name}); the environment is going away\"}}");
    return 1;
}
