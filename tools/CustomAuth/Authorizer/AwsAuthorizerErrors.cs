namespace AwsIotDevice.CustomAuth.Authorizer;

/// <summary>
/// AWS IoT's own wording (TestInvokeAuthorizer) for an authorizer response it rejects; reproduced verbatim,
/// grammar included, so emulator logs can be searched for alongside real AWS errors.
/// </summary>
public static class AwsAuthorizerErrors
{
    /// <summary>The response is not JSON, or isAuthenticated/principalId are missing or of the wrong form.</summary>
    public const string InvalidFormat = "Lambda invocation result is in invalid format";

    /// <summary>policyDocuments is missing or null.</summary>
    public const string PoliciesNull = "List of policies cannot be null";

    /// <summary>More than 10 policy documents.</summary>
    public const string TooManyPolicies = "Number of policies allowed cannot exceed 10";

    /// <summary>A policy document longer than 2048 characters.</summary>
    public const string PolicyTooLarge = "Size of a policy document cannot exceeds hard limit of 2048";

    /// <summary>A policy document that is not a policy.</summary>
    public const string PolicyMalformed = "Policy document is Malformed";

    /// <summary>disconnectAfterInSeconds or refreshAfterInSeconds outside 300..86400.</summary>
    public const string DurationOutOfRange = "Member must be greater than 5 minutes and less than 24 hours";
}
