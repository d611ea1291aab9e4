using System.Text.Json;
using AwsIotDevice.CustomAuth.Authorizer;
using AwsIotDevice.CustomAuth.Signing;
using AwsIotDevice.Emulator.Config;
using AwsIotDevice.Emulator.Policy;

namespace AwsIotDevice.Emulator.Auth;

/// <summary>Which authorizer an endpoint uses by default and whether a username may name another.</summary>
public sealed record EndpointAuthSettings(string EndpointName, string? DefaultAuthorizerName, bool AllowAuthorizerOverride);

/// <summary>What the CONNECT carried, plus the TLS facts, for one authentication.</summary>
public sealed class AuthRequest
{
    /// <summary>TLS SNI.</summary>
    public required string ServerName { get; init; }
    /// <summary>CONNECT username (null when absent). Secret-bearing: never log it.</summary>
    public string? Username { get; init; }
    /// <summary>CONNECT password bytes (null when absent). Secret.</summary>
    public byte[]? Password { get; init; }
    /// <summary>CONNECT client id.</summary>
    public required string ClientId { get; init; }
    /// <summary>The endpoint's authorizer settings.</summary>
    public required EndpointAuthSettings Endpoint { get; init; }
    /// <summary>The connection id put in connectionMetadata.id (a UUID).</summary>
    public required string ConnectionId { get; init; }
}

/// <summary>What an HTTPS request carried, for one authentication. Headers may hold secrets: never log them.</summary>
public sealed class HttpAuthRequest
{
    /// <summary>TLS SNI.</summary>
    public required string ServerName { get; init; }
    /// <summary>Request headers (case-insensitive names).</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }
    /// <summary>The raw query string, without or with its leading '?' ("" when none).</summary>
    public required string QueryString { get; init; }
    /// <summary>The endpoint's authorizer settings.</summary>
    public required EndpointAuthSettings Endpoint { get; init; }
    /// <summary>The connection id put in connectionMetadata.id.</summary>
    public required string ConnectionId { get; init; }
}

/// <summary>The outcome of <see cref="ConnectAuthenticator.AuthenticateAsync"/>.</summary>
public sealed class AuthOutcome
{
    /// <summary>True when the authorizer allowed the connection with a valid response.</summary>
    public bool Allowed { get; init; }
    /// <summary>The rule that failed, or the decision (one line, secret-free).</summary>
    public required string Rule { get; init; }
    /// <summary>What to change (null when allowed).</summary>
    public string? Hint { get; init; }
    /// <summary>The authorizer selected, if any.</summary>
    public string? AuthorizerName { get; init; }
    /// <summary>Whether the authorizer was invoked.</summary>
    public bool Invoked { get; init; }
    /// <summary>Principal id from the response.</summary>
    public string? PrincipalId { get; init; }
    /// <summary>Parsed policy documents (allowed only).</summary>
    public IReadOnlyList<PolicyDocument> Policies { get; init; } = [];
    /// <summary>disconnectAfterInSeconds (default 86400).</summary>
    public int DisconnectAfterSeconds { get; init; } = AuthorizerResponse.MaxSeconds;
    /// <summary>refreshAfterInSeconds (default 300).</summary>
    public int RefreshAfterSeconds { get; init; } = AuthorizerResponse.DefaultRefreshSeconds;
    /// <summary>The authorizer's own explanation, if any (secret-free).</summary>
    public string? AuthorizerNote { get; init; }

    /// <summary>"len=N sha256=xxxxxxxx" of the token, to tell tokens apart in logs without showing them; null when none was sent.</summary>
    public string? TokenFingerprint { get; init; }
}

/// <summary>
/// AWS's custom-auth decision for one MQTT CONNECT, in AWS's order: parse the username query; select the
/// authorizer (named in the query, else the endpoint default; override rules; INACTIVE never invoked); check the
/// token signature against the authorizer's public keys BEFORE any invocation; build the AWS event; invoke;
/// validate the response with AWS's wording; parse the policies.
/// </summary>
public sealed class ConnectAuthenticator
{
    private readonly LoadedConfig _config;
    private readonly IAuthorizerInvoker _invoker;

    /// <summary>Creates the authenticator.</summary>
    public ConnectAuthenticator(LoadedConfig config, IAuthorizerInvoker invoker)
    {
        _config = config;
        _invoker = invoker;
    }

    /// <summary>Authenticates one CONNECT. Never throws for client input; honours cancellation.</summary>
    public async Task<AuthOutcome> AuthenticateAsync(AuthRequest request, CancellationToken cancellationToken)
    {
        var cfg = _config.Config;
        if (!UsernameQuery.TryParse(request.Username, cfg.Strictness.PlusIsSpace, cfg.Observed.SecondQuestionMarkBreaksInvocation, out var query, out var parseError))
            return Refuse(parseError!, "fix the username: <user>?x-amz-customauthorizer-name=<name>&x-amz-customauthorizer-signature=<sig>&<tokenKeyName>=<token>, every value percent-encoded");
        var credentials = new Credentials("username query", query.HasQuery, query.AuthorizerName, query.Get, query.Signature, query.SignatureHasRawPlus);
        return await AuthenticateCoreAsync(credentials, request.Endpoint, (token, verified) => new AuthorizerEvent
        {
            Token = token,
            SignatureVerified = verified,
            Protocols = ["tls", "mqtt"],
            ServerName = request.ServerName,
            MqttUsername = request.Username,
            MqttPassword = request.Password is null ? null : Convert.ToBase64String(request.Password),
            MqttClientId = request.ClientId.Length == 0 ? null : request.ClientId,
            ConnectionId = request.ConnectionId,
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Authenticates an HTTPS request (publish): the authorizer name, signature and token come from request headers
    /// (<c>x-amz-customauthorizer-name</c>, <c>x-amz-customauthorizer-signature</c>, the token key name) or, failing
    /// that, from query parameters of the same names; the event has protocols ["tls","http"] and protocolData.http.
    /// </summary>
    public async Task<AuthOutcome> AuthenticateHttpAsync(HttpAuthRequest request, CancellationToken cancellationToken)
    {
        var cfg = _config.Config;
        string query = request.QueryString.StartsWith('?') ? request.QueryString : "?" + request.QueryString;
        if (!UsernameQuery.TryParse(query, cfg.Strictness.PlusIsSpace, cfg.Observed.SecondQuestionMarkBreaksInvocation, out var q, out var parseError))
            return Refuse(parseError!.Replace("username", "request", StringComparison.Ordinal), "fix the request's query string; percent-encode every value");
        string? Header(string key) => request.Headers.TryGetValue(key, out var v) ? v : null;
        string? Lookup(string key) => Header(key) ?? q.Get(key);
        string? signature = Header(UsernameQuery.SignatureKey) ?? q.Signature;
        bool rawPlus = Header(UsernameQuery.SignatureKey) is null && q.SignatureHasRawPlus;
        var credentials = new Credentials("request headers and query", true, Lookup(UsernameQuery.AuthorizerNameKey), Lookup, signature, rawPlus);
        return await AuthenticateCoreAsync(credentials, request.Endpoint, (token, verified) => new AuthorizerEvent
        {
            Token = token,
            SignatureVerified = verified,
            Protocols = ["tls", "http"],
            ServerName = request.ServerName,
            HttpHeaders = request.Headers,
            HttpQueryString = request.QueryString.Length == 0 ? null : query,
            ConnectionId = request.ConnectionId,
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Authenticates an MQTT CONNECT that arrived over WebSockets: each credential (authorizer name, signature, token)
    /// is taken from the upgrade request's headers, else its query string, else the CONNECT username's query; the
    /// event carries protocols ["tls","http","mqtt"] with both protocolData.http and protocolData.mqtt.
    /// </summary>
    public async Task<AuthOutcome> AuthenticateWebSocketAsync(AuthRequest request, IReadOnlyDictionary<string, string> headers, string queryString, CancellationToken cancellationToken)
    {
        var cfg = _config.Config;
        string httpQuery = queryString.Length == 0 || queryString.StartsWith('?') ? queryString : "?" + queryString;
        if (!UsernameQuery.TryParse(httpQuery.Length == 0 ? null : httpQuery, cfg.Strictness.PlusIsSpace, cfg.Observed.SecondQuestionMarkBreaksInvocation, out var hq, out var hError))
            return Refuse(hError!.Replace("username", "upgrade request", StringComparison.Ordinal), "fix the WebSocket URL's query string; percent-encode every value");
        if (!UsernameQuery.TryParse(request.Username, cfg.Strictness.PlusIsSpace, cfg.Observed.SecondQuestionMarkBreaksInvocation, out var uq, out var uError))
            return Refuse(uError!, "fix the username: <user>?x-amz-customauthorizer-name=<name>&x-amz-customauthorizer-signature=<sig>&<tokenKeyName>=<token>, every value percent-encoded");
        string? Header(string key) => headers.TryGetValue(key, out var v) ? v : null;
        string? Lookup(string key) => Header(key) ?? hq.Get(key) ?? uq.Get(key);
        string? headerSig = Header(UsernameQuery.SignatureKey);
        bool rawPlus = headerSig is null && (hq.Signature is not null ? hq.SignatureHasRawPlus : uq.SignatureHasRawPlus);
        var credentials = new Credentials("upgrade request headers/query and username query", true, Lookup(UsernameQuery.AuthorizerNameKey), Lookup,
            headerSig ?? hq.Signature ?? uq.Signature, rawPlus);
        return await AuthenticateCoreAsync(credentials, request.Endpoint, (token, verified) => new AuthorizerEvent
        {
            Token = token,
            SignatureVerified = verified,
            Protocols = ["tls", "http", "mqtt"],
            ServerName = request.ServerName,
            HttpHeaders = headers,
            HttpQueryString = httpQuery.Length == 0 ? null : httpQuery,
            MqttUsername = request.Username,
            MqttPassword = request.Password is null ? null : Convert.ToBase64String(request.Password),
            MqttClientId = request.ClientId.Length == 0 ? null : request.ClientId,
            ConnectionId = request.ConnectionId,
        }, cancellationToken).ConfigureAwait(false);
    }

    private sealed record Credentials(string Where, bool HasAny, string? AuthorizerName, Func<string, string?> Lookup, string? Signature, bool SignatureHasRawPlus);

    private async Task<AuthOutcome> AuthenticateCoreAsync(Credentials credentials, EndpointAuthSettings ep, Func<string?, bool, AuthorizerEvent> buildEvent, CancellationToken cancellationToken)
    {
        var outcome = await DecideAsync(credentials, ep, buildEvent, cancellationToken).ConfigureAwait(false);
        string? token = outcome.AuthorizerName is { } n && _config.Authorizers.TryGetValue(n, out var a) && a.Config.TokenKeyName is { } key
            ? credentials.Lookup(key)
            : null;
        return token is null ? outcome : With(outcome, Logging.LogEntry.Redact(token));
    }

    private static AuthOutcome With(AuthOutcome o, string fingerprint) => new()
    {
        Allowed = o.Allowed, Rule = o.Rule, Hint = o.Hint, AuthorizerName = o.AuthorizerName, Invoked = o.Invoked, PrincipalId = o.PrincipalId,
        Policies = o.Policies, DisconnectAfterSeconds = o.DisconnectAfterSeconds, RefreshAfterSeconds = o.RefreshAfterSeconds,
        AuthorizerNote = o.AuthorizerNote, TokenFingerprint = fingerprint,
    };

    private async Task<AuthOutcome> DecideAsync(Credentials credentials, EndpointAuthSettings ep, Func<string?, bool, AuthorizerEvent> buildEvent, CancellationToken cancellationToken)
    {
        var cfg = _config.Config;
        // Selection.
        string? named = credentials.AuthorizerName;
        string? name;
        if (named is not null)
        {
            if (ep.DefaultAuthorizerName is not null && named != ep.DefaultAuthorizerName && !ep.AllowAuthorizerOverride)
                return Refuse($"{credentials.Where} names authorizer '{Q(named)}' but endpoint {ep.EndpointName} only allows its default '{ep.DefaultAuthorizerName}' (allowAuthorizerOverride is false)",
                    $"drop x-amz-customauthorizer-name or set allowAuthorizerOverride: true for {ep.EndpointName}", named);
            name = named;
        }
        else
        {
            name = ep.DefaultAuthorizerName;
            if (name is null)
                return Refuse($"no authorizer: the {credentials.Where} names none (no x-amz-customauthorizer-name) and endpoint {ep.EndpointName} has no default authorizer",
                    "add ?x-amz-customauthorizer-name=<name>&... to the username, or set a defaultAuthorizerName for the endpoint");
        }

        if (!_config.Authorizers.TryGetValue(name, out var authorizer))
            return Refuse($"authorizer '{Q(name)}' does not exist", $"use one of: {string.Join(", ", _config.Authorizers.Keys)}", name);
        if (!authorizer.IsActive)
            return Refuse($"authorizer '{name}' is INACTIVE, so it is never invoked", $"set status ACTIVE for authorizer '{name}' (aws iot update-authorizer --status ACTIVE)", name);

        // Token and signature, before any invocation.
        var ac = authorizer.Config;
        string? token = ac.TokenKeyName is null ? null : credentials.Lookup(ac.TokenKeyName);
        bool signatureVerified = false;
        if (!ac.SigningDisabled)
        {
            if (string.IsNullOrEmpty(token))
                return Refuse(credentials.HasAny
                        ? $"token missing: the {credentials.Where} has no '{ac.TokenKeyName}' (the authorizer's tokenKeyName) and signing is enabled, so the authorizer is not invoked"
                        : $"token missing: the username has no '?' query at all (plain username) and authorizer '{name}' requires a signed token, so it is not invoked",
                    $"add &{ac.TokenKeyName}=<token> to the username query", name);
            if (token.Length > TokenSignature.MaxTokenLength)
                return Refuse($"token is {token.Length} characters; AWS allows 1..{TokenSignature.MaxTokenLength}", "shorten the token", name);
            string? signature = credentials.Signature;
            if (string.IsNullOrEmpty(signature))
                return Refuse($"signature missing: the {credentials.Where} has no {UsernameQuery.SignatureKey} and signing is enabled, so the authorizer is not invoked",
                    $"add &{UsernameQuery.SignatureKey}=<percent-encoded base64 signature of the token>", name);
            if (!authorizer.PublicKeys.Any(k => TokenSignature.Verify(k, token, signature)))
            {
                bool plus = credentials.SignatureHasRawPlus && cfg.Strictness.PlusIsSpace;
                return Refuse(
                    plus
                        ? $"unencoded '+' in signature: it was read as a space, so the token signature does not verify with authorizer '{name}''s {authorizer.PublicKeys.Count} public key(s); the authorizer is not invoked"
                        : $"token signature does not verify with authorizer '{name}''s {authorizer.PublicKeys.Count} public key(s); the authorizer is not invoked",
                    plus
                        ? "unencoded '+' in signature: percent-encode it as %2B (and '/' as %2F, '=' as %3D)"
                        : "sign exactly the token bytes with the private key matching the authorizer's public key: printf %s TOKEN | openssl dgst -sha256 -sign private.pem | openssl base64 -A, then percent-encode",
                    name);
            }
            signatureVerified = true;
        }

        // The AWS event.
        var authEvent = buildEvent(token, signatureVerified);

        AuthorizerInvocation invocation;
        try
        {
            invocation = await _invoker.InvokeAsync(authorizer, authEvent.ToJson(), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { throw; }
        catch (Exception e)
        {
            invocation = AuthorizerInvocation.Failed($"authorizer invocation threw {e.GetType().Name}");
        }
        if (invocation.ResponseJson is null)
            return Refuse($"authorizer '{name}' failed: {invocation.Failure}", "make the authorizer return a response JSON within 5 s", name, invoked: true);

        var validation = AuthorizerResponseValidator.Validate(invocation.ResponseJson);
        if (!validation.IsValid)
            return Refuse($"authorizer '{name}' response rejected: {validation.Error} ({validation.Detail})",
                "return {isAuthenticated, principalId [a-zA-Z0-9]{1,128}, policyDocuments (<=10 strings of <=2048 chars), disconnectAfterInSeconds/refreshAfterInSeconds 300..86400}",
                name, invoked: true, note: invocation.Note);
        if (!validation.IsAuthenticated)
            return Refuse($"authorizer '{name}' returned isAuthenticated: false" + (invocation.Note is null ? "" : $" ({invocation.Note})"),
                "check the token content (client id, expiry) against what the authorizer expects", name, invoked: true, note: invocation.Note);

        return ParseAllowed(invocation.ResponseJson, name, invocation.Note);
    }

    private static AuthOutcome ParseAllowed(string json, string name, string? note)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var policies = new List<PolicyDocument>();
        int i = 0;
        foreach (var p in root.GetProperty("policyDocuments").EnumerateArray())
        {
            try
            {
                policies.Add(p.ValueKind == JsonValueKind.String ? PolicyDocument.Parse(p.GetString()!) : PolicyDocument.Parse(p));
            }
            catch (FormatException e)
            {
                return Refuse($"authorizer '{name}' response rejected: {AwsAuthorizerErrors.PolicyMalformed} (policyDocuments[{i}]: {e.Message})", "fix the policy document", name, invoked: true, note: note);
            }
            i++;
        }
        int disconnect = root.TryGetProperty("disconnectAfterInSeconds", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetInt32() : AuthorizerResponse.MaxSeconds;
        int refresh = root.TryGetProperty("refreshAfterInSeconds", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetInt32() : AuthorizerResponse.DefaultRefreshSeconds;
        string principal = root.GetProperty("principalId").GetString()!;
        return new AuthOutcome
        {
            Allowed = true,
            Rule = $"authorizer '{name}' allowed principal {principal} with {policies.Count} policy document(s)",
            AuthorizerName = name,
            Invoked = true,
            PrincipalId = principal,
            Policies = policies,
            DisconnectAfterSeconds = disconnect,
            RefreshAfterSeconds = refresh,
            AuthorizerNote = note,
        };
    }

    private static AuthOutcome Refuse(string rule, string hint, string? authorizer = null, bool invoked = false, string? note = null) =>
        new() { Allowed = false, Rule = rule, Hint = hint, AuthorizerName = authorizer, Invoked = invoked, AuthorizerNote = note };

    private static string Q(string s) => AwsIotDevice.CustomAuth.LogText.Quote(s, 128).Trim('\'');
}
