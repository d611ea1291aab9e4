namespace AwsIotDevice.CustomAuth.Authorizer;

/// <summary>The outcome of <see cref="AuthorizerResponseValidator.Validate(string)"/>.</summary>
public sealed class AuthorizerResponseValidation
{
    private AuthorizerResponseValidation(bool isValid, bool isAuthenticated, string? error, string? detail)
    {
        IsValid = isValid;
        IsAuthenticated = isAuthenticated;
        Error = error;
        Detail = detail;
    }

    /// <summary>True when AWS would accept the response.</summary>
    public bool IsValid { get; }

    /// <summary>The response's isAuthenticated, when it is valid; false otherwise.</summary>
    public bool IsAuthenticated { get; }

    /// <summary>AWS's error text (one of <see cref="AwsAuthorizerErrors"/>), when invalid.</summary>
    public string? Error { get; }

    /// <summary>Which member was wrong and how, for our own logs (never contains policy or token text).</summary>
    public string? Detail { get; }

    internal static AuthorizerResponseValidation Valid(bool isAuthenticated) => new(true, isAuthenticated, null, null);

    internal static AuthorizerResponseValidation Invalid(string error, string detail) => new(false, false, error, detail);
}
