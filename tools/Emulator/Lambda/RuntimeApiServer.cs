using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AwsIotDevice.Emulator.Lambda;

/// <summary>
/// The Lambda Runtime API (2018-06-01) on 127.0.0.1, as a custom runtime's <c>bootstrap</c> sees it at
/// <c>$AWS_LAMBDA_RUNTIME_API</c>: <c>GET /2018-06-01/runtime/invocation/next</c> (long poll; the event with
/// Lambda-Runtime-Aws-Request-Id, -Deadline-Ms, -Invoked-Function-Arn and -Trace-Id headers),
/// <c>POST .../invocation/{id}/response</c>, <c>POST .../invocation/{id}/error</c> and <c>POST .../init/error</c>
/// (each answered 202). Unknown request ids get 400, as Lambda answers them.
/// </summary>
internal sealed class RuntimeApiServer : IAsyncDisposable
{
    /// <summary>Largest response body accepted (Lambda's synchronous payload limit, 6 MB).</summary>
    public const int MaxBodyBytes = 6 * 1024 * 1024;

    private readonly WebApplication _app;
    private readonly string _functionArn;
    private readonly Channel<PendingInvocation> _queue = Channel.CreateUnbounded<PendingInvocation>();
    private readonly ConcurrentDictionary<string, PendingInvocation> _inFlight = new(StringComparer.Ordinal);
    private volatile RuntimeOutcome? _initError;

    private RuntimeApiServer(WebApplication app, string functionArn)
    {
        _app = app;
        _functionArn = functionArn;
    }

    /// <summary>host:port for AWS_LAMBDA_RUNTIME_API.</summary>
    public string HostAndPort { get; private set; } = "";

    /// <summary>The init error the function reported, if any (cleared when a new environment starts).</summary>
    public RuntimeOutcome? InitError => _initError;

    /// <summary>Starts the API on an ephemeral loopback port.</summary>
    public static async Task<RuntimeApiServer> StartAsync(string functionArn)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, 0);
            o.Limits.MaxRequestBodySize = MaxBodyBytes;
        });
        WebApplication app = builder.Build();
        var server = new RuntimeApiServer(app, functionArn);
        app.MapGet("/2018-06-01/runtime/invocation/next", server.NextAsync);
        app.MapPost("/2018-06-01/runtime/invocation/{id}/response", server.ResponseAsync);
        app.MapPost("/2018-06-01/runtime/invocation/{id}/error", server.ErrorAsync);
        app.MapPost("/2018-06-01/runtime/init/error", server.InitErrorAsync);
        await app.StartAsync().ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.HostAndPort = new Uri(address).Authority;
        return server;
    }

    /// <summary>Queues an invocation for the next <c>GET .../next</c>.</summary>
    public PendingInvocation Enqueue(string requestId, byte[] eventBytes, DateTimeOffset deadline)
    {
        var pending = new PendingInvocation(requestId, eventBytes, deadline);
        _inFlight[pending.RequestId] = pending;
        _queue.Writer.TryWrite(pending);
        return pending;
    }

    /// <summary>Forgets <paramref name="pending"/> (answered, timed out or abandoned).</summary>
    public void Forget(PendingInvocation pending) => _inFlight.TryRemove(pending.RequestId, out _);

    /// <summary>A new execution environment starts: an earlier init error no longer applies.</summary>
    public void ResetInitError() => _initError = null;

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task NextAsync(HttpContext context)
    {
        PendingInvocation pending;
        try
        {
            pending = await _queue.Reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            return;
        }

        // A poller of an environment that was just ended may still be parked here: it must not take the event.
        if (context.RequestAborted.IsCancellationRequested)
        {
            _queue.Writer.TryWrite(pending);
            return;
        }

        HttpResponse response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.Headers["Lambda-Runtime-Aws-Request-Id"] = pending.RequestId;
        response.Headers["Lambda-Runtime-Deadline-Ms"] = pending.Deadline.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = _functionArn;
        response.Headers["Lambda-Runtime-Trace-Id"] = $"Root=1-{DateTimeOffset.UtcNow.ToUnixTimeSeconds():x8}-{pending.RequestId.Replace("-", "", StringComparison.Ordinal)[..24]};Sampled=0";
        response.ContentLength = pending.Event.Length;
        try
        {
            await response.Body.WriteAsync(pending.Event, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The poller went away before it got the event: hand it to the next one (the runner's deadline still applies).
            _queue.Writer.TryWrite(pending);
        }
    }

    private async Task ResponseAsync(HttpContext context, string id)
    {
        if (!_inFlight.TryGetValue(id, out PendingInvocation? pending))
        {
            await RejectAsync(context, "InvalidRequestID").ConfigureAwait(false);
            return;
        }

        byte[] body = await ReadBodyAsync(context).ConfigureAwait(false);
        pending.Complete(RuntimeOutcome.Responded(body));
        await AcceptAsync(context).ConfigureAwait(false);
    }

    private async Task ErrorAsync(HttpContext context, string id)
    {
        if (!_inFlight.TryGetValue(id, out PendingInvocation? pending))
        {
            await RejectAsync(context, "InvalidRequestID").ConfigureAwait(false);
            return;
        }

        (string type, _) = ReadError(await ReadBodyAsync(context).ConfigureAwait(false), context);
        pending.Complete(RuntimeOutcome.Errored(type));
        await AcceptAsync(context).ConfigureAwait(false);
    }

    private async Task InitErrorAsync(HttpContext context)
    {
        (string type, string message) = ReadError(await ReadBodyAsync(context).ConfigureAwait(false), context);
        var outcome = RuntimeOutcome.InitFailed(type, message);
        _initError = outcome;
        foreach (PendingInvocation pending in _inFlight.Values)
        {
            pending.Complete(outcome);
        }

        await AcceptAsync(context).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        return buffer.ToArray();
    }

    // errorType from the body, else from the Lambda-Runtime-Function-Error-Type header, else Lambda's default.
    private static (string Type, string Message) ReadError(byte[] body, HttpContext context)
    {
        string type = context.Request.Headers["Lambda-Runtime-Function-Error-Type"].FirstOrDefault() ?? "Runtime.Unknown";
        string message = "";
        try
        {
            using JsonDocument doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (doc.RootElement.TryGetProperty("errorType", out JsonElement t) && t.ValueKind == JsonValueKind.String)
                {
                    type = t.GetString()!;
                }

                if (doc.RootElement.TryGetProperty("errorMessage", out JsonElement m) && m.ValueKind == JsonValueKind.String)
                {
                    message = m.GetString()!;
                }
            }
        }
        catch (JsonException)
        {
            // Lambda accepts any body here; the type alone is what gets reported.
        }

        return (CustomAuth.LogText.Quote(type, 64).Trim('\''), message);
    }

    private static Task AcceptAsync(HttpContext context)
    {
        context.Response.StatusCode = 202;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync("{\"status\":\"OK\"}");
    }

    private static Task RejectAsync(HttpContext context, string type)
    {
        context.Response.StatusCode = 400;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync($"{{\"errorMessage\":\"unknown request id\",\"errorType\":\"{type}\"}}");
    }
}

/// <summary>One invocation waiting for its answer.</summary>
internal sealed class PendingInvocation
{
    private readonly TaskCompletionSource<RuntimeOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates it.</summary>
    public PendingInvocation(string requestId, byte[] eventBytes, DateTimeOffset deadline)
    {
        RequestId = requestId;
        Event = eventBytes;
        Deadline = deadline;
    }

    /// <summary>Lambda-Runtime-Aws-Request-Id.</summary>
    public string RequestId { get; }

    /// <summary>The event.</summary>
    public byte[] Event { get; }

    /// <summary>When the invocation times out.</summary>
    public DateTimeOffset Deadline { get; }

    /// <summary>Completes when the function answered.</summary>
    public Task<RuntimeOutcome> Outcome => _outcome.Task;

    /// <summary>Records the answer (the first one counts, as in Lambda).</summary>
    public void Complete(RuntimeOutcome outcome) => _outcome.TrySetResult(outcome);
}
