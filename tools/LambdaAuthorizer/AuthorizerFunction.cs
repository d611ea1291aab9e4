using System.Diagnostics;
using System.Text;
using AwsIotDevice.CustomAuth;
using AwsIotDevice.CustomAuth.Authorizer;

namespace AwsIotDevice.LambdaAuthorizer;

/// <summary>
/// The Lambda handler: the event stream AWS IoT Core sends (MQTT, MQTT over WebSockets, HTTPS publish) in, the
/// authorizer response JSON out, one <see cref="DecisionLog"/> line per decision. It never throws: an event that is
/// oversized, not UTF-8, not JSON, or has a field of the wrong type is a denial with the reason logged (a Lambda
/// error would be a refusal too, but without saying why), and a bug is a denial logged at ERROR with the exception
/// type only (a message or stack trace could carry event text).
/// </summary>
public sealed class AuthorizerFunction
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
    private readonly ReferenceAuthorizerOptions _options;
    private readonly TimeProvider _clock;
    private readonly DecisionLog _log;

    /// <summary>Creates the handler.</summary>
    public AuthorizerFunction(ReferenceAuthorizerOptions options, TimeProvider clock, DecisionLog log)
    {
        _options = options;
        _clock = clock;
        _log = log;
    }

    /// <summary>Handles one invocation: reads <paramref name="input"/> (the event), returns the response JSON stream.</summary>
    public Stream Handle(Stream input, string? requestId = null) => new MemoryStream(HandleBytes(input, requestId), writable: false);

    /// <summary>As <see cref="Handle"/>, returning the response bytes.</summary>
    public byte[] HandleBytes(Stream input, string? requestId = null)
    {
        long started = Stopwatch.GetTimestamp();
        AuthorizerEvent? authEvent = null;
        AuthorizerDecision decision;
        bool bug = false;
        try
        {
            string? problem = ReadEvent(input, out string json);
            if (problem is null)
            {
                authEvent = AuthorizerEvent.Parse(json);
                decision = ReferenceAuthorizer.Authorize(authEvent, _options, _clock.GetUtcNow());
            }
            else
            {
                decision = Deny(problem);
            }
        }
        catch (CustomAuthException e)
        {
            decision = Deny(e.Message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            bug = true;
            decision = Deny($"internal error ({e.GetType().Name}); the request is refused");
        }

        byte[] response = Encoding.UTF8.GetBytes(decision.Response.ToJson());
        _log.Write(new DecisionLog.Entry
        {
            RequestId = requestId,
            ConnectionId = authEvent?.ConnectionId,
            Protocols = authEvent?.Protocols ?? [],
            ClientId = authEvent?.MqttClientId,
            Allowed = decision.Response.IsAuthenticated,
            Reason = decision.Reason,
            PrincipalId = decision.Response.PrincipalId,
            Token = authEvent?.Token,
            DurationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            IsError = bug,
        });
        return response;
    }

    // Bounded read: one byte more than allowed proves the event too large without reading all of it.
    private static string? ReadEvent(Stream input, out string json)
    {
        json = string.Empty;
        var buffer = new byte[AuthorizerEvent.MaxJsonBytes + 1];
        int total = 0;
        int read;
        while (total < buffer.Length && (read = input.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }

        if (total > AuthorizerEvent.MaxJsonBytes)
        {
            return $"the event is larger than {AuthorizerEvent.MaxJsonBytes} bytes, which no AWS IoT authorizer event is";
        }

        if (total == 0)
        {
            return "the event is empty";
        }

        try
        {
            json = StrictUtf8.GetString(buffer, 0, total);
            return null;
        }
        catch (DecoderFallbackException)
        {
            return "the event is not valid UTF-8";
        }
    }

    private static AuthorizerDecision Deny(string reason) =>
        new(new AuthorizerResponse { IsAuthenticated = false, PrincipalId = "unidentified" }, "denied: " + reason);
}
