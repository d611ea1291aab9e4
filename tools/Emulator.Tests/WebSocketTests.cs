using System.Net.WebSockets;
using AwsIotDevice.Emulator.Config;
using AwsIotDevice.Emulator.Server;
using AwsIotDevice.Emulator.Logging;
using AwsIotDevice.Emulator.Tests.Support;
using AwsIotDevice.Emulator.MqttCodec.Channel;
using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.Emulator.Tests;

/// <summary>MQTT over WebSockets (wss://host/mqtt, subprotocol mqtt) with ClientWebSocket.</summary>
public class WebSocketTests
{
    private static readonly TimeSpan LogWait = TimeSpan.FromSeconds(10);
    private const string AllowAll = """{"isAuthenticated":true,"principalId":"p1","policyDocuments":["{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"Resource\":\"*\"}]}"]}""";

    private static async Task<(ClientWebSocket Ws, MqttChannel Channel)> OpenAsync(int port, string query, IDictionary<string, string>? headers = null, string subprotocol = "mqtt")
    {
        var ws = new ClientWebSocket();
        ws.Options.AddSubProtocol(subprotocol);
        ws.Options.RemoteCertificateValidationCallback = (_, cert, _, errors) => EmulatorTestPki.Validate(cert, errors, false);
        if (headers is not null) foreach (var kv in headers) ws.Options.SetRequestHeader(kv.Key, kv.Value);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await ws.ConnectAsync(new Uri($"wss://localhost:{port}/mqtt{query}"), cts.Token);
        var stream = WebSocketStream.Create(ws, WebSocketMessageType.Binary, ownsWebSocket: false);
        return (ws, new MqttChannel(stream));
    }

    private static async Task<MqttPacket?> ReadAsync(MqttChannel channel)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { return await channel.ReadPacketAsync(cts.Token); }
        catch (Exception e) when (e is IOException or WebSocketException) { return null; }
    }

    [Fact]
    public async Task HeaderCredentialsAreCheckedBeforeTheAuthorizerAndReachIt()
    {
        var log = new MemoryLogSink();
        var invoker = new CountingInvoker(_ => AllowAll);
        await using var host = await EmulatorServer.StartAsync(TestConfigs.Load(TestConfigs.Default()), new EmulatorServerOptions { Log = log, Invoker = invoker });
        string token = TestConfigs.Token("ws1");
        var headers = new Dictionary<string, string>
        {
            ["x-amz-customauthorizer-name"] = TestConfigs.Authorizer,
            ["x-amz-customauthorizer-signature"] = TestConfigs.Sign(token),
            [TestConfigs.TokenKey] = token,
        };
        var (ws, channel) = await OpenAsync(host.Ports[0], "", headers);
        using (ws)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await channel.WritePacketAsync(RawMqttClient.Connect("ws1", "anything"), cts.Token);
            var ack = Assert.IsType<ConnAckPacket>(await ReadAsync(channel));
            Assert.Equal(0, ack.ReasonCode);
            Assert.Contains("\"protocols\":[\"tls\",\"http\",\"mqtt\"]", invoker.LastEvent);
            Assert.Contains("\"signatureVerified\":true", invoker.LastEvent);
            var ok = await log.WaitForAsync(e => e.Event == LogEvents.ConnectOk, LogWait);
            Assert.Equal("websocket", ok.Details!["transport"]);
        }

        headers["x-amz-customauthorizer-signature"] = AwsIotDevice.CustomAuth.Signing.TokenSignature.Sign(EmulatorTestPki.OtherKey, token);
        var (ws2, channel2) = await OpenAsync(host.Ports[0], "", headers);
        using (ws2)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await channel2.WritePacketAsync(RawMqttClient.Connect("ws2", "anything"), cts.Token);
            Assert.Null(await ReadAsync(channel2));
            var refused = await log.WaitForAsync(e => e.Event == LogEvents.Refused && e.ClientId == "ws2", LogWait);
            Assert.Contains("does not verify", refused.Rule);
            Assert.Equal(1, invoker.Count);
        }
    }

    [Fact]
    public async Task UsernameCredentialsWorkOverWebSocketsWithTheReferenceAuthorizer()
    {
        var log = new MemoryLogSink();
        await using var host = await EmulatorServer.StartAsync(TestConfigs.Load(TestConfigs.Default()), new EmulatorServerOptions { Log = log });
        var (ws, channel) = await OpenAsync(host.Ports[0], "");
        using (ws)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await channel.WritePacketAsync(RawMqttClient.Connect("dev1", TestConfigs.GoodUsername("dev1")), cts.Token);
            Assert.Equal(0, Assert.IsType<ConnAckPacket>(await ReadAsync(channel)).ReasonCode);
            await channel.WritePacketAsync(new PublishPacket { Topic = "devices/dev1/t", Payload = new byte[] { 1 }, QoS = MqttQos.AtLeastOnce, PacketId = 4 }, cts.Token);
            Assert.IsType<PubAckPacket>(await ReadAsync(channel));
        }
    }

    [Fact]
    public async Task UpgradeWithoutMqttSubprotocolIsRefused()
    {
        var log = new MemoryLogSink();
        await using var host = await EmulatorServer.StartAsync(TestConfigs.Load(TestConfigs.Default()), new EmulatorServerOptions { Log = log });
        await Assert.ThrowsAnyAsync<WebSocketException>(() => OpenAsync(host.Ports[0], "", null, "chat"));
        var e = await log.WaitForAsync(x => x.Event == LogEvents.Refused, LogWait);
        Assert.Contains("subprotocol 'mqtt'", e.Rule);
    }
}
