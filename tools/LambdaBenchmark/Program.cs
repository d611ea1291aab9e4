using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AwsIotDevice.CustomAuth.Authorizer;
using AwsIotDevice.CustomAuth.Policies;
using AwsIotDevice.CustomAuth.Signing;
using AwsIotDevice.CustomAuth.Tokens;
using AwsIotDevice.Emulator.Lambda;
using AwsIotDevice.Iotctl.Setup;
using AwsIotDevice.LambdaAuthorizer;

// The authorizer's time per event: in-process and as the deployed artifact. Events alternate MQTT, WSS and HTTPS
// shapes with fresh signed tokens, so nothing is cached between them.
const int Events = 1000;
using RSA key = RSA.Create(2048);
string[] events = Enumerable.Range(0, Events).Select(i => EventJson(i, key)).ToArray();

Console.WriteLine($"authorizer handler, {Events} AWS-shaped events (MQTT / WSS headers / HTTPS publish, signatureVerified true)");
var log = new DecisionLog(TextWriter.Null);
var function = new AuthorizerFunction(new ReferenceAuthorizerOptions { Scope = new PolicyScope("eu-west-1", "123456789012", "devices") }, TimeProvider.System, log);
var inProcess = new double[Events];
for (int i = 0; i < Events; i++)
{
    long start = Stopwatch.GetTimestamp();
    function.HandleBytes(new MemoryStream(Encoding.UTF8.GetBytes(events[i])), "bench");
    inProcess[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}

Print("in-process (JIT, this machine)", inProcess);

string zip = args.Length > 0 ? args[0] : BuildPackage();
await using var runner = new LambdaFunctionRunner(new LambdaFunctionOptions
{
    PackagePath = zip,
    Region = "eu-west-1",
    Environment = new Dictionary<string, string> { ["AUTHORIZER_ACCOUNT_ID"] = "123456789012" },
});
var roundTrip = new double[Events];
var handler = new double[Events];
for (int i = 0; i < Events; i++)
{
    LambdaInvocationResult result = await runner.InvokeAsync(events[i], CancellationToken.None);
    if (result.ResponseJson is null)
    {
        Console.Error.WriteLine($"invocation {i + 1} failed: {result.Failure}");
        return 1;
    }

    roundTrip[i] = result.Duration.TotalMilliseconds;
    using JsonDocument line = JsonDocument.Parse(result.LogLine ?? "{}");
    handler[i] = line.RootElement.TryGetProperty("durationMs", out JsonElement d) ? d.GetDouble() : double.NaN;
}

Print($"packaged Native AOT handler ({Path.GetFileName(zip)}), its own durationMs", handler);
Print("packaged, invocation round trip via the local Runtime API (1st includes process start = cold start)", roundTrip);
return 0;

static void Print(string what, double[] ms)
{
    double[] sorted = ms.Order().ToArray();
    Console.WriteLine($"  {what}:");
    Console.WriteLine($"    1st event {ms[0],9:0.000} ms   1000th event {ms[^1],7:0.000} ms   median {sorted[sorted.Length / 2]:0.000} ms   p99 {sorted[(int)(sorted.Length * 0.99)]:0.000} ms");
}

static string BuildPackage()
{
    string dir = Path.Combine(Path.GetTempPath(), "lambda-benchmark-" + Guid.NewGuid().ToString("N")[..8]);
    Console.WriteLine("building the package (iotctl aws package) ...");
    return LambdaPackager.Build(dir, LambdaPackager.HostArchitecture, null, TextWriter.Null).Path;
}

static string EventJson(int i, RSA key)
{
    string clientId = $"bench-{i:0000}";
    string token = AuthToken.Create(clientId, DateTimeOffset.UtcNow.AddDays(1)).Encode();
    string signature = TokenSignature.Sign(key, token);
    return (i % 3) switch
    {
        0 => $$"""{"token":"{{token}}","signatureVerified":true,"protocols":["tls","mqtt"],"protocolData":{"tls":{"serverName":"x-ats.iot.eu-west-1.amazonaws.com"},"mqtt":{"username":"d?x-amz-customauthorizer-signature={{Uri.EscapeDataString(signature)}}&token={{token}}","clientId":"{{clientId}}"} },"connectionMetadata":{"id":"c{{i}}"} }""",
        1 => $$"""{"token":"{{token}}","signatureVerified":true,"protocols":["tls","http","mqtt"],"protocolData":{"http":{"headers":{"x-amz-customauthorizer-signature":"{{signature}}","token":"{{token}}"},"queryString":""},"mqtt":{"clientId":"{{clientId}}"} },"connectionMetadata":{"id":"c{{i}}"} }""",
        _ => $$"""{"token":"{{token}}","signatureVerified":true,"protocols":["tls","http"],"protocolData":{"http":{"headers":{"x-amz-customauthorizer-signature":"{{signature}}","token":"{{token}}"},"queryString":"?qos=1"} },"connectionMetadata":{"id":"c{{i}}"} }""",
    };
}
