using System.Security.Authentication;
using AwsIotDevice.Emulator.Auth;
using AwsIotDevice.Emulator.Config;
using AwsIotDevice.Emulator.Server;
using AwsIotDevice.Emulator.Logging;
using AwsIotDevice.Emulator.Tests.Support;
using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.Emulator.Tests;

/// <summary>Broker limits, MQTT 5 denials, TLS details and log redaction against the running emulator.</summary>
public class IntegrationLimitsTests
{
    private static readonly TimeSpan LogWait = TimeSpan.FromSeconds(10);
    private const string AllowAll = """{"isAuthenticated":true,"principalId":"p1","policyDocuments":["{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"Resource\":\"*\"}]}"]}""";
    private const string OpenUser = "u?x-amz-customauthorizer-name=NoSigning";

    private static async Task<(EmulatorServer Host, MemoryLogSink Log)> StartAsync(Action<EmulatorConfig>? change = null, IAuthorizerInvoker? invoker = null)
    {
        var config = TestConfigs.Default();
        change?.Invoke(config);
        var log = new MemoryLogSink();
        var host = await EmulatorServer.StartAsync(TestConfigs.Load(config), new EmulatorServerOptions
        {
            Log = log,
            Invoker = invoker ?? new KindDispatchInvoker(new ReferenceAuthorizerInvoker(config.Aws), new CountingInvoker(_ => AllowAll)),
        });
        return (host, log);
    }

    private static async Task<RawMqttClient> ConnectedAsync(EmulatorServer host, string clientId, string username, MqttProtocolVersion v = MqttProtocolVersion.V311)
    {
        var c = await RawMqttClient.ConnectTlsAsync(host.Ports[0], EmulatorTestPki.AtsHost, ["mqtt"]);
        var ack = await c.ConnectAsync(RawMqttClient.Connect(clientId, username, v));
        Assert.Equal(0, ack!.ReasonCode);
        return c;
    }

    [Theory]
    [InlineData("a/b/c/d/e/f/g/h/i", "slashes")]
    [InlineData("$SYS/x", "reserved")]
    public async Task BadTopicsClose(string topic, string why)
    {
        var (host, log) = await StartAsync();
        await using (host)
        {
            await using var c = await ConnectedAsync(host, "c1", OpenUser);
            await c.SendAsync(new PublishPacket { Topic = topic, Payload = new byte[1] });
            Assert.Null(await c.ReadAsync());
            var e = await log.WaitForAsync(x => x.Event == LogEvents.Disconnect, LogWait);
            Assert.Equal(LogReasons.ClientError, e.Reason);
            Assert.Contains(why, e.Rule);
        }
    }

    [Fact]
    public async Task PayloadLimit()
    {
        var (host, log) = await StartAsync(c => c.Limits.MaxPayloadBytes = 1000);
        await using (host)
        {
            await using var c = await ConnectedAsync(host, "c1", OpenUser);
            await c.SendAsync(new PublishPacket { Topic = "t", Payload = new byte[1000], QoS = MqttQos.AtLeastOnce, PacketId = 1 });
            Assert.IsType<PubAckPacket>(await c.ReadAsync());
            await c.SendAsync(new PublishPacket { Topic = "t", Payload = new byte[1001] });
            Assert.Null(await c.ReadAsync());
            var e = await log.WaitForAsync(x => x.Event == LogEvents.Disconnect, LogWait);
            Assert.Contains("1001 bytes", e.Rule);
        }
    }

    [Fact]
    public async Task PublishRateLimit()
    {
        var (host, log) = await StartAsync(c => c.Limits.MaxPublishesPerSecond = 5);
        await using (host)
        {
            await using var c = await ConnectedAsync(host, "c1", OpenUser);
            // One write of 20 frames, so they arrive within one rate window however loaded the machine is.
            var burst = Enumerable.Range(0, 20).SelectMany(_ => AwsIotDevice.Emulator.MqttCodec.Formatting.MqttEncoder.Encode(new PublishPacket { Topic = "t", Payload = new byte[1] }, MqttProtocolVersion.V311)).ToArray();
            await c.Ssl.WriteAsync(burst);
            await c.Ssl.FlushAsync();
            var e = await log.WaitForAsync(x => x.Event == LogEvents.Disconnect, LogWait);
            Assert.Equal(LogReasons.Throttled, e.Reason);
        }
    }

    [Fact]
    public async Task PublishByteRateLimit()
    {
        var (host, log) = await StartAsync(c => c.Limits.MaxPublishBytesPerSecond = 3000);
        await using (host)
        {
            await using var c = await ConnectedAsync(host, "c1", OpenUser);
            var burst = Enumerable.Range(0, 4).SelectMany(_ => AwsIotDevice.Emulator.MqttCodec.Formatting.MqttEncoder.Encode(new PublishPacket { Topic = "t", Payload = new byte[1000] }, MqttProtocolVersion.V311)).ToArray();
            await c.Ssl.WriteAsync(burst);
            await c.Ssl.FlushAsync();
            var e = await log.WaitForAsync(x => x.Event == LogEvents.Disconnect, LogWait);
            Assert.Equal(LogReasons.Throttled, e.Reason);
            Assert.Contains("3000 payload bytes per second", e.Rule);
        }
    }

    [Fact]
    public async Task TooManyFiltersInOneSubscribe()
    {
        var (host, log) = await StartAsync();
        await using (host)
        {
            await using var c = await ConnectedAsync(host, "c1", OpenUser);
            await c.SendAsync(new SubscribePacket { PacketId = 1, Subscriptions = Enumerable.Range(0, 9).Select(i => new MqttSubscription { TopicFilter = $"t/{i}" }).ToList() });
            Assert.Null(await c.ReadAsync());
            var e = await log.WaitForAsync(x => x.Event == LogEvents.Disconnect, LogWait);
            Assert.Contains("at most 8", e.Rule);
        }
    }

    [Fact]
    public async Task Mqtt5UnauthorizedPublishGetsPubAck87AndStaysConnected()
    {
        var (host, log) = await StartAsync();
        await using (host)
        {
            await using var c = await ConnectedAsync(host, "dev1", TestConfigs.GoodUsername("dev1"), MqttProtocolVersion.V500);
            await c.SendAsync(new PublishPacket { Topic = "devices/dev2/t", Payload = new byte[1], QoS = MqttQos.AtLeastOnce, PacketId = 9 });
            var ack = Assert.IsType<PubAckPacket>(await c.ReadAsync());
            Assert.Equal(ReasonCodes.NotAuthorized, ack.ReasonCode);
            await c.SendAsync(new PingReqPacket());
            Assert.IsType<PingRespPacket>(await c.ReadAsync());
            var e = await log.WaitForAsync(x => x.Event == LogEvents.Denied, LogWait);
            Assert.Equal(LogReasons.ForbiddenAccess, e.Reason);
        }
    }

    [Fact]
    public async Task Mqtt5KeepAliveClampIsAnnounced()
    {
        var (host, _) = await StartAsync();
        await using (host)
        {
            await using var c = await RawMqttClient.ConnectTlsAsync(host.Ports[0], EmulatorTestPki.AtsHost, ["mqtt"]);
            var ack = await c.ConnectAsync(RawMqttClient.Connect("c1", OpenUser, MqttProtocolVersion.V500, keepAlive: 10));
            Assert.True(ack!.Properties.TryGetNumber(MqttPropertyId.ServerKeepAlive, out uint ka));
            Assert.Equal(30u, ka);
        }
    }

    [Fact]
    public async Task Tls12OnlyClientConnects()
    {
        var (host, log) = await StartAsync();
        await using (host)
        {
            using var tcp = new System.Net.Sockets.TcpClient();
            await tcp.ConnectAsync("127.0.0.1", host.Ports[0]);
            await using var ssl = new System.Net.Security.SslStream(tcp.GetStream());
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await ssl.AuthenticateAsClientAsync(new System.Net.Security.SslClientAuthenticationOptions
            {
                TargetHost = EmulatorTestPki.AtsHost,
                EnabledSslProtocols = SslProtocols.Tls12,
                ApplicationProtocols = [new System.Net.Security.SslApplicationProtocol("mqtt")],
                RemoteCertificateValidationCallback = (_, cert, _, errors) => EmulatorTestPki.Validate(cert, errors, false),
            }, cts.Token);
            Assert.Equal(SslProtocols.Tls12, ssl.SslProtocol);
        }
    }

    [Fact]
    public async Task HandshakeTimeoutIsLogged()
    {
        var (host, log) = await StartAsync(c => c.Tls.HandshakeTimeoutSeconds = 1);
        await using (host)
        {
            using var tcp = new System.Net.Sockets.TcpClient();
            await tcp.ConnectAsync("127.0.0.1", host.Ports[0]);
            var e = await log.WaitForAsync(x => x.Event == LogEvents.Refused, LogWait);
            Assert.Contains("not completed within 1 s", e.Rule);
        }
    }

    [Fact]
    public async Task LogLinesNeverContainTokenSignatureOrPassword()
    {
        var (host, log) = await StartAsync();
        string token = TestConfigs.Token("dev1");
        string sig = TestConfigs.Sign(token);
        byte[] password = "p4ssw0rd-secret"u8.ToArray();
        await using (host)
        {
            foreach (var (client, user) in new[]
            {
                ("dev1", TestConfigs.Username(token, sig)),
                ("dev2", TestConfigs.Username(token, sig)),                 // token bound to dev1: authorizer denies
                ("dev1", TestConfigs.Username(token, "AAAA" + sig[4..])),   // bad signature
                ("dev1", TestConfigs.Username(token, sig) + "?SDK=x"),      // second '?'
            })
            {
                await using var c = await RawMqttClient.ConnectTlsAsync(host.Ports[0], EmulatorTestPki.AtsHost, ["mqtt"]);
                await c.ConnectAsync(RawMqttClient.Connect(client, user, password: password));
            }
            await log.WaitForAsync(_ => log.Entries.Count(e => e.Event is LogEvents.Refused or LogEvents.ConnectOk) >= 4, LogWait);
        }
        string all = string.Join("\n", log.Entries.Select(JsonLineFormatter.Format));
        Assert.DoesNotContain(token, all);
        Assert.DoesNotContain(sig[..24], all);
        Assert.DoesNotContain(Uri.EscapeDataString(sig)[..24], all);
        Assert.DoesNotContain("p4ssw0rd", all);
        Assert.DoesNotContain(Convert.ToBase64String(password), all);
    }

    [Fact]
    public async Task WillIsPublishedWhenTheConnectionDropsButNotOnDisconnect()
    {
        var (host, _) = await StartAsync();
        await using (host)
        {
            await using var watcher = await ConnectedAsync(host, "watcher", OpenUser);
            await watcher.SendAsync(new SubscribePacket { PacketId = 1, Subscriptions = [new MqttSubscription { TopicFilter = "status/#" }] });
            Assert.IsType<SubAckPacket>(await watcher.ReadAsync());

            var polite = await RawMqttClient.ConnectTlsAsync(host.Ports[0], EmulatorTestPki.AtsHost, ["mqtt"]);
            var connect = RawMqttClient.Connect("polite", OpenUser);
            connect.Will = new MqttWill { Topic = "status/polite", Payload = "gone"u8.ToArray() };
            Assert.Equal(0, (await polite.ConnectAsync(connect))!.ReasonCode);
            await polite.SendAsync(new DisconnectPacket());
            await polite.DisposeAsync();

            var rude = await RawMqttClient.ConnectTlsAsync(host.Ports[0], EmulatorTestPki.AtsHost, ["mqtt"]);
            connect = RawMqttClient.Connect("rude", OpenUser);
            connect.Will = new MqttWill { Topic = "status/rude", Payload = "lost"u8.ToArray() };
            Assert.Equal(0, (await rude.ConnectAsync(connect))!.ReasonCode);
            await rude.DisposeAsync(); // no DISCONNECT

            var will = Assert.IsType<PublishPacket>(await watcher.ReadAsync());
            Assert.Equal("status/rude", will.Topic);
            Assert.Equal("lost"u8.ToArray(), will.Payload.ToArray());
        }
    }

    [Fact]
    public async Task PersistentSessionKeepsSubscriptionsAndQueuesQos1()
    {
        var (host, log) = await StartAsync();
        await using (host)
        {
            var first = await RawMqttClient.ConnectTlsAsync(host.Ports[0], EmulatorTestPki.AtsHost, ["mqtt"]);
            var connect = RawMqttClient.Connect("keeper", OpenUser);
            connect.CleanSession = false;
            var ack = await first.ConnectAsync(connect);
            Assert.False(ack!.SessionPresent);
            await first.SendAsync(new SubscribePacket { PacketId = 1, Subscriptions = [new MqttSubscription { TopicFilter = "q/#", QoS = MqttQos.AtLeastOnce }] });
            Assert.IsType<SubAckPacket>(await first.ReadAsync());
            await first.SendAsync(new DisconnectPacket());
            await first.DisposeAsync();
            await log.WaitForAsync(e => e.Event == LogEvents.Disconnect && e.ClientId == "keeper", LogWait);

            await using (var pub = await ConnectedAsync(host, "pub", OpenUser))
            {
                await pub.SendAsync(new PublishPacket { Topic = "q/x", Payload = "while-away"u8.ToArray(), QoS = MqttQos.AtLeastOnce, PacketId = 5 });
                Assert.IsType<PubAckPacket>(await pub.ReadAsync());
            }

            await using var second = await RawMqttClient.ConnectTlsAsync(host.Ports[0], EmulatorTestPki.AtsHost, ["mqtt"]);
            ack = await second.ConnectAsync(connect);
            Assert.True(ack!.SessionPresent);
            var queued = Assert.IsType<PublishPacket>(await second.ReadAsync());
            Assert.Equal("while-away"u8.ToArray(), queued.Payload.ToArray());
            await second.SendAsync(new DisconnectPacket());

            await using var third = await RawMqttClient.ConnectTlsAsync(host.Ports[0], EmulatorTestPki.AtsHost, ["mqtt"]);
            Assert.False((await third.ConnectAsync(RawMqttClient.Connect("keeper", OpenUser)))!.SessionPresent);
        }
    }
}
