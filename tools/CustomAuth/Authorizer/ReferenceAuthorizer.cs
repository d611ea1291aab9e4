using System.Security.Cryptography;
using AwsIotDevice.CustomAuth.Policies;
using AwsIotDevice.CustomAuth.Signing;
using AwsIotDevice.CustomAuth.Tokens;

namespace AwsIotDevice.CustomAuth.Authorizer;

/// <summary>
/// The project's reference custom authorizer. It allows a connection only when all of these hold, checked in this
/// order (cheapest rejection of forgeries first, as AWS itself checks signatures before calling the Lambda):
/// <list type="number">
/// <item>the event has a token and an MQTT client id;</item>
/// <item>the token's signature is valid: with public keys configured, the <c>x-amz-customauthorizer-signature</c>
/// in the MQTT username must verify under one of them (whatever <c>signatureVerified</c> says); without keys,
/// <c>signatureVerified</c> must be true;</item>
/// <item>the token is a well-formed v1 <see cref="AuthToken"/>, not expired at <c>now</c>;</item>
/// <item>the token's client id equals the connection's MQTT client id (ordinal).</item>
/// </list>
/// Allowed: <see cref="LeastPrivilegePolicy"/> for that client id, disconnectAfterInSeconds = the token's remaining
/// lifetime clamped to 300..86400 (AWS's minimum means a connection can outlive its token by up to 5 minutes),
/// refreshAfterInSeconds from the options. Denied: isAuthenticated false (AWS then closes the connection).
/// </summary>
public static class ReferenceAuthorizer
{
    /// <summary>Decides on <paramref name="authEvent"/> at time <paramref name="now"/>.</summary>
    public static AuthorizerDecision Authorize(AuthorizerEvent authEvent, ReferenceAuthorizerOptions options, DateTimeOffset now)
    {
        string? clientId = authEvent.MqttClientId;
        if (string.IsNullOrEmpty(clientId))
        {
            return Deny(null, "the event has no protocolData.mqtt.clientId, so the token cannot be bound to a client");
        }

        if (string.IsNullOrEmpty(authEvent.Token))
        {
            return Deny(clientId, "the event has no token");
        }

        string? signatureProblem = CheckSignature(authEvent, options.PublicKeys);
        if (signatureProblem is not null)
        {
            return Deny(clientId, signatureProblem);
        }

        if (!AuthToken.TryParse(authEvent.Token, out AuthToken? token, out string reason))
        {
            return Deny(clientId, reason);
        }

        if (token!.IsExpiredAt(now))
        {
            return Deny(clientId, $"token expired at {token.ExpiresAt:yyyy-MM-ddTHH:mm:ssZ}");
        }

        if (!string.Equals(token.ClientId, clientId, StringComparison.Ordinal))
        {
            return Deny(clientId, $"token was issued for client id {LogText.Quote(token.ClientId)} but the connection uses {LogText.Quote(clientId)}");
        }

        long remaining = token.ExpiresAtUnixSeconds - now.ToUnixTimeSeconds();
        var response = new AuthorizerResponse
        {
            IsAuthenticated = true,
            PrincipalId = PrincipalId.FromClientId(clientId),
            PolicyDocuments = [LeastPrivilegePolicy.Build(options.Scope, clientId)],
            DisconnectAfterInSeconds = (int)Math.Clamp(remaining, AuthorizerResponse.MinSeconds, AuthorizerResponse.MaxSeconds),
            RefreshAfterInSeconds = Math.Clamp(options.RefreshAfterInSeconds, AuthorizerResponse.MinSeconds, AuthorizerResponse.MaxSeconds),
        };
        return new AuthorizerDecision(response, $"allowed client {LogText.Quote(clientId)} until {token.ExpiresAt:yyyy-MM-ddTHH:mm:ssZ}");
    }

    private static string? CheckSignature(AuthorizerEvent authEvent, IReadOnlyList<RSA> keys)
    {
        if (keys.Count == 0)
        {
            return authEvent.SignatureVerified
                ? null
                : "signatureVerified is not true and no public key was configured to check the signature";
        }

        string? signature = UsernameQuery.Get(authEvent.MqttUsername, UsernameQuery.SignatureKey);
        if (string.IsNullOrEmpty(signature))
        {
            return $"protocolData.mqtt.username carries no {UsernameQuery.SignatureKey} parameter";
        }

        foreach (RSA key in keys)
        {
            if (TokenSignature.Verify(key, authEvent.Token!, signature))
            {
                return null;
            }
        }

        return $"token signature does not verify with the configured public key(s) ({keys.Count})";
    }

    private static AuthorizerDecision Deny(string? clientId, string reason)
    {
        var response = new AuthorizerResponse
        {
            IsAuthenticated = false,
            PrincipalId = clientId is null ? "unidentified" : PrincipalId.FromClientId(clientId),
        };
        return new AuthorizerDecision(response, "denied: " + reason);
    }
}
