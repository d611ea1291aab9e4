using System.Text.Json;
using AwsIotDevice.CustomAuth.Authorizer;
using AwsIotDevice.Emulator.Auth;
using AwsIotDevice.Emulator.Config;

namespace AwsIotDevice.Demo.Tests;

public sealed class DemoAuthorizerTests
{
    private const string Device = "dev-1";
    private const string Viewer = "viewer-1";
    private const string Topic = "devices/dev-1/telemetry";

    [Fact]
    public async Task Refusing_denies_only_the_device_without_asking_the_real_authorizer()
    {
        var inner = new AllowAll();
        var authorizer = new DemoAuthorizer(inner, new AwsAccountConfig(), Device, Viewer, Topic) { RefuseDevice = true };

        JsonElement device = await Decide(authorizer, Device);
        JsonElement other = await Decide(authorizer, "someone-else");

        Assert.False(device.GetProperty("isAuthenticated").GetBoolean());
        Assert.True(other.GetProperty("isAuthenticated").GetBoolean());
        Assert.Equal(1, authorizer.Refusals);
        Assert.Equal(["someone-else"], inner.Asked);

        authorizer.RefuseDevice = false;
        Assert.True((await Decide(authorizer, Device)).GetProperty("isAuthenticated").GetBoolean());
        Assert.Equal(1, authorizer.Refusals);
    }

    [Fact]
    public async Task Viewer_gets_read_only_access_to_the_device_topic_once_the_real_authorizer_allowed_it()
    {
        var authorizer = new DemoAuthorizer(new AllowAll(), new AwsAccountConfig { Region = "eu-west-1", Account = "111122223333" }, Device, Viewer, Topic);

        JsonElement viewer = await Decide(authorizer, Viewer);

        string policy = viewer.GetProperty("policyDocuments")[0].GetString()!;
        Assert.Contains("\"iot:Subscribe\",\"Resource\":\"arn:aws:iot:eu-west-1:111122223333:topicfilter/devices/dev-1/telemetry\"", policy);
        Assert.Contains("\"iot:Receive\",\"Resource\":\"arn:aws:iot:eu-west-1:111122223333:topic/devices/dev-1/telemetry\"", policy);
        Assert.Contains("\"iot:Connect\",\"Resource\":\"arn:aws:iot:eu-west-1:111122223333:client/viewer-1\"", policy);
        Assert.DoesNotContain("iot:Publish", policy);

        // mosquitto_sub in --keep mode uses "<viewer>-cli"; an unrelated client id keeps the real policy.
        Assert.Contains("topicfilter/devices/dev-1/telemetry", (await Decide(authorizer, Viewer + "-cli")).GetProperty("policyDocuments")[0].GetString());
        Assert.Equal("{}", (await Decide(authorizer, Viewer + "x")).GetProperty("policyDocuments")[0].GetString());
    }

    [Fact]
    public async Task A_viewer_the_real_authorizer_denied_stays_denied()
    {
        var authorizer = new DemoAuthorizer(new DenyAll(), new AwsAccountConfig(), Device, Viewer, Topic);
        Assert.False((await Decide(authorizer, Viewer)).GetProperty("isAuthenticated").GetBoolean());
    }

    private static async Task<JsonElement> Decide(DemoAuthorizer authorizer, string clientId)
    {
        var loaded = new LoadedAuthorizer(new AuthorizerConfig { Name = "A" }, []);
        var authEvent = new AuthorizerEvent { Token = "t", MqttClientId = clientId, MqttUsername = "u", Protocols = ["mqtt"] };
        AuthorizerInvocation result = await authorizer.InvokeAsync(loaded, authEvent.ToJson(), CancellationToken.None);
        Assert.NotNull(result.ResponseJson);
        return JsonDocument.Parse(result.ResponseJson).RootElement.Clone();
    }

    private sealed class AllowAll : IAuthorizerInvoker
    {
        public List<string> Asked { get; } = [];

        public Task<AuthorizerInvocation> InvokeAsync(LoadedAuthorizer authorizer, string eventJson, CancellationToken cancellationToken)
        {
            string clientId = AuthorizerEvent.Parse(eventJson).MqttClientId!;
            Asked.Add(clientId);
            var response = new AuthorizerResponse { IsAuthenticated = true, PrincipalId = PrincipalId.FromClientId(clientId), PolicyDocuments = ["{}"] };
            return Task.FromResult(AuthorizerInvocation.Returned(response.ToJson()));
        }
    }

    private sealed class DenyAll : IAuthorizerInvoker
    {
        public Task<AuthorizerInvocation> InvokeAsync(LoadedAuthorizer authorizer, string eventJson, CancellationToken cancellationToken) =>
            Task.FromResult(AuthorizerInvocation.Returned(new AuthorizerResponse { IsAuthenticated = false, PrincipalId = "x" }.ToJson()));
    }
}
