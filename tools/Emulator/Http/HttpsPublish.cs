using System.Net.Security;
using System.Text;
using System.Text.Json;
using AwsIotDevice.CustomAuth.Authorizer;
using AwsIotDevice.Emulator.Auth;
using AwsIotDevice.Emulator.Broker;
using AwsIotDevice.Emulator.Logging;
using AwsIotDevice.Emulator.Policy;
using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.Emulator.Http;

/// <summary>
/// The HTTPS route (no ALPN or http/1.1 on the default endpoint): one HTTP/1.1 request per connection, either a
/// WebSocket upgrade (<c>GET /mqtt</c>: MQTT over WebSockets, see <see cref="WebSocketUpgrade"/>) or a publish.
/// <c>POST /topics/&lt;topic&gt;?qos=0|1[&amp;retain=true]</c> with custom-auth credentials in headers or query
/// parameters is authorized like AWS does (event protocols ["tls","http"]) and published to MQTT subscribers;
/// 200 on success, 401 when the authorizer refuses, 403 when the policy denies iot:Publish, 400/404/413 for bad
/// requests. An MQTT CONNECT arriving here is refused and closed, as on AWS.
/// </summary>
public sealed class HttpsPublish
{
    private const int MaxHeadBytes = 16 * 1024;
    private readonly BrokerState _broker;
    private readonly ConnectAuthenticator _authenticator;
    private readonly ILogSink _log;

    /// <summary>Creates the handler.</summary>
    public HttpsPublish(BrokerState broker, ConnectAuthenticator authenticator, ILogSink log)
    {
        _broker = broker;
        _authenticator = authenticator;
        _log = log;
    }

    /// <summary>Serves one request on <paramref name="ssl"/>; never throws for client input.</summary>
    public async Task ServeAsync(SslStream ssl, string connectionId, string sni, string alpn, string routeRule, string? routeHint, EndpointAuthSettings endpoint, CancellationToken stop)
    {
        var limits = _broker.Config.Limits;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(TimeSpan.FromSeconds(limits.ConnectTimeoutSeconds));
        void Refuse(string reason, string rule, string? hint, Dictionary<string, string>? details = null) => _log.Write(new LogEntry
        {
            Event = LogEvents.Refused, Reason = reason, ConnectionId = connectionId, Sni = sni, Alpn = alpn, Rule = rule, Hint = hint, Details = details,
        });

        byte[] buffer = new byte[MaxHeadBytes];
        int have = 0, headEnd = -1;
        try
        {
            while (headEnd < 0)
            {
                if (have == buffer.Length)
                {
                    await RespondAsync(ssl, 431, "Request header too large").ConfigureAwait(false);
                    Refuse(LogReasons.ClientError, $"HTTPS request head larger than {MaxHeadBytes} bytes", null);
                    return;
                }
                int n = await ssl.ReadAsync(buffer.AsMemory(have), timeout.Token).ConfigureAwait(false);
                if (n == 0) break;
                if (have == 0 && buffer[0] == 0x10)
                {
                    Refuse(LogReasons.ClientError, routeRule + "; the MQTT CONNECT that followed fails as on AWS: connection closed", routeHint);
                    return;
                }
                have += n;
                headEnd = buffer.AsSpan(0, have).IndexOf("\r\n\r\n"u8);
            }
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            Refuse(LogReasons.ClientError, routeRule + $"; no complete request within {limits.ConnectTimeoutSeconds} s: connection closed", routeHint);
            return;
        }
        if (headEnd < 0)
        {
            Refuse(LogReasons.ClientError, routeRule + "; the client closed the connection before a complete HTTP request", routeHint);
            return;
        }

        string[] lines = Encoding.Latin1.GetString(buffer, 0, headEnd).Split("\r\n");
        string[] requestLine = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in lines.Skip(1))
        {
            int colon = line.IndexOf(':');
            if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        if (requestLine.Length != 3 || !requestLine[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            await RespondAsync(ssl, 400, "Bad Request").ConfigureAwait(false);
            Refuse(LogReasons.ClientError, "malformed HTTP request line", "send an HTTP/1.1 request: POST /topics/<topic>?qos=1");
            return;
        }
        string target = requestLine[1];
        int qmark = target.IndexOf('?');
        string path = qmark < 0 ? target : target[..qmark];
        string queryString = qmark < 0 ? "" : target[qmark..];
        if (string.Equals(headers.GetValueOrDefault("Upgrade"), "websocket", StringComparison.OrdinalIgnoreCase))
        {
            var problem = WebSocketUpgrade.Check(requestLine[0], path, headers);
            if (problem is { } p)
            {
                await RespondAsync(ssl, p.Status, p.Problem).ConfigureAwait(false);
                Refuse(LogReasons.ClientError, p.Problem, "connect to wss://<endpoint>/mqtt with subprotocol 'mqtt'");
                return;
            }
            if (have > headEnd + 4)
            {
                Refuse(LogReasons.ClientError, "data sent before the WebSocket upgrade was answered", "wait for 101 Switching Protocols before sending frames");
                return;
            }
            var stream = await WebSocketUpgrade.AcceptAsync(ssl, headers, stop).ConfigureAwait(false);
            var session = new ClientConnection(_broker, _authenticator, _log, stream, sni, alpn, endpoint, connectionId, stop, (headers, queryString));
            await session.RunAsync().ConfigureAwait(false);
            return;
        }
        if (requestLine[0] != "POST" || !path.StartsWith("/topics/", StringComparison.Ordinal))
        {
            await RespondAsync(ssl, 404, "Not Found").ConfigureAwait(false);
            Refuse(LogReasons.ClientError, $"{routeRule}; HTTPS request '{requestLine[0]} {Safe(path)}' is not a publish", "publish with POST /topics/<topic>?qos=1, or connect with MQTT and ALPN 'mqtt'");
            return;
        }

        string topic = PercentDecoding.Decode(path["/topics/".Length..], plusIsSpace: false) ?? "";
        var details = new Dictionary<string, string> { ["protocol"] = "https", ["topic"] = topic };
        UsernameQuery.TryParse("?" + queryString.TrimStart('?'), false, false, out var query, out _);
        int qos = query.Get("qos") switch { null or "0" => 0, "1" => 1, _ => -1 };
        bool retain = string.Equals(query.Get("retain"), "true", StringComparison.OrdinalIgnoreCase);
        if (qos < 0)
        {
            await RespondAsync(ssl, 400, "qos must be 0 or 1").ConfigureAwait(false);
            Refuse(LogReasons.ClientError, "HTTPS publish with a qos other than 0 or 1", "use ?qos=0 or ?qos=1", details);
            return;
        }
        if (!int.TryParse(headers.GetValueOrDefault("Content-Length", "0"), out int length) || length < 0)
        {
            await RespondAsync(ssl, 400, "Content-Length required").ConfigureAwait(false);
            Refuse(LogReasons.ClientError, "HTTPS publish without a valid Content-Length", "send Content-Length (chunked bodies are not emulated)", details);
            return;
        }
        if (length > limits.MaxPayloadBytes)
        {
            await RespondAsync(ssl, 413, "Payload Too Large").ConfigureAwait(false);
            Refuse(LogReasons.ClientError, $"HTTPS publish payload is {length} bytes; AWS IoT allows at most {limits.MaxPayloadBytes}", "send smaller messages", details);
            return;
        }
        byte[] body = new byte[length];
        int already = Math.Min(have - (headEnd + 4), length);
        Array.Copy(buffer, headEnd + 4, body, 0, already);
        try
        {
            while (already < length)
            {
                int n = await ssl.ReadAsync(body.AsMemory(already), timeout.Token).ConfigureAwait(false);
                if (n == 0) break;
                already += n;
            }
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested) { }
        if (already < length)
        {
            Refuse(LogReasons.ClientError, $"HTTPS publish body ended after {already} of {length} bytes", null, details);
            return;
        }

        var outcome = await _authenticator.AuthenticateHttpAsync(new HttpAuthRequest
        {
            ServerName = sni,
            Headers = headers,
            QueryString = queryString,
            Endpoint = endpoint,
            ConnectionId = connectionId,
        }, stop).ConfigureAwait(false);
        if (outcome.AuthorizerName is not null) details["authorizer"] = outcome.AuthorizerName;
        details["authorizerInvoked"] = outcome.Invoked ? "true" : "false";
        if (outcome.TokenFingerprint is not null) details["token"] = outcome.TokenFingerprint;
        if (!outcome.Allowed)
        {
            await RespondAsync(ssl, 401, "Unauthorized").ConfigureAwait(false);
            Refuse(LogReasons.AuthorizationFailure, outcome.Rule, outcome.Hint, details);
            return;
        }
        string? topicProblem = AwsTopicRules.CheckTopicName(topic, limits);
        if (topicProblem is not null)
        {
            await RespondAsync(ssl, 400, "Bad Request").ConfigureAwait(false);
            Refuse(LogReasons.ClientError, "HTTPS publish " + topicProblem, "use a topic within AWS's limits", details);
            return;
        }
        var policy = new PolicyEvaluator(outcome.Policies, outcome.PrincipalId ?? "");
        var decision = policy.Evaluate("iot:Publish", _broker.Arns.Topic(topic));
        if (decision.Allowed && retain) decision = policy.Evaluate("iot:RetainPublish", _broker.Arns.Topic(topic));
        if (!decision.Allowed)
        {
            await RespondAsync(ssl, 403, "Forbidden").ConfigureAwait(false);
            Refuse(LogReasons.ForbiddenAccess, "unauthorized HTTPS publish: " + decision.Explanation, $"grant iot:Publish{(retain ? " and iot:RetainPublish" : "")} on {_broker.Arns.Topic(topic)}", details);
            return;
        }
        if (retain) _broker.Retain(topic, body, (MqttQos)qos);
        _broker.Route(topic, body, (MqttQos)qos);
        await RespondAsync(ssl, 200, "OK").ConfigureAwait(false);
        if (outcome.PrincipalId is not null) details["principalId"] = outcome.PrincipalId;
        _log.Write(new LogEntry
        {
            Event = LogEvents.HttpPublish, ConnectionId = connectionId, Sni = sni, Alpn = alpn,
            Rule = outcome.Rule + "; " + decision.Explanation, Details = details,
        });
    }

    private static async Task RespondAsync(SslStream ssl, int status, string message)
    {
        string reason = status switch { 200 => "OK", 400 => "Bad Request", 401 => "Unauthorized", 403 => "Forbidden", 404 => "Not Found", 405 => "Method Not Allowed", 413 => "Payload Too Large", 431 => "Request Header Fields Too Large", _ => "Error" };
        string body = JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = message, ["traceId"] = Guid.NewGuid().ToString() }, HttpJsonContext.Default.DictionaryStringString);
        string response = $"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";
        try
        {
            await ssl.WriteAsync(Encoding.UTF8.GetBytes(response)).ConfigureAwait(false);
            await ssl.FlushAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException) { }
    }

    private static string Safe(string s) => AwsIotDevice.CustomAuth.LogText.Quote(s, 128).Trim('\'');
}

/// <summary>Source-generated JSON metadata for HTTP response bodies.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class HttpJsonContext : System.Text.Json.Serialization.JsonSerializerContext
{
}
