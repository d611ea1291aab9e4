namespace AwsIotDevice.Emulator.Lambda;

/// <summary>The result of invoking a packaged function: its response, or why there is none.</summary>
public sealed class LambdaInvocationResult
{
    private LambdaInvocationResult(string? responseJson, string? failure, string? requestId, string? logLine, TimeSpan duration)
    {
        ResponseJson = responseJson;
        Failure = failure;
        RequestId = requestId;
        LogLine = logLine;
        Duration = duration;
    }

    /// <summary>The response body, or null when the invocation failed.</summary>
    public string? ResponseJson { get; }

    /// <summary>Why there is no response (crash, timeout, error), one secret-free line; null on success.</summary>
    public string? Failure { get; }

    /// <summary>Lambda's request id of the invocation.</summary>
    public string? RequestId { get; }

    /// <summary>The function's JSON log line for this request id (one carrying <c>"requestId"</c>), if it wrote one.</summary>
    public string? LogLine { get; }

    /// <summary>From handing the event over (including a cold start) to the answer.</summary>
    public TimeSpan Duration { get; }

    internal static LambdaInvocationResult Responded(string json, string requestId, string? logLine, TimeSpan duration) => new(json, null, requestId, logLine, duration);

    internal static LambdaInvocationResult Failed(string failure, string? requestId, TimeSpan duration) => new(null, failure, requestId, null, duration);
}
