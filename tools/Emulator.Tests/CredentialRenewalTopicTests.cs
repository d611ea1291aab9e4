using System.Text;
using AwsIotDevice.CustomAuth.Policies;
using AwsIotDevice.Emulator.Auth;
using AwsIotDevice.Emulator.Config;
using AwsIotDevice.Emulator.Init;
using AwsIotDevice.Emulator.Logging;
using AwsIotDevice.Emulator.MqttCodec.Packets;
using AwsIotDevice.Emulator.Policy;
using AwsIotDevice.Emulator.Server;
using AwsIotDevice.Emulator.Tests.Support;
using MQTTnet;
using MQTTnet.Protocol;

namespace AwsIotDevice.Emulator.Tests;

/// <summary>
/// The renewal topics under the built-in reference authorizer: a device subscribes to and receives
/// <c>devices/&lt;id&gt;/credentials</c> and publishes <c>.../credentials/ack</c>, but may not publish a renewal (an
/// explicit Deny, so nothing with a device's credential can plant one); the backend principal publishes renewals and
/// reads acknowledgements, and nothing else. Checked on the policy evaluator and on the running emulator with real
/// clients (MQTTnet), as AWS would enforce it.
/// </summary>
public class CredentialRenewalTopicTests
{
    private const string Arn = "arn:aws:iot:us-east-1:123456789012:";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly PolicyScope Scope = new("us-east-1", "123456789012", "devices");

    private static PolicyEvaluator Device(string clientId) => new([PolicyDocument.Parse(LeastPrivilegePolicy.Build(Scope, clientId))], clientId);

    private static PolicyEvaluator Backend() => new([PolicyDocument.Parse(LeastPrivilegePolicy.BuildBackend(Scope, EmulatorInit.BackendClientId))], EmulatorInit.BackendClientId);

    [Theory]
    [InlineData("iot:Subscribe", "topicfilter/devices/dev1/credentials", true)]
    [InlineData("iot:Receive", "topic/devices/dev1/credentials", true)]
    [InlineData("iot:Publish", "topic/devices/dev1/credentials/ack", true)]
    [InlineData("iot:Publish", "topic/devices/dev1/telemetry", true)]
    [InlineData("iot:Publish", "topic/devices/dev1/credentials", false)]
    [InlineData("iot:Publish", "topic/devices/dev2/credentials", false)]
    [InlineData("iot:Subscribe", "topicfilter/devices/dev2/credentials", false)]
    [InlineData("iot:Subscribe", "topicfilter/devices/+/credentials/ack", false)]
    public void DevicePolicy(string action, string resource, bool allowed)
    {
        PolicyDecision decision = Device("dev1").Evaluate(action, Arn + resource);
        Assert.True(allowed == decision.Allowed, decision.Explanation);
    }

    [Fact]
    public void TheDeviceIsRefusedItsOwnCredentialsTopicByAnExplicitDeny()
    {
        PolicyDecision decision = Device("dev1").Evaluate("iot:Publish", Arn + "topic/devices/dev1/credentials");
        Assert.Contains("explicit Deny", decision.Explanation);
    }

    [Theory]
    [InlineData("iot:Connect", "client/iotctl-backend", true)]
    [InlineData("iot:Publish", "topic/devices/dev1/credentials", true)]
    [InlineData("iot:Publish", "topic/devices/other-device/credentials", true)]
    [InlineData("iot:Subscribe", "topicfilter/devices/+/credentials/ack", true)]
    [InlineData("iot:Subscribe", "topicfilter/devices/dev1/credentials/ack", true)]
    [InlineData("iot:Receive", "topic/devices/dev1/credentials/ack", true)]
    [InlineData("iot:Connect", "client/dev1", false)]
    [InlineData("iot:Publish", "topic/devices/dev1/telemetry", false)]
    [InlineData("iot:Publish", "topic/devices/dev1/credentials/ack", false)]
    [InlineData("iot:Subscribe", "topicfilter/devices/dev1/telemetry", false)]
    [InlineData("iot:Subscribe", "topicfilter/devices/#", false)]
    [InlineData("iot:Receive", "topic/devices/dev1/credentials", false)]
    [InlineData("iot:Publish", "topic/other/dev1/credentials", false)]
    public void BackendPolicy(string action, string resource, bool allowed)
    {
        PolicyDecision decision = Backend().Evaluate(action, Arn + resource);
        Assert.True(allowed == decision.Allowed, decision.Explanation);
    }

    [Fact]
    public void InitConfiguresTheBackendPrincipal()
    {
        string dir = Directory.CreateTempSubdirectory("emu-init-backend-").FullName;
        try
        {
            InitResult result = EmulatorInit.Run(new InitOptions { Directory = dir, Port = 0 });
            EmulatorConfig config = ConfigLoader.Parse(File.ReadAllText(result.ConfigFile));
            Assert.Equal([EmulatorInit.BackendClientId], Assert.Single(config.Authorizers).Reference.BackendClientIds);
            ConfigLoader.Load(result.ConfigFile);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ABackendClientIdWithWildcardsIsAConfigError()
    {
        EmulatorConfig config = TestConfigs.Default();
        config.Authorizers[0].Reference.BackendClientIds = ["back*end"];
        Assert.Contains(ConfigValidator.Validate(config), p => p.Contains("reference.backendClientIds[0]", StringComparison.Ordinal));
    }

    private static async Task<(EmulatorServer Host, MemoryLogSink Log)> StartAsync()
    {
        EmulatorConfig config = TestConfigs.Default();
        config.Authorizers[0].Reference.BackendClientIds = [EmulatorInit.BackendClientId];
        var log = new MemoryLogSink();
        var host = await EmulatorServer.StartAsync(TestConfigs.Load(config), new EmulatorServerOptions { Log = log, Invoker = new ReferenceAuthorizerInvoker(config.Aws) });
        return (host, log);
    }

    private static Task<IMqttClient> ConnectAsync(EmulatorServer host, string clientId) =>
        RealClient.ConnectAsync(host.Ports[0], EmulatorTestPki.AtsHost, ["mqtt"], clientId, TestConfigs.GoodUsername(clientId));

    private static TaskCompletionSource<MqttApplicationMessage> Receive(IMqttClient client)
    {
        var received = new TaskCompletionSource<MqttApplicationMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ApplicationMessageReceivedAsync += e =>
        {
            received.TrySetResult(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        return received;
    }

    private static MqttApplicationMessage Message(string topic, string payload) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();

    [Fact]
    public async Task TheBackendDeliversARenewalAndReadsTheAcknowledgement()
    {
        var (host, _) = await StartAsync();
        await using (host)
        {
            using var device = await ConnectAsync(host, "dev1");
            using var backend = await ConnectAsync(host, EmulatorInit.BackendClientId);
            using var limit = new CancellationTokenSource(Wait);
            var renewal = Receive(device);
            var ack = Receive(backend);

            var deviceSub = await device.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("devices/dev1/credentials", MqttQualityOfServiceLevel.AtLeastOnce).Build(), limit.Token);
            Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, Assert.Single(deviceSub.Items).ResultCode);
            var backendSub = await backend.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("devices/+/credentials/ack", MqttQualityOfServiceLevel.AtLeastOnce).Build(), limit.Token);
            Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, Assert.Single(backendSub.Items).ResultCode);

            Assert.True((await backend.PublishAsync(Message("devices/dev1/credentials", "{\"v\":1}"), limit.Token)).IsSuccess);
            MqttApplicationMessage delivered = await renewal.Task.WaitAsync(limit.Token);
            Assert.Equal("devices/dev1/credentials", delivered.Topic);

            Assert.True((await device.PublishAsync(Message("devices/dev1/credentials/ack", "{\"status\":\"accepted\"}"), limit.Token)).IsSuccess);
            MqttApplicationMessage acknowledged = await ack.Task.WaitAsync(limit.Token);
            Assert.Equal("devices/dev1/credentials/ack", acknowledged.Topic);
            Assert.Equal("{\"status\":\"accepted\"}", Encoding.UTF8.GetString(acknowledged.Payload));
        }
    }

    [Fact]
    public async Task ADevicePublishingARenewalIsDisconnectedForbiddenAccess()
    {
        var (host, log) = await StartAsync();
        await using (host)
        {
            await using var c = await RawMqttClient.ConnectTlsAsync(host.Ports[0], EmulatorTestPki.AtsHost, ["mqtt"]);
            Assert.Equal(0, (await c.ConnectAsync(RawMqttClient.Connect("dev1", TestConfigs.GoodUsername("dev1"))))!.ReasonCode);
            await c.SendAsync(new PublishPacket { Topic = "devices/dev1/credentials", Payload = "{\"v\":1}"u8.ToArray(), QoS = MqttQos.AtLeastOnce, PacketId = 1 });

            Assert.Null(await c.ReadAsync());
            LogEntry e = await log.WaitForAsync(x => x.Event == LogEvents.Disconnect, Wait);
            Assert.Equal(LogReasons.ForbiddenAccess, e.Reason);
        }
    }

    [Fact]
    public async Task TheBackendCannotReadTelemetryNorPublishAsADevice()
    {
        var (host, log) = await StartAsync();
        await using (host)
        {
            await using var c = await RawMqttClient.ConnectTlsAsync(host.Ports[0], EmulatorTestPki.AtsHost, ["mqtt"]);
            Assert.Equal(0, (await c.ConnectAsync(RawMqttClient.Connect(EmulatorInit.BackendClientId, TestConfigs.GoodUsername(EmulatorInit.BackendClientId))))!.ReasonCode);
            await c.SendAsync(new PublishPacket { Topic = "devices/dev1/telemetry", Payload = "{}"u8.ToArray(), QoS = MqttQos.AtLeastOnce, PacketId = 1 });

            Assert.Null(await c.ReadAsync());
            LogEntry e = await log.WaitForAsync(x => x.Event == LogEvents.Disconnect, Wait);
            Assert.Equal(LogReasons.ForbiddenAccess, e.Reason);
        }
    }
}
