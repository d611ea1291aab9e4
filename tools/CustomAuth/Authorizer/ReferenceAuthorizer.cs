using System.Security.Cryptography;
using AwsIotDevice.CustomAuth.Policies;
using AwsIotDevice.CustomAuth.Signing;
using AwsIotDevice.CustomAuth.Tokens;

namespace AwsIotDevice.CustomAuth.Authorizer;

/// <summary>
/// The project's reference custom authorizer, for every protocol AWS IoT Core sends custom-auth events for: MQTT
/// (<c>protocols</c> has <c>mqtt</c>; also MQTT over WebSockets, <c>["tls","http","mqtt"]</c>) and HTTPS publish
/// (<c>["tls","http"]</c>, no <c>protocolData.mqtt</c>). It allows a request only when all of these hold, checked in
/// this order (cheapest rejection of forgeries first, as AWS itself checks signatures before calling the Lambda):
/// <list type="number">
/// <item>the event has a token, and for MQTT an MQTT client id;</item>
/// <item>the token's signature is valid: <c>signatureVerified: true</c> (AWS checked it with the authorizer's keys)
/// is enough on its own; with public keys configured, a signature found in the event (<see cref="SignatureLocator"/>:
/// HTTP headers, HTTP query string or MQTT username) must also verify under one of them, and without
/// <c>signatureVerified</c> one must be found; without keys, <c>signatureVerified</c> must be true;</item>
/// <item>the token is a well-formed v1 <see cref="AuthToken"/>, not expired at <c>now</c>;</item>
/// <item>for MQTT, the token's client id equals the connection's MQTT client id (ordinal).</item>
/// </list>
/// Allowed MQTT: <see cref="LeastPrivilegePolicy.Build"/> for that client id. Allowed HTTPS publish:
/// <see cref="LeastPrivilegePolicy.BuildPublishOnly"/> for the token's client id (AWS sends no client id for HTTP). A client
/// id listed in <see cref="ReferenceAuthorizerOptions.BackendClientIds"/> is the renewal backend instead:
/// <see cref="LeastPrivilegePolicy.BuildBackend"/>.
/// disconnectAfterInSeconds = the token's remaining lifetime clamped to 300..86400 (AWS's minimum means a connection
/// can outlive its token by up to 5 minutes), refreshAfterInSeconds from the options. Denied: isAuthenticated false
/// (AWS then closes the connection or answers 401).
/// </summary>
public static class ReferenceAuthorizer
{
    private enum Route
    {
        Mqtt,
        HttpPublish,
        Unknown,
    }

    /// <summary>Decides on <paramref name="authEvent"/> at time <paramref name="now"/>.</summary>
    public static AuthorizerDecision Authorize(AuthorizerEvent authEvent, ReferenceAuthorizerOptions options, DateTimeOffset now)
    {
        string? clientId = authEvent.MqttClientId;
        Route route = RouteOf(authEvent);
        if (route != Route.HttpPublish && string.IsNullOrEmpty(clientId))
        {
            return Deny(null, route == Route.Mqtt
                ? "the event has no protocolData.mqtt.clientId, so the token cannot be bound to a client"
                : "the event has no protocolData.mqtt.clientId and its protocols are neither MQTT nor HTTPS publish ([\"tls\",\"http\"])");
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
            return Deny(clientId ?? token.ClientId, $"token expired at {token.ExpiresAt:yyyy-MM-ddTHH:mm:ssZ}");
        }

        if (route != Route.HttpPublish && !string.Equals(token.ClientId, clientId, StringComparison.Ordinal))
        {
            return Deny(clientId, $"token was issued for client id {LogText.Quote(token.ClientId)} but the connection uses {LogText.Quote(clientId)}");
        }

        string subject = route == Route.HttpPublish ? token.ClientId : clientId!;
        bool backend = options.BackendClientIds.Contains(subject, StringComparer.Ordinal);
        string policy = backend
            ? LeastPrivilegePolicy.BuildBackend(options.Scope, subject, httpsPublish: route == Route.HttpPublish)
            : route == Route.HttpPublish ? LeastPrivilegePolicy.BuildPublishOnly(options.Scope, subject) : LeastPrivilegePolicy.Build(options.Scope, subject);
        long remaining = token.ExpiresAtUnixSeconds - now.ToUnixTimeSeconds();
        var response = new AuthorizerResponse
        {
            IsAuthenticated = true,
            PrincipalId = PrincipalId.FromClientId(subject),
            PolicyDocuments = [policy],
            DisconnectAfterInSeconds = (int)Math.Clamp(remaining, AuthorizerResponse.MinSeconds, AuthorizerResponse.MaxSeconds),
            RefreshAfterInSeconds = Math.Clamp(options.RefreshAfterInSeconds, AuthorizerResponse.MinSeconds, AuthorizerResponse.MaxSeconds),
        };
        string what = route == Route.HttpPublish ? $"HTTPS publish for client {LogText.Quote(subject)} (iot:Publish on its topics only)" : $"client {LogText.Quote(subject)}";
        if (backend)
        {
            what = $"backend {LogText.Quote(subject)} (publishes credential renewals on {options.Scope.TopicPrefix}/*/{LeastPrivilegePolicy.CredentialsLevel} only)";
        }

        return new AuthorizerDecision(response, $"allowed {what} until {token.ExpiresAt:yyyy-MM-ddTHH:mm:ssZ}");
    }

    // MQTT over WebSockets carries both http and mqtt; an event from an older caller may omit protocols but has a
    // client id, which only MQTT has.
    private static Route RouteOf(AuthorizerEvent authEvent)
    {
        bool mqtt = authEvent.Protocols.Contains("mqtt");
        bool http = authEvent.Protocols.Contains("http");
        if (mqtt || (!http && !string.IsNullOrEmpty(authEvent.MqttClientId)))
        {
            return Route.Mqtt;
        }

        return http && authEvent.MqttClientId is null ? Route.HttpPublish : Route.Unknown;
    }

    private static string? CheckSignature(AuthorizerEvent authEvent, IReadOnlyList<RSA> keys)
    {
        if (keys.Count == 0)
        {
            return authEvent.SignatureVerified
                ? null
                : "signatureVerified is not true and no public key was configured to check the signature";
        }

        string? signature = SignatureLocator.Find(authEvent, out string where);
        if (signature is null)
        {
            return authEvent.SignatureVerified
                ? null
                : $"signatureVerified is not true and the event carries no {UsernameQuery.SignatureKey} (protocolData.http.headers, protocolData.http.queryString or protocolData.mqtt.username)";
        }

        foreach (RSA key in keys)
        {
            if (TokenSignature.Verify(key, authEvent.Token!, signature))
            {
                return null;
            }
        }

        return $"token signature from {where} does not verify with the configured public key(s) ({keys.Count})";
    }

    private static AuthorizerDecision Deny(string? clientId, string reason)
    {
        var response = new AuthorizerResponse
        {
            IsAuthenticated = false,
            PrincipalId = string.IsNullOrEmpty(clientId) ? "unidentified" : PrincipalId.FromClientId(clientId),
        };
        return new AuthorizerDecision(response, "denied: " + reason);
    }
}
