using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using AwsIotDevice.Emulator.Auth;
using AwsIotDevice.Emulator.Logging;
using AwsIotDevice.Emulator.MqttCodec.Channel;
using AwsIotDevice.Emulator.MqttCodec.Packets;
using AwsIotDevice.Emulator.Server;
using AwsIotDevice.Emulator.Tests.Support;

namespace AwsIotDevice.Emulator.Tests;

/// <summary>
/// The emulator's built-in (reference) authorizer accepts a correct device on every protocol: MQTT over WebSockets with
/// the credentials in the upgrade headers or in the upgrade query string (no username at all), and HTTPS publish
/// (which carries no client id, so the grant is iot:Publish on the token's own topics only). The events it is given
/// are checked against the shape in the reference (protocols, protocolData.http headers/queryString, mqtt.clientId).
/// </summary>
public class BuiltInAuthorizerProtocolTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static async Task<(EmulatorServer Host, MemoryLogSink Log, CountingInvoker Invoker)> StartAsync()
    {
        var config = TestConfigs.Default();
        var log = new MemoryLogSink();
        var invoker = new CountingInvoker(new ReferenceAuthorizerInvoker(config.Aws));
        var host = await EmulatorServer.StartAsync(TestConfigs.Load(config), new EmulatorServerOptions { Log = log, Invoker = invoker });
        return (host, log, invoker);
    }

    private static async Task<(ClientWebSocket Ws, MqttChannel Channel)> OpenAsync(int port, string query, IDictionary<string, string> headers)
    {
        var ws = new ClientWebSocket();
        ws.Options.AddSubProtocol("mqtt");
        ws.Options.RemoteCertificateValidationCallback = (_, cert, _, errors) => EmulatorTestPki.Validate(cert, errors, false);
        foreach (var kv in headers) ws.Options.SetRequestHeader(kv.Key, kv.Value);
        using var cts = new CancellationTokenSource(Wait);
        await ws.ConnectAsync(new Uri($"wss://localhost:{port}/mqtt{query}"), cts.Token);
        return (ws, new MqttChannel(WebSocketStream.Create(ws, WebSocketMessageType.Binary, ownsWebSocket: false)));
    }

    private static async Task<MqttPacket?> ReadAsync(MqttChannel channel)
    {
        using var cts = new CancellationTokenSource(Wait);
        try { return await channel.ReadPacketAsync(cts.Token); }
        catch (Exception e) when (e is IOException or WebSocketException) { return null; }
    }

    [Theory]
    [InlineData("headers")]
    [InlineData("query")]
    public async Task WebSocketDeviceIsAcceptedWithCredentialsInTheUpgradeRequest(string where)
    {
        var (host, log, invoker) = await StartAsync();
        await using (host)
        {
            string clientId = "wss-" + where;
            string token = TestConfigs.Token(clientId);
            string signature = TestConfigs.Sign(token);
            var headers = new Dictionary<string, string>();
            string query = "";
            if (where == "headers")
            {
                // Raw base64, as in AWS's curl example: headers are not percent-encoded.
                headers["x-amz-customauthorizer-name"] = TestConfigs.Authorizer;
                headers["x-amz-customauthorizer-signature"] = signature;
                headers[TestConfigs.TokenKey] = token;
            }
            else
            {
                query = $"?x-amz-customauthorizer-name={TestConfigs.Authorizer}&x-amz-customauthorizer-signature={Uri.EscapeDataString(signature)}&{TestConfigs.TokenKey}={token}";
            }

            var (ws, channel) = await OpenAsync(host.Ports[0], query, headers);
            using (ws)
            {
                using var cts = new CancellationTokenSource(Wait);
                await channel.WritePacketAsync(RawMqttClient.Connect(clientId, null), cts.Token);
                var ack = Assert.IsType<ConnAckPacket>(await ReadAsync(channel));
                Assert.True(ack.ReasonCode == 0, string.Join(" | ", log.Entries.Select(e => e.Rule)));
                await channel.WritePacketAsync(new PublishPacket { Topic = $"devices/{clientId}/telemetry", Payload = new byte[] { 1 }, QoS = MqttQos.AtLeastOnce, PacketId = 7 }, cts.Token);
                Assert.IsType<PubAckPacket>(await ReadAsync(channel));
            }

            using JsonDocument e = JsonDocument.Parse(invoker.LastEvent!);
            JsonElement root = e.RootElement;
            Assert.Equal(["tls", "http", "mqtt"], root.GetProperty("protocols").EnumerateArray().Select(p => p.GetString()));
            Assert.True(root.GetProperty("signatureVerified").GetBoolean());
            Assert.Equal(token, root.GetProperty("token").GetString());
            JsonElement http = root.GetProperty("protocolData").GetProperty("http");
            Assert.Equal(JsonValueKind.Object, http.GetProperty("headers").ValueKind);
            if (where == "query")
            {
                Assert.StartsWith("?x-amz-customauthorizer-name=", http.GetProperty("queryString").GetString());
            }
            else
            {
                Assert.Equal(signature, http.GetProperty("headers").GetProperty("x-amz-customauthorizer-signature").GetString());
            }

            Assert.Equal(clientId, root.GetProperty("protocolData").GetProperty("mqtt").GetProperty("clientId").GetString());
            var ok = await log.WaitForAsync(x => x.Event == LogEvents.ConnectOk && x.ClientId == clientId, Wait);
            Assert.Equal("websocket", ok.Details!["transport"]);
        }
    }

    [Fact]
    public async Task WebSocketDeviceWithAnotherDevicesTokenIsRefusedByTheAuthorizer()
    {
        var (host, log, _) = await StartAsync();
        await using (host)
        {
            string token = TestConfigs.Token("owner");
            var headers = new Dictionary<string, string>
            {
                ["x-amz-customauthorizer-signature"] = TestConfigs.Sign(token),
                [TestConfigs.TokenKey] = token,
            };
            var (ws, channel) = await OpenAsync(host.Ports[0], "", headers);
            using (ws)
            {
                using var cts = new CancellationTokenSource(Wait);
                await channel.WritePacketAsync(RawMqttClient.Connect("thief", null), cts.Token);
                Assert.Null(await ReadAsync(channel));
            }

            var refused = await log.WaitForAsync(x => x.Event == LogEvents.Refused && x.ClientId == "thief", Wait);
            Assert.Contains("isAuthenticated: false", refused.Rule);
            Assert.Contains("issued for client id 'owner'", refused.Rule);
        }
    }

    private static async Task<int> PostAsync(int port, string target, IDictionary<string, string> headers, string body)
    {
        await using var c = await RawMqttClient.ConnectTlsAsync(port, EmulatorTestPki.AtsHost, ["http/1.1"]);
        var sb = new StringBuilder($"POST {target} HTTP/1.1\r\nHost: {EmulatorTestPki.AtsHost}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n");
        foreach (var kv in headers) sb.Append($"{kv.Key}: {kv.Value}\r\n");
        sb.Append("\r\n").Append(body);
        await c.Ssl.WriteAsync(Encoding.UTF8.GetBytes(sb.ToString()));
        using var reader = new StreamReader(c.Ssl);
        using var cts = new CancellationTokenSource(Wait);
        string response = await reader.ReadToEndAsync(cts.Token);
        return int.Parse(response.Split(' ')[1]);
    }

    [Fact]
    public async Task HttpsPublishIsAcceptedOnTheTokensOwnTopicsOnly()
    {
        var (host, log, invoker) = await StartAsync();
        await using (host)
        {
            const string clientId = "https-dev";
            await using var sub = await RawMqttClient.ConnectTlsAsync(host.Ports[0], EmulatorTestPki.AtsHost, ["mqtt"]);
            Assert.Equal(0, (await sub.ConnectAsync(RawMqttClient.Connect(clientId, TestConfigs.GoodUsername(clientId))))!.ReasonCode);
            await sub.SendAsync(new SubscribePacket { PacketId = 1, Subscriptions = [new MqttSubscription { TopicFilter = $"devices/{clientId}/telemetry", QoS = MqttQos.AtLeastOnce }] });
            Assert.IsType<SubAckPacket>(await sub.ReadAsync());

            string token = TestConfigs.Token(clientId);
            var headers = new Dictionary<string, string>
            {
                ["x-amz-customauthorizer-name"] = TestConfigs.Authorizer,
                ["x-amz-customauthorizer-signature"] = TestConfigs.Sign(token),
                [TestConfigs.TokenKey] = token,
            };
            Assert.Equal(200, await PostAsync(host.Ports[0], $"/topics/devices/{clientId}/telemetry?qos=1", headers, "{\"t\":1}"));
            var delivered = Assert.IsType<PublishPacket>(await sub.ReadAsync());
            Assert.Equal("{\"t\":1}", Encoding.UTF8.GetString(delivered.Payload.Span));

            using (JsonDocument e = JsonDocument.Parse(invoker.LastEvent!))
            {
                Assert.Equal(["tls", "http"], e.RootElement.GetProperty("protocols").EnumerateArray().Select(p => p.GetString()));
                Assert.False(e.RootElement.GetProperty("protocolData").TryGetProperty("mqtt", out _));
            }

            Assert.Equal(403, await PostAsync(host.Ports[0], "/topics/devices/other-dev/telemetry?qos=1", headers, "{\"t\":2}"));
            await log.WaitForAsync(x => x.Event == LogEvents.HttpPublish, Wait);
        }
    }
}
