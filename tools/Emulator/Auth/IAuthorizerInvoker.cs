using AwsIotDevice.Emulator.Config;

namespace AwsIotDevice.Emulator.Auth;

/// <summary>What an authorizer invocation produced: the response JSON, or why there is none.</summary>
public sealed class AuthorizerInvocation
{
    private AuthorizerInvocation(string? responseJson, string? failure, string? note)
    {
        ResponseJson = responseJson;
        Failure = failure;
        Note = note;
    }

    /// <summary>The response text (to be validated), or null when the invocation failed.</summary>
    public string? ResponseJson { get; }

    /// <summary>Why the invocation failed (timeout, crash, no output), secret-free; null on success.</summary>
    public string? Failure { get; }

    /// <summary>The authorizer's own secret-free explanation, if it gives one (for the log).</summary>
    public string? Note { get; }

    /// <summary>A response was returned.</summary>
    public static AuthorizerInvocation Returned(string json, string? note = null) => new(json, null, note);

    /// <summary>The invocation failed.</summary>
    public static AuthorizerInvocation Failed(string failure) => new(null, failure, null);
}

/// <summary>Runs an authorizer: the AWS event JSON in, the response JSON out. Must honour the cancellation token.</summary>
public interface IAuthorizerInvoker
{
    /// <summary>Invokes <paramref name="authorizer"/> with <paramref name="eventJson"/>.</summary>
    Task<AuthorizerInvocation> InvokeAsync(LoadedAuthorizer authorizer, string eventJson, CancellationToken cancellationToken);
}
