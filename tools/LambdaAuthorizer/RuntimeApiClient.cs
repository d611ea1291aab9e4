using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AwsIotDevice.LambdaAuthorizer;

/// <summary>One invocation as the Lambda Runtime API hands it out.</summary>
public sealed class Invocation
{
    /// <summary>Lambda-Runtime-Aws-Request-Id.</summary>
    public required string RequestId { get; init; }

    /// <summary>The event bytes.</summary>
    public required byte[] Event { get; init; }

    /// <summary>Lambda-Runtime-Deadline-Ms as a time, when sent.</summary>
    public DateTimeOffset? Deadline { get; init; }
}

/// <summary>
/// The client side of the Lambda Runtime API (2018-06-01) at <c>$AWS_LAMBDA_RUNTIME_API</c>:
/// <c>GET /runtime/invocation/next</c>, <c>POST /runtime/invocation/{id}/response</c> and <c>/error</c>,
/// <c>POST /runtime/init/error</c>. The same API the emulator serves on 127.0.0.1 for an authorizer package.
/// </summary>
public sealed class RuntimeApiClient : IDisposable
{
    private const string Version = "2018-06-01";
    private readonly HttpClient _http;

    /// <summary>Creates the client for <paramref name="hostAndPort"/> (the value of AWS_LAMBDA_RUNTIME_API).</summary>
    public RuntimeApiClient(string hostAndPort)
    {
        // No proxy: the Runtime API is local to the execution environment, and a stray HTTP_PROXY must not divert it.
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://{hostAndPort}/{Version}/runtime/"), Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Waits for the next invocation (the call blocks until Lambda has one).</summary>
    public async Task<Invocation> NextAsync(CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await _http.GetAsync("invocation/next", cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        string requestId = Header(response, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new InvalidOperationException("the Runtime API sent an invocation without Lambda-Runtime-Aws-Request-Id");
        DateTimeOffset? deadline = long.TryParse(Header(response, "Lambda-Runtime-Deadline-Ms"), out long ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
        byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new Invocation { RequestId = requestId, Event = body, Deadline = deadline };
    }

    /// <summary>Returns the function's result for <paramref name="requestId"/>.</summary>
    public async Task RespondAsync(string requestId, byte[] response, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(response);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using HttpResponseMessage result = await _http.PostAsync($"invocation/{Uri.EscapeDataString(requestId)}/response", content, cancellationToken).ConfigureAwait(false);
        result.EnsureSuccessStatusCode();
    }

    /// <summary>Reports that the invocation failed (errorType, errorMessage as Lambda expects them).</summary>
    public Task ErrorAsync(string requestId, string errorType, string errorMessage, CancellationToken cancellationToken) =>
        PostErrorAsync($"invocation/{Uri.EscapeDataString(requestId)}/error", errorType, errorMessage, cancellationToken);

    /// <summary>Reports that the function could not initialise; Lambda then ends the environment.</summary>
    public Task InitErrorAsync(string errorType, string errorMessage, CancellationToken cancellationToken) =>
        PostErrorAsync("init/error", errorType, errorMessage, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task PostErrorAsync(string path, string errorType, string errorMessage, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("errorMessage", errorMessage);
            w.WriteString("errorType", errorType);
            w.WriteEndObject();
        }

        using var content = new ByteArrayContent(stream.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.Add("Lambda-Runtime-Function-Error-Type", errorType);
        using HttpResponseMessage result = await _http.PostAsync(path, content, cancellationToken).ConfigureAwait(false);
        result.EnsureSuccessStatusCode();
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out IEnumerable<string>? values) ? values.FirstOrDefault() : null;
}
