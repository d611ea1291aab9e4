using AwsIotDevice.CustomAuth.Authorizer;
using AwsIotDevice.CustomAuth.Policies;
using AwsIotDevice.CustomAuth.Tokens;

namespace AwsIotDevice.Demo.Tests;

/// <summary>The old-token probe of the demo's renewal, without sockets.</summary>
public sealed class DemoRenewalProbeTests
{
    private const string Device = "demo-device";

    [Fact]
    public async Task The_probe_uses_its_own_client_id_so_the_demo_refusal_window_cannot_answer_it()
    {
        string probe = DemoRenewal.ProbeClientId(Device);
        Assert.NotEqual(Device, probe);

        // While the demo refuses the device, a probe must still reach the real authorizer (which alone can say "expired").
        var authorizer = new DemoAuthorizer(new ReferenceLike(), new Emulator.Config.AwsAccountConfig(), Device, "viewer", "devices/*/telemetry") { RefuseDevice = true };
        var loaded = new Emulator.Config.LoadedAuthorizer(new Emulator.Config.AuthorizerConfig { Name = "A" }, []);
        string eventJson = ExpiredDeviceTokenEvent(probe).ToJson();
        Emulator.Auth.AuthorizerInvocation result = await authorizer.InvokeAsync(loaded, eventJson, CancellationToken.None);

        Assert.Equal(0, authorizer.Refusals);
        Assert.Contains("expired", result.Note, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_reference_authorizer_refuses_the_expired_device_token_under_the_probe_id_as_expired()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        AuthorizerDecision d = ReferenceAuthorizer.Authorize(ExpiredDeviceTokenEvent(DemoRenewal.ProbeClientId(Device)), Options, now);

        Assert.False(d.Response.IsAuthenticated);
        Assert.Contains("expired", d.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("issued for", d.Reason, StringComparison.Ordinal);
    }

    private static ReferenceAuthorizerOptions Options => new() { Scope = new PolicyScope("eu-west-1", "123456789012", "devices") };

    // The token is the device's (its client id bound in), as the demo's old token is; it expired a minute ago.
    private static AuthorizerEvent ExpiredDeviceTokenEvent(string connectionClientId) => new()
    {
        Token = AuthToken.Create(Device, DateTimeOffset.UtcNow.AddMinutes(-1)).Encode(),
        SignatureVerified = true,
        Protocols = ["tls", "mqtt"],
        MqttUsername = "u",
        MqttClientId = connectionClientId,
        ConnectionId = "c",
    };

    private sealed class ReferenceLike : Emulator.Auth.IAuthorizerInvoker
    {
        public Task<Emulator.Auth.AuthorizerInvocation> InvokeAsync(Emulator.Config.LoadedAuthorizer authorizer, string eventJson, CancellationToken cancellationToken)
        {
            AuthorizerDecision d = ReferenceAuthorizer.Authorize(AuthorizerEvent.Parse(eventJson), Options, DateTimeOffset.UtcNow);
            return Task.FromResult(Emulator.Auth.AuthorizerInvocation.Returned(d.Response.ToJson(), d.Reason));
        }
    }
}
