using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using AwsIotDevice.CustomAuth;

namespace AwsIotDevice.Emulator.Lambda;

/// <summary>
/// Runs a Lambda deployment package the way Lambda runs a custom runtime: the zip extracted, its <c>bootstrap</c>
/// started with <c>AWS_LAMBDA_RUNTIME_API</c> pointing at a local Runtime API (<see cref="RuntimeApiServer"/>,
/// 127.0.0.1), one invocation at a time per execution environment, the environment kept warm between invocations.
/// A timeout (5 s by default, cold start included) or an error ends the environment; a crash is noticed at once (the
/// process exits); the next invocation starts a new one. Each failure is one secret-free line saying which.
/// </summary>
public sealed class LambdaFunctionRunner : IAsyncDisposable
{
    private static readonly TimeSpan LogLineWait = TimeSpan.FromMilliseconds(500);
    private readonly LambdaFunctionOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _logWaiters = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _recentOutput = new();
    private RuntimeApiServer? _server;
    private FunctionProcess? _process;
    private string? _directory;
    private bool _disposed;

    /// <summary>Creates the runner; nothing starts until the first invocation (a cold start, as in Lambda).</summary>
    public LambdaFunctionRunner(LambdaFunctionOptions options) => _options = options;

    /// <summary>How many execution environments were started (1 + restarts after crashes and timeouts).</summary>
    public int EnvironmentsStarted { get; private set; }

    /// <summary>The last output lines of the function (at most 50), for diagnostics; may contain whatever the function prints.</summary>
    public IReadOnlyList<string> RecentOutput => _recentOutput.ToArray();

    /// <summary>Invokes the function with <paramref name="eventJson"/>. Never throws for the function's misbehaviour.</summary>
    public async Task<LambdaInvocationResult> InvokeAsync(string eventJson, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        long started = Stopwatch.GetTimestamp();
        string requestId = Guid.NewGuid().ToString();
        PendingInvocation? pending = null;
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _server ??= await RuntimeApiServer.StartAsync($"arn:aws:lambda:{_options.Region}:{_options.Account}:function:{_options.FunctionName}").ConfigureAwait(false);
            _directory ??= LambdaPackage.Extract(_options.PackagePath, _options.WorkDirectory ?? Path.GetTempPath());
            if (_process is null || _process.HasExited)
            {
                _process?.Dispose();
                _server.ResetInitError();
                _process = FunctionProcess.Start(_directory, Environment(_server.HostAndPort), OnOutput);
                EnvironmentsStarted++;
            }

            FunctionProcess process = _process;
            var logLine = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _logWaiters[requestId] = logLine;
            pending = _server.Enqueue(requestId, Encoding.UTF8.GetBytes(eventJson), DateTimeOffset.UtcNow + _options.Timeout);
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task timeout = Task.Delay(_options.Timeout, timer.Token);
            await Task.WhenAny(pending.Outcome, process.Exited, timeout).ConfigureAwait(false);
            await timer.CancelAsync().ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                EndEnvironment();
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (pending.Outcome.IsCompleted)
            {
                RuntimeOutcome outcome = await pending.Outcome.ConfigureAwait(false);
                if (outcome.Response is { } body)
                {
                    string? line = await WaitAsync(logLine.Task, LogLineWait).ConfigureAwait(false);
                    return LambdaInvocationResult.Responded(Encoding.UTF8.GetString(body), requestId, line, Stopwatch.GetElapsedTime(started));
                }

                EndEnvironment();
                return Fail(outcome.IsInitError ? InitFailure(outcome) : $"the function returned an error ({outcome.ErrorType}), which AWS treats as a refusal; its environment was ended");
            }

            if (process.HasExited)
            {
                int code = await process.Exited.ConfigureAwait(false);
                return Fail(_server.InitError is { } init
                    ? InitFailure(init)
                    : $"the function's process exited with code {code} before answering (it crashed); the next invocation starts a new environment");
            }

            EndEnvironment();
            return Fail($"the function did not answer within {_options.Timeout.TotalSeconds:0.###} s (AWS's authorizer timeout is 5 s, cold start included); its environment was ended");
        }
        catch (LambdaPackageException e)
        {
            return Fail(e.Message);
        }
        finally
        {
            if (pending is not null)
            {
                _server!.Forget(pending);
            }

            _logWaiters.TryRemove(requestId, out _);
            _gate.Release();
        }

        LambdaInvocationResult Fail(string why) => LambdaInvocationResult.Failed(why, requestId, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Ends the environment, stops the Runtime API and deletes the extracted package.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _process?.Dispose();
            if (_server is not null)
            {
                await _server.DisposeAsync().ConfigureAwait(false);
            }

            if (_directory is not null)
            {
                try
                {
                    Directory.Delete(_directory, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // A temp directory left behind is harmless.
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    // As Lambda after a timeout or an error: this environment is gone, the next invocation starts a new one.
    private void EndEnvironment()
    {
        _process?.Dispose();
        _process = null;
    }

    private static string InitFailure(RuntimeOutcome init) =>
        $"the function failed to initialise ({init.ErrorType}: {LogText.Quote(init.ErrorMessage, 200)}); Lambda reports Runtime.InitError and ends the environment";

    private static async Task<string?> WaitAsync(Task<string> task, TimeSpan limit)
    {
        Task first = await Task.WhenAny(task, Task.Delay(limit)).ConfigureAwait(false);
        return first == task ? await task.ConfigureAwait(false) : null;
    }

    // Lambda's standard variables (those a custom runtime is documented to get), then the function's own.
    private Dictionary<string, string> Environment(string runtimeApi)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/local/bin:/usr/bin/:/bin:/opt/bin",
            ["LD_LIBRARY_PATH"] = "/lib64:/usr/lib64:" + _directory + ":" + _directory + "/lib:/opt/lib",
            ["TZ"] = ":UTC",
            ["LANG"] = "en_US.UTF-8",
            ["LAMBDA_TASK_ROOT"] = _directory!,
            ["LAMBDA_RUNTIME_DIR"] = _directory!,
            ["_HANDLER"] = LambdaPackage.Bootstrap,
            ["AWS_REGION"] = _options.Region,
            ["AWS_DEFAULT_REGION"] = _options.Region,
            ["AWS_EXECUTION_ENV"] = "AWS_Lambda_provided.al2023",
            ["AWS_LAMBDA_FUNCTION_NAME"] = _options.FunctionName,
            ["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "128",
            ["AWS_LAMBDA_LOG_GROUP_NAME"] = "/aws/lambda/" + _options.FunctionName,
            ["AWS_LAMBDA_LOG_STREAM_NAME"] = "local/" + EnvironmentsStarted,
        };
        foreach (KeyValuePair<string, string> variable in _options.Environment)
        {
            env[variable.Key] = variable.Value;
        }

        env["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
        return env;
    }

    private void OnOutput(string line)
    {
        _recentOutput.Enqueue(line);
        while (_recentOutput.Count > 50 && _recentOutput.TryDequeue(out _))
        {
        }

        if (!line.StartsWith('{'))
        {
            return;
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(line);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("requestId", out JsonElement id)
                && id.ValueKind == JsonValueKind.String && _logWaiters.TryGetValue(id.GetString()!, out TaskCompletionSource<string>? waiter))
            {
                waiter.TrySetResult(line);
            }
        }
        catch (JsonException)
        {
            // Not a structured line: kept in RecentOutput only.
        }
    }
}
