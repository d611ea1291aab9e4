using System.Security.Cryptography;
using AwsIotDevice.CustomAuth.Policies;

namespace AwsIotDevice.CustomAuth.Authorizer;

/// <summary>Configuration of <see cref="ReferenceAuthorizer"/>.</summary>
public sealed class ReferenceAuthorizerOptions
{
    /// <summary>Region, account and topic prefix of the granted resources.</summary>
    public PolicyScope Scope { get; init; } = new();

    /// <summary>
    /// Public keys to check the token signature with (the authorizer's 1 or 2 keys). When empty, the authorizer
    /// relies on the event's <c>signatureVerified</c> instead.
    /// </summary>
    public IReadOnlyList<RSA> PublicKeys { get; init; } = [];

    /// <summary>
    /// Client ids of backend principals (e.g. <c>iotctl-backend</c>): a valid token for one of them is granted
    /// <see cref="LeastPrivilegePolicy.BuildBackend"/> (publish credential renewals, read their acknowledgements) instead
    /// of a device's policy. Empty (the default): every client is a device.
    /// </summary>
    public IReadOnlyList<string> BackendClientIds { get; init; } = [];

    /// <summary>The refreshAfterInSeconds of an allowed connection (300..86400).</summary>
    public int RefreshAfterInSeconds { get; init; } = AuthorizerResponse.DefaultRefreshSeconds;
}
