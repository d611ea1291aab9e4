using System.Collections.Concurrent;
using System.Text.Json;
using AwsIotDevice.Emulator.Config;
using AwsIotDevice.Emulator.Lambda;

namespace AwsIotDevice.Emulator.Auth;

/// <summary>
/// Authorizers of kind <c>lambda</c>: each runs its deployment package in a <see cref="LambdaFunctionRunner"/>
/// (started on the first invocation, kept warm), with the emulated account's region, the configured environment and
/// timeout. The function's own decision line (a JSON log line carrying the invocation's requestId, as the project's
/// function writes) becomes the log note, so a refusal says why without opening CloudWatch.
/// </summary>
public sealed class LambdaAuthorizerInvoker : IAuthorizerInvoker, IAsyncDisposable
{
    private readonly string _baseDirectory;
    private readonly AwsAccountConfig _aws;
    private readonly ConcurrentDictionary<string, Lazy<LambdaFunctionRunner>> _runners = new(StringComparer.Ordinal);

    /// <summary>Creates the invoker; package paths resolve against <paramref name="baseDirectory"/>.</summary>
    public LambdaAuthorizerInvoker(string baseDirectory, AwsAccountConfig aws)
    {
        _baseDirectory = baseDirectory;
        _aws = aws;
    }

    /// <inheritdoc />
    public async Task<AuthorizerInvocation> InvokeAsync(LoadedAuthorizer authorizer, string eventJson, CancellationToken cancellationToken)
    {
        LambdaAuthorizerConfig lambda = authorizer.Config.Lambda ?? throw new InvalidOperationException("authorizer has no lambda package");
        LambdaFunctionRunner runner = _runners.GetOrAdd(authorizer.Name, _ => new Lazy<LambdaFunctionRunner>(() => new LambdaFunctionRunner(new LambdaFunctionOptions
        {
            PackagePath = ConfigLoader.Resolve(_baseDirectory, lambda.Package),
            FunctionName = lambda.FunctionName,
            Region = _aws.Region,
            Account = _aws.Account,
            Timeout = TimeSpan.FromSeconds(lambda.TimeoutSeconds),
            Environment = lambda.Environment,
        }))).Value;
        LambdaInvocationResult result = await runner.InvokeAsync(eventJson, cancellationToken).ConfigureAwait(false);
        return result.ResponseJson is null
            ? AuthorizerInvocation.Failed("lambda " + result.Failure)
            : AuthorizerInvocation.Returned(result.ResponseJson.Trim(), Note(result));
    }

    /// <summary>Ends every function's environment.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (Lazy<LambdaFunctionRunner> runner in _runners.Values)
        {
            if (runner.IsValueCreated)
            {
                await runner.Value.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    // The function's text, kept readable (quotes stay quotes) but one line and bounded, so it cannot forge log lines.
    private static string OneLine(string text, int max)
    {
        string line = new(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        return line.Length > max ? line[..max] + "..." : line;
    }

    // "lambda <decision reason> (<ms> ms)" from the function's decision line; the reason is the function's own,
    // secret-free text (the project's function never writes a token, signature or password).
    private static string Note(LambdaInvocationResult result)
    {
        string took = $"{result.Duration.TotalMilliseconds:0.#} ms";
        if (result.LogLine is null)
        {
            return $"lambda answered in {took}";
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(result.LogLine);
            string? reason = doc.RootElement.TryGetProperty("reason", out JsonElement r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            return reason is null ? $"lambda answered in {took}" : $"lambda {OneLine(reason, 300)} ({took})";
        }
        catch (JsonException)
        {
            return $"lambda answered in {took}";
        }
    }
}
