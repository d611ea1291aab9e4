using System.Text.Json;
using AwsIotDevice.CustomAuth.Authorizer;
using AwsIotDevice.Emulator.Auth;
using AwsIotDevice.Emulator.Config;

namespace AwsIotDevice.Demo;

/// <summary>
/// The emulator's authorizer for the demo: the real one (reference or command, chosen as the emulator would) for
/// every connection, with two demo twists that stay inside what a real Lambda may answer:
/// <list type="bullet">
/// <item>while <see cref="RefuseDevice"/> is set, the device's client id gets <c>isAuthenticated: false</c> (as a
/// revoked or broken authorizer would answer), so its CONNECT is refused and it must back off;</item>
/// <item>a viewer (its client id is the viewer id, or starts with it and a dash, e.g. for mosquitto_sub), once the
/// real authorizer allowed it, gets a read-only policy on the watched topic pattern (the reference authorizer only
/// grants a client its own topics).</item>
/// </list>
/// Thread-safe.
/// </summary>
internal sealed class DemoAuthorizer : IAuthorizerInvoker
{
    private readonly IAuthorizerInvoker _inner;
    private readonly string _deviceClientId;
    private readonly string _viewerClientId;
    private readonly string _watched;
    private readonly string _arnPrefix;
    private volatile bool _refuseDevice;
    private int _refusals;

    /// <param name="inner">The authorizer the emulator would run.</param>
    /// <param name="account">Region and account for the policy's ARNs.</param>
    /// <param name="deviceClientId">The client id <see cref="RefuseDevice"/> refuses.</param>
    /// <param name="viewerClientId">The viewers' client id (or prefix before a dash).</param>
    /// <param name="watched">The topic viewers may subscribe to and receive, in policy syntax (<c>*</c> matches any
    /// characters, so <c>devices/*/telemetry</c> also covers the filter <c>devices/+/telemetry</c>).</param>
    public DemoAuthorizer(IAuthorizerInvoker inner, AwsAccountConfig account, string deviceClientId, string viewerClientId, string watched)
    {
        _inner = inner;
        _deviceClientId = deviceClientId;
        _viewerClientId = viewerClientId;
        _watched = watched;
        _arnPrefix = $"arn:aws:iot:{account.Region}:{account.Account}:";
    }

    /// <summary>While true, every CONNECT of the device is refused by the authorizer.</summary>
    public bool RefuseDevice
    {
        get => _refuseDevice;
        set => _refuseDevice = value;
    }

    /// <summary>How many device CONNECTs were refused because of <see cref="RefuseDevice"/>.</summary>
    public int Refusals => Volatile.Read(ref _refusals);

    public async Task<AuthorizerInvocation> InvokeAsync(LoadedAuthorizer authorizer, string eventJson, CancellationToken cancellationToken)
    {
        string? clientId = ClientIdOf(eventJson);
        if (_refuseDevice && clientId == _deviceClientId)
        {
            Interlocked.Increment(ref _refusals);
            var deny = new AuthorizerResponse { IsAuthenticated = false, PrincipalId = PrincipalId.FromClientId(clientId) };
            return AuthorizerInvocation.Returned(deny.ToJson(), "demo: authorizer is refusing the device for a while (injected fault)");
        }

        AuthorizerInvocation real = await _inner.InvokeAsync(authorizer, eventJson, cancellationToken).ConfigureAwait(false);
        if (!IsViewer(clientId) || real.ResponseJson is null || !IsAuthenticated(real.ResponseJson))
        {
            return real;
        }

        var viewer = new AuthorizerResponse
        {
            IsAuthenticated = true,
            PrincipalId = PrincipalId.FromClientId(clientId!),
            PolicyDocuments = [ViewerPolicy(clientId!)],
        };
        return AuthorizerInvocation.Returned(viewer.ToJson(), (real.Note ?? "allowed") + "; demo: read-only access to " + _watched);
    }

    private bool IsViewer(string? clientId) =>
        clientId is not null && (clientId == _viewerClientId || clientId.StartsWith(_viewerClientId + "-", StringComparison.Ordinal));

    private string ViewerPolicy(string clientId)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("Version", "2012-10-17");
            w.WriteStartArray("Statement");
            Statement(w, "iot:Connect", _arnPrefix + "client/" + clientId);
            Statement(w, "iot:Subscribe", _arnPrefix + "topicfilter/" + _watched);
            Statement(w, "iot:Receive", _arnPrefix + "topic/" + _watched);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Statement(Utf8JsonWriter w, string action, string resource)
    {
        w.WriteStartObject();
        w.WriteString("Effect", "Allow");
        w.WriteString("Action", action);
        w.WriteString("Resource", resource);
        w.WriteEndObject();
    }

    private static string? ClientIdOf(string eventJson)
    {
        try
        {
            return AuthorizerEvent.Parse(eventJson).MqttClientId;
        }
        catch (Exception e) when (e is AwsIotDevice.CustomAuth.CustomAuthException or JsonException)
        {
            return null;
        }
    }

    private static bool IsAuthenticated(string responseJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(responseJson);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("isAuthenticated", out var value)
                && value.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
