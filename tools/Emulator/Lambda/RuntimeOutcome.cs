namespace AwsIotDevice.Emulator.Lambda;

/// <summary>What the function said about one invocation through the Runtime API.</summary>
public sealed class RuntimeOutcome
{
    private RuntimeOutcome(byte[]? response, string? errorType, string? errorMessage, bool initError)
    {
        Response = response;
        ErrorType = errorType;
        ErrorMessage = errorMessage;
        IsInitError = initError;
    }

    /// <summary>The response body (POST .../response), or null for an error.</summary>
    public byte[]? Response { get; }

    /// <summary>errorType of POST .../error or /init/error.</summary>
    public string? ErrorType { get; }

    /// <summary>errorMessage of an init error (a configuration problem the user must see); not kept for invocation errors.</summary>
    public string? ErrorMessage { get; }

    /// <summary>True when the function reported /init/error.</summary>
    public bool IsInitError { get; }

    /// <summary>A response.</summary>
    public static RuntimeOutcome Responded(byte[] body) => new(body, null, null, false);

    /// <summary>An invocation error.</summary>
    public static RuntimeOutcome Errored(string errorType) => new(null, errorType, null, false);

    /// <summary>An initialisation error.</summary>
    public static RuntimeOutcome InitFailed(string errorType, string errorMessage) => new(null, errorType, errorMessage, true);
}
