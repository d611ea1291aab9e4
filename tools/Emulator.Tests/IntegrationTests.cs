using AwsIotDevice.Emulator.Auth;
using AwsIotDevice.Emulator.Config;
using AwsIotDevice.Emulator.Server;
using AwsIotDevice.Emulator.Logging;
using AwsIotDevice.Emulator.Tests.Support;
using AwsIotDevice.Emulator.MqttCodec.Packets;
using MQTTnet;
using System.Buffers;

namespace AwsIotDevice.Emulator.Tests;

/// <summary>
/// The running emulator in-process on 127.0.0.1 (ephemeral ports). What a well-behaved client must see is checked with
/// MQTTnet (<see cref="RealClient"/>); refusals at the packet level (no CONNACK, forbidden packets, exact reason codes)
/// with <see cref="RawMqttClient"/>, which sends exactly the packets the test builds.
/// </summary>
public class IntegrationTests
{
    private static readonly TimeSpan LogWait = TimeSpan.FromSeconds(10);

    private sealed class Rig : IAsyncDisposable
    {
        public required EmulatorServer Host { get; init; }
        public required MemoryLogSink Log { get; init; }
        public required CountingInvoker Invoker { get; init; }
        public int Port => Host.Ports[0];
        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }

    private static async Task<Rig> StartAsync(Action<EmulatorConfig>? change = null, CountingInvoker? invoker = null)
    {
        var config = TestConfigs.Default();
        change?.Invoke(config);
        var loaded = TestConfigs.Load(config);
        var log = new MemoryLogSink();
        invoker ??= new CountingInvoker(new ReferenceAuthorizerInvoker(config.Aws));
        var host = await EmulatorServer.StartAsync(loaded, new EmulatorServerOptions { Log = log, Invoker = invoker });
        return new Rig { Host = host, Log = log, Invoker = invoker };
    }

    [Fact]
    public async Task AlpnMqttRightSniSignedTokenGetsConnAck0()
    {
        await using var rig = await StartAsync();
        using var client = await RealClient.ConnectAsync(rig.Port, EmulatorTestPki.AtsHost, ["mqtt"], "dev1", TestConfigs.GoodUsername("dev1"));
        Assert.True(client.IsConnected);
        var ok = await rig.Log.WaitForAsync(e => e.Event == LogEvents.ConnectOk, LogWait);
        Assert.Equal("dev1", ok.ClientId);
        Assert.Equal(1, rig.Invoker.Count);
    }

    [Fact]
    public async Task NoAlpnIsRefusedAsHttps()
    {
        await using var rig = await StartAsync();
        await using var c = await RawMqttClient.ConnectTlsAsync(rig.Port, EmulatorTestPki.AtsHost, null);
        await c.SendAsync(RawMqttClient.Connect("dev1", TestConfigs.GoodUsername("dev1")));
        Assert.Null(await c.ReadAsync());
        var e = await rig.Log.WaitForAsync(x => x.Event == LogEvents.Refused, LogWait);
        Assert.Contains("no ALPN: AWS treats this as HTTPS", e.Rule);
        Assert.Contains("MQTT CONNECT", e.Rule);
        Assert.Equal(0, rig.Invoker.Count);
    }

    [Fact]
    public async Task WrongSniIsRefused()
    {
        await using var rig = await StartAsync();
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var c = await RawMqttClient.ConnectTlsAsync(rig.Port, "wrong.example.com", ["mqtt"], ignoreName: true);
            await c.SendAsync(RawMqttClient.Connect("dev1", TestConfigs.GoodUsername("dev1")));
            if (await c.ReadAsync() is null) throw new IOException("closed");
        });
        var e = await rig.Log.WaitForAsync(x => x.Event == LogEvents.Refused, LogWait);
        Assert.Contains("unknown SNI", e.Rule);
        Assert.Equal("wrong.example.com", e.Sni);
    }

    [Fact]
    public async Task NoSniIsRefused()
    {
        await using var rig = await StartAsync();
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var c = await RawMqttClient.ConnectTlsAsync(rig.Port, null, ["mqtt"]);
            await c.SendAsync(RawMqttClient.Connect("dev1", TestConfigs.GoodUsername("dev1")));
            if (await c.ReadAsync() is null) throw new IOException("closed");
        });
        var e = await rig.Log.WaitForAsync(x => x.Event == LogEvents.Refused, LogWait);
        Assert.Contains("no SNI", e.Rule);
    }

    [Fact]
    public async Task XAmznMqttCaIsRefused()
    {
        await using var rig = await StartAsync();
        await using var c = await RawMqttClient.ConnectTlsAsync(rig.Port, EmulatorTestPki.AtsHost, ["x-amzn-mqtt-ca"]);
        await c.SendAsync(RawMqttClient.Connect("dev1", TestConfigs.GoodUsername("dev1")));
        Assert.Null(await c.ReadAsync());
        var e = await rig.Log.WaitForAsync(x => x.Event == LogEvents.Refused, LogWait);
        Assert.Contains("X.509", e.Rule);
    }

    [Fact]
    public async Task X509OnlyPortRefusesCustomAuth()
    {
        await using var rig = await StartAsync(c => c.Listen.X509OnlyPorts = [0]);
        int port = Assert.Single(rig.Host.X509OnlyPorts);
        await using var c = await RawMqttClient.ConnectTlsAsync(port, EmulatorTestPki.AtsHost, ["mqtt"]);
        await c.SendAsync(RawMqttClient.Connect("dev1", TestConfigs.GoodUsername("dev1")));
        Assert.Null(await c.ReadAsync());
        var e = await rig.Log.WaitForAsync(x => x.Event == LogEvents.Refused, LogWait);
        Assert.Contains("8883", e.Rule);
        Assert.Equal(0, rig.Invoker.Count);
    }

    [Fact]
    public async Task BadSignatureIsRefusedWithoutInvokingTheAuthorizer()
    {
        await using var rig = await StartAsync();
        string token = TestConfigs.Token("dev1");
        string bad = AwsIotDevice.CustomAuth.Signing.TokenSignature.Sign(EmulatorTestPki.OtherKey, token);
        // MQTT 3.1.1: closed without CONNACK, which a real client reports as a failed connect.
        await Assert.ThrowsAnyAsync<MQTTnet.Exceptions.MqttCommunicationException>(() =>
            RealClient.ConnectAsync(rig.Port, EmulatorTestPki.AtsHost, ["mqtt"], "dev1", TestConfigs.Username(token, bad)));
        var e = await rig.Log.WaitForAsync(x => x.Event == LogEvents.Refused, LogWait);
        Assert.Equal(LogReasons.AuthorizationFailure, e.Reason);
        Assert.Contains("does not verify", e.Rule);
        Assert.Equal("false", e.Details!["authorizerInvoked"]);
        Assert.Equal(0, rig.Invoker.Count);
        Assert.Matches("^len=[0-9]+ sha256=[0-9a-f]{8}$", e.Details["token"]);
        string line = JsonLineFormatter.Format(e);
        Assert.DoesNotContain(token, line);
        Assert.DoesNotContain(bad[..16], line);
    }

    [Fact]
    public async Task Mqtt5RefusalGetsConnAck87()
    {
        await using var rig = await StartAsync();
        await using var c = await RawMqttClient.ConnectTlsAsync(rig.Port, EmulatorTestPki.AtsHost, ["mqtt"]);
        var ack = await c.ConnectAsync(RawMqttClient.Connect("dev1", "nobody", MqttProtocolVersion.V500));
        Assert.NotNull(ack);
        Assert.Equal(ReasonCodes.NotAuthorized, ack!.ReasonCode);
        Assert.Null(await c.ReadAsync());
    }

    [Fact]
    public async Task Mqtt5RefusalIsNotAuthorizedForARealClient()
    {
        await using var rig = await StartAsync();
        var (client, options) = RealClient.Create(rig.Port, EmulatorTestPki.AtsHost, ["mqtt"], "dev1", "nobody", MQTTnet.Formatter.MqttProtocolVersion.V500);
        using (client)
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            MQTTnet.MqttClientConnectResultCode code;
            try
            {
                code = (await client.ConnectAsync(options, limit.Token)).ResultCode;
            }
            catch (MQTTnet.Adapter.MqttConnectingFailedException e) when (e.InnerException is null)
            {
                code = MQTTnet.MqttClientConnectResultCode.UnspecifiedError;
            }

            Assert.False(client.IsConnected);
            Assert.Equal(MQTTnet.MqttClientConnectResultCode.NotAuthorized, code);
        }
    }

    [Fact]
    public async Task DomainConfigurationSniWithoutAlpnIsAccepted()
    {
        await using var rig = await StartAsync();
        using var client = await RealClient.ConnectAsync(rig.Port, EmulatorTestPki.DomainHost, [], "dev1", TestConfigs.GoodUsername("dev1"));
        var ok = await rig.Log.WaitForAsync(e => e.Event == LogEvents.ConnectOk, LogWait);
        Assert.Equal(EmulatorTestPki.DomainHost, ok.Sni);
        Assert.Equal("", ok.Alpn);
    }

    [Fact]
    public async Task PublishSubscribeWithinPolicyAndForbiddenPublishCloses()
    {
        await using var rig = await StartAsync();
        await using var sub = await RawMqttClient.ConnectTlsAsync(rig.Port, EmulatorTestPki.AtsHost, ["mqtt"]);
        Assert.Equal(0, (await sub.ConnectAsync(RawMqttClient.Connect("dev1", TestConfigs.GoodUsername("dev1"))))!.ReasonCode);
        await sub.SendAsync(new SubscribePacket { PacketId = 1, Subscriptions = [new MqttSubscription { TopicFilter = "devices/dev1/#", QoS = MqttQos.AtLeastOnce }] });
        var suback = Assert.IsType<SubAckPacket>(await sub.ReadAsync());
        Assert.Equal([(byte)1], suback.ReasonCodes);

        await sub.SendAsync(new PublishPacket { Topic = "devices/dev1/t", Payload = "hi"u8.ToArray(), QoS = MqttQos.AtLeastOnce, PacketId = 7 });
        var first = await sub.ReadAsync();
        var second = await sub.ReadAsync();
        var packets = new[] { first, second };
        Assert.Contains(packets, p => p is PubAckPacket { PacketId: 7 });
        var delivered = Assert.Single(packets.OfType<PublishPacket>());
        Assert.Equal("devices/dev1/t", delivered.Topic);
        Assert.Equal("hi"u8.ToArray(), delivered.Payload.ToArray());

        await sub.SendAsync(new PingReqPacket());
        Assert.IsType<PingRespPacket>(await sub.ReadAsync());

        // Another device's topic: MQTT 3.1.1 closes the connection.
        await sub.SendAsync(new PublishPacket { Topic = "devices/dev2/t", Payload = "x"u8.ToArray(), QoS = MqttQos.AtMostOnce });
        Assert.Null(await sub.ReadAsync());
        var e = await rig.Log.WaitForAsync(x => x.Event == LogEvents.Disconnect, LogWait);
        Assert.Equal(LogReasons.ForbiddenAccess, e.Reason);
        Assert.Contains("iot:Publish", e.Rule);
    }

    [Fact]
    public async Task ARealClientReceivesWhatItPublishesWithinPolicy()
    {
        await using var rig = await StartAsync();
        using var client = await RealClient.ConnectAsync(rig.Port, EmulatorTestPki.AtsHost, ["mqtt"], "dev1", TestConfigs.GoodUsername("dev1"));
        var received = new TaskCompletionSource<MqttApplicationMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ApplicationMessageReceivedAsync += e =>
        {
            received.TrySetResult(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var granted = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("devices/dev1/#", MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build(), limit.Token);
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, Assert.Single(granted.Items).ResultCode);

        var published = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("devices/dev1/t").WithPayload("hi")
            .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build(), limit.Token);
        Assert.True(published.IsSuccess);
        var message = await received.Task.WaitAsync(limit.Token);
        Assert.Equal("devices/dev1/t", message.Topic);
        Assert.Equal("hi"u8.ToArray(), message.Payload.ToArray());
    }

    [Fact]
    public async Task UnauthorizedSubscribeOver311Closes()
    {
        await using var rig = await StartAsync();
        await using var c = await RawMqttClient.ConnectTlsAsync(rig.Port, EmulatorTestPki.AtsHost, ["mqtt"]);
        Assert.Equal(0, (await c.ConnectAsync(RawMqttClient.Connect("dev1", TestConfigs.GoodUsername("dev1"))))!.ReasonCode);
        await c.SendAsync(new SubscribePacket { PacketId = 1, Subscriptions = [new MqttSubscription { TopicFilter = "#", QoS = MqttQos.AtMostOnce }] });
        Assert.Null(await c.ReadAsync());
        var e = await rig.Log.WaitForAsync(x => x.Event == LogEvents.Disconnect, LogWait);
        Assert.Equal(LogReasons.ForbiddenAccess, e.Reason);
    }

    [Fact]
    public async Task Mqtt5UnauthorizedSubscribeGetsSubAck87()
    {
        await using var rig = await StartAsync();
        await using var c = await RawMqttClient.ConnectTlsAsync(rig.Port, EmulatorTestPki.AtsHost, ["mqtt"]);
        Assert.Equal(0, (await c.ConnectAsync(RawMqttClient.Connect("dev1", TestConfigs.GoodUsername("dev1"), MqttProtocolVersion.V500)))!.ReasonCode);
        await c.SendAsync(new SubscribePacket { PacketId = 2, Subscriptions = [new MqttSubscription { TopicFilter = "#" }, new MqttSubscription { TopicFilter = "devices/dev1/x" }] });
        var ack = Assert.IsType<SubAckPacket>(await c.ReadAsync());
        Assert.Equal([ReasonCodes.NotAuthorized, (byte)0], ack.ReasonCodes);
    }

    [Fact]
    public async Task DuplicateClientIdTakesOver()
    {
        await using var rig = await StartAsync();
        await using var a = await RawMqttClient.ConnectTlsAsync(rig.Port, EmulatorTestPki.AtsHost, ["mqtt"]);
        Assert.Equal(0, (await a.ConnectAsync(RawMqttClient.Connect("dev1", TestConfigs.GoodUsername("dev1"))))!.ReasonCode);
        await using var b = await RawMqttClient.ConnectTlsAsync(rig.Port, EmulatorTestPki.AtsHost, ["mqtt"]);
        Assert.Equal(0, (await b.ConnectAsync(RawMqttClient.Connect("dev1", TestConfigs.GoodUsername("dev1"))))!.ReasonCode);
        Assert.Null(await a.ReadAsync());
        var e = await rig.Log.WaitForAsync(x => x.Event == LogEvents.Disconnect && x.Reason == LogReasons.DuplicateClientId, LogWait);
        Assert.Equal("dev1", e.ClientId);
        await b.SendAsync(new PingReqPacket());
        Assert.IsType<PingRespPacket>(await b.ReadAsync());
    }

    [Fact]
    public async Task ConnectThrottle()
    {
        await using var rig = await StartAsync(c => c.Limits.ConnectIntervalMilliseconds = 60_000);
        await using (var a = await RawMqttClient.ConnectTlsAsync(rig.Port, EmulatorTestPki.AtsHost, ["mqtt"]))
            Assert.Equal(0, (await a.ConnectAsync(RawMqttClient.Connect("dev1", TestConfigs.GoodUsername("dev1"))))!.ReasonCode);
        await using var b = await RawMqttClient.ConnectTlsAsync(rig.Port, EmulatorTestPki.AtsHost, ["mqtt"]);
        Assert.Null(await b.ConnectAsync(RawMqttClient.Connect("dev1", TestConfigs.GoodUsername("dev1"))));
        var e = await rig.Log.WaitForAsync(x => x.Reason == LogReasons.Throttled, LogWait);
        Assert.Equal(LogEvents.Refused, e.Event);
    }

    [Fact]
    public async Task Qos2PublishCloses()
    {
        await using var rig = await StartAsync();
        await using var c = await RawMqttClient.ConnectTlsAsync(rig.Port, EmulatorTestPki.AtsHost, ["mqtt"]);
        Assert.Equal(0, (await c.ConnectAsync(RawMqttClient.Connect("dev1", TestConfigs.GoodUsername("dev1"))))!.ReasonCode);
        await c.SendAsync(new PublishPacket { Topic = "devices/dev1/t", Payload = new byte[1], QoS = MqttQos.ExactlyOnce, PacketId = 1 });
        Assert.Null(await c.ReadAsync());
        var e = await rig.Log.WaitForAsync(x => x.Event == LogEvents.Disconnect, LogWait);
        Assert.Equal(LogReasons.ClientError, e.Reason);
        Assert.Contains("QoS 2", e.Rule);
    }

    [Fact]
    public async Task KeepAliveTimeoutIsLogged()
    {
        await using var rig = await StartAsync(c => c.Limits.TimeScale = 0.01); // 30 s keep-alive -> 0.45 s idle
        await using var c = await RawMqttClient.ConnectTlsAsync(rig.Port, EmulatorTestPki.AtsHost, ["mqtt"]);
        Assert.Equal(0, (await c.ConnectAsync(RawMqttClient.Connect("dev1", TestConfigs.GoodUsername("dev1"), keepAlive: 5)))!.ReasonCode);
        Assert.Null(await c.ReadAsync(10));
        var e = await rig.Log.WaitForAsync(x => x.Event == LogEvents.Disconnect, LogWait);
        Assert.Equal(LogReasons.KeepAliveTimeout, e.Reason);
        Assert.Contains("keep-alive 30 s", e.Rule);
    }

    [Fact]
    public async Task TtlExpirationCloses()
    {
        await using var rig = await StartAsync(c => c.Limits.TimeScale = 0.002); // 300 s TTL -> 0.6 s; keep-alive 1200 s -> 3.6 s
        string t = TestConfigs.Token("dev1", TimeSpan.FromSeconds(30)); // reference authorizer clamps to 300 s
        await using var c = await RawMqttClient.ConnectTlsAsync(rig.Port, EmulatorTestPki.AtsHost, ["mqtt"]);
        Assert.Equal(0, (await c.ConnectAsync(RawMqttClient.Connect("dev1", TestConfigs.Username(t, TestConfigs.Sign(t)), keepAlive: 0)))!.ReasonCode);
        Assert.Null(await c.ReadAsync(10));
        var e = await rig.Log.WaitForAsync(x => x.Event == LogEvents.Disconnect, LogWait);
        Assert.Equal(LogReasons.CustomAuthTtlExpiration, e.Reason);
    }

    [Fact]
    public async Task RefreshThatDeniesCloses()
    {
        int calls = 0;
        string allow = """{"isAuthenticated":true,"principalId":"p1","policyDocuments":["{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"Resource\":\"*\"}]}"],"disconnectAfterInSeconds":86400,"refreshAfterInSeconds":300}""";
        string deny = """{"isAuthenticated":false,"principalId":"p1"}""";
        var invoker = new CountingInvoker(_ => Interlocked.Increment(ref calls) == 1 ? allow : deny);
        await using var rig = await StartAsync(c => c.Limits.TimeScale = 0.002, invoker);
        await using var c = await RawMqttClient.ConnectTlsAsync(rig.Port, EmulatorTestPki.AtsHost, ["mqtt"]);
        Assert.Equal(0, (await c.ConnectAsync(RawMqttClient.Connect("dev1", "u?x-amz-customauthorizer-name=NoSigning", keepAlive: 0)))!.ReasonCode);
        Assert.Null(await c.ReadAsync(10));
        var e = await rig.Log.WaitForAsync(x => x.Event == LogEvents.Disconnect, LogWait);
        Assert.Equal(LogReasons.AuthError, e.Reason);
        Assert.Contains("refresh", e.Rule);
    }

    [Fact]
    public async Task RefreshWhosePolicyDropsConnectCloses()
    {
        int calls = 0;
        string allow = """{"isAuthenticated":true,"principalId":"p1","policyDocuments":["{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"Resource\":\"*\"}]}"]}""";
        string noConnect = """{"isAuthenticated":true,"principalId":"p1","policyDocuments":["{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:Publish\",\"Resource\":\"*\"}]}"]}""";
        var invoker = new CountingInvoker(_ => Interlocked.Increment(ref calls) == 1 ? allow : noConnect);
        await using var rig = await StartAsync(c => c.Limits.TimeScale = 0.002, invoker);
        await using var c = await RawMqttClient.ConnectTlsAsync(rig.Port, EmulatorTestPki.AtsHost, ["mqtt"]);
        Assert.Equal(0, (await c.ConnectAsync(RawMqttClient.Connect("dev1", "u?x-amz-customauthorizer-name=NoSigning", keepAlive: 0)))!.ReasonCode);
        Assert.Null(await c.ReadAsync(10));
        var e = await rig.Log.WaitForAsync(x => x.Event == LogEvents.Disconnect, LogWait);
        Assert.Equal(LogReasons.AuthError, e.Reason);
        Assert.Contains("iot:Connect", e.Rule);
    }

    [Fact]
    public async Task RetainedMessageNeedsRetainPublishAndGoesToExactSubscribers()
    {
        string allowAll = """{"isAuthenticated":true,"principalId":"p1","policyDocuments":["{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"Resource\":\"*\"}]}"]}""";
        await using var rig = await StartAsync(null, new CountingInvoker(_ => allowAll));
        const string user = "u?x-amz-customauthorizer-name=NoSigning";
        await using (var pub = await RawMqttClient.ConnectTlsAsync(rig.Port, EmulatorTestPki.AtsHost, ["mqtt"]))
        {
            Assert.Equal(0, (await pub.ConnectAsync(RawMqttClient.Connect("pub", user)))!.ReasonCode);
            await pub.SendAsync(new PublishPacket { Topic = "r/t", Payload = "kept"u8.ToArray(), QoS = MqttQos.AtLeastOnce, PacketId = 3, Retain = true });
            Assert.IsType<PubAckPacket>(await pub.ReadAsync());
        }
        await using var wild = await RawMqttClient.ConnectTlsAsync(rig.Port, EmulatorTestPki.AtsHost, ["mqtt"]);
        Assert.Equal(0, (await wild.ConnectAsync(RawMqttClient.Connect("wild", user)))!.ReasonCode);
        await wild.SendAsync(new SubscribePacket { PacketId = 1, Subscriptions = [new MqttSubscription { TopicFilter = "r/+", QoS = MqttQos.AtLeastOnce }] });
        Assert.IsType<SubAckPacket>(await wild.ReadAsync());
        await wild.SendAsync(new PingReqPacket());
        Assert.IsType<PingRespPacket>(await wild.ReadAsync()); // no retained message before it

        await using var exact = await RawMqttClient.ConnectTlsAsync(rig.Port, EmulatorTestPki.AtsHost, ["mqtt"]);
        Assert.Equal(0, (await exact.ConnectAsync(RawMqttClient.Connect("exact", user)))!.ReasonCode);
        await exact.SendAsync(new SubscribePacket { PacketId = 1, Subscriptions = [new MqttSubscription { TopicFilter = "r/t", QoS = MqttQos.AtLeastOnce }] });
        Assert.IsType<SubAckPacket>(await exact.ReadAsync());
        var retained = Assert.IsType<PublishPacket>(await exact.ReadAsync());
        Assert.True(retained.Retain);
        Assert.Equal("kept"u8.ToArray(), retained.Payload.ToArray());
    }

    [Fact]
    public async Task RetainWithoutRetainPublishIsForbidden()
    {
        await using var rig = await StartAsync();
        await using var c = await RawMqttClient.ConnectTlsAsync(rig.Port, EmulatorTestPki.AtsHost, ["mqtt"]);
        Assert.Equal(0, (await c.ConnectAsync(RawMqttClient.Connect("dev1", TestConfigs.GoodUsername("dev1"))))!.ReasonCode);
        await c.SendAsync(new PublishPacket { Topic = "devices/dev1/t", Payload = new byte[1], Retain = true });
        Assert.Null(await c.ReadAsync());
        var e = await rig.Log.WaitForAsync(x => x.Event == LogEvents.Disconnect, LogWait);
        Assert.Contains("iot:RetainPublish", e.Rule);
    }

    [Fact]
    public async Task ConnectPolicyMustAllowTheClientId()
    {
        string policy = """{"isAuthenticated":true,"principalId":"p1","policyDocuments":["{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:Connect\",\"Resource\":\"arn:aws:iot:us-east-1:123456789012:client/other\"}]}"]}""";
        await using var rig = await StartAsync(null, new CountingInvoker(_ => policy));
        await using var c = await RawMqttClient.ConnectTlsAsync(rig.Port, EmulatorTestPki.AtsHost, ["mqtt"]);
        Assert.Null(await c.ConnectAsync(RawMqttClient.Connect("dev1", "u?x-amz-customauthorizer-name=NoSigning")));
        var e = await rig.Log.WaitForAsync(x => x.Event == LogEvents.Refused, LogWait);
        Assert.Equal(LogReasons.AuthorizationFailure, e.Reason);
        Assert.Contains("iot:Connect", e.Rule);
        Assert.Contains("client/dev1", e.Hint);
    }

    [Theory]
    [InlineData("$reserved")]
    [InlineData("")]
    public async Task BadClientIdsAreRefused(string clientId)
    {
        await using var rig = await StartAsync();
        await using var c = await RawMqttClient.ConnectTlsAsync(rig.Port, EmulatorTestPki.AtsHost, ["mqtt"]);
        Assert.Null(await c.ConnectAsync(RawMqttClient.Connect(clientId, TestConfigs.GoodUsername("dev1"))));
        var e = await rig.Log.WaitForAsync(x => x.Event == LogEvents.Refused, LogWait);
        Assert.Equal(LogReasons.ClientError, e.Reason);
        Assert.Equal(0, rig.Invoker.Count);
    }

    [Fact]
    public async Task V311RefusalCanSendConnAckWhenObservedSwitchIsOff()
    {
        await using var rig = await StartAsync(c => c.Observed.V311RefusalClosesWithoutConnAck = false);
        await using var c = await RawMqttClient.ConnectTlsAsync(rig.Port, EmulatorTestPki.AtsHost, ["mqtt"]);
        var ack = await c.ConnectAsync(RawMqttClient.Connect("dev1", "nobody"));
        Assert.Equal(ConnectReturnCodes.NotAuthorized, ack!.ReasonCode);
    }
}
