namespace AwsIotDevice.CustomAuth.Authorizer;

/// <summary>What <see cref="ReferenceAuthorizer"/> decided: the response for AWS and the reason, for logs.</summary>
public sealed class AuthorizerDecision
{
    /// <summary>Creates a decision.</summary>
    public AuthorizerDecision(AuthorizerResponse response, string reason)
    {
        Response = response;
        Reason = reason;
    }

    /// <summary>The response to return to AWS IoT Core.</summary>
    public AuthorizerResponse Response { get; }

    /// <summary>One line saying why; never contains the token, signature or password.</summary>
    public string Reason { get; }
}
