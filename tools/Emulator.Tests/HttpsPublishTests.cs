using System.Text;
using AwsIotDevice.Emulator.Auth;
using AwsIotDevice.Emulator.Config;
using AwsIotDevice.Emulator.Server;
using AwsIotDevice.Emulator.Logging;
using AwsIotDevice.Emulator.Tests.Support;
using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.Emulator.Tests;

/// <summary>HTTPS publish (POST /topics/...) on the no-ALPN / http/1.1 route of the default endpoint.</summary>
public class HttpsPublishTests
{
    private static readonly TimeSpan LogWait = TimeSpan.FromSeconds(10);
    private const string AllowAll = """{"isAuthenticated":true,"principalId":"p1","policyDocuments":["{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"Resource\":\"*\"}]}"]}""";
    private const string PublishOnlyA = """{"isAuthenticated":true,"principalId":"p1","policyDocuments":["{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iot:Publish\",\"iot:Connect\",\"iot:Subscribe\",\"iot:Receive\"],\"Resource\":\"*\"},{\"Effect\":\"Deny\",\"Action\":\"iot:Publish\",\"Resource\":\"arn:aws:iot:us-east-1:123456789012:topic/b\"}]}"]}""";

    private static async Task<(EmulatorServer Host, MemoryLogSink Log, CountingInvoker Invoker)> StartAsync(string answer)
    {
        var config = TestConfigs.Default();
        var log = new MemoryLogSink();
        var invoker = new CountingInvoker(_ => answer);
        var host = await EmulatorServer.StartAsync(TestConfigs.Load(config), new EmulatorServerOptions { Log = log, Invoker = invoker });
        return (host, log, invoker);
    }

    private static async Task<(int Status, string Body)> PostAsync(int port, string target, IDictionary<string, string> headers, string body, string[]? alpn = null)
    {
        await using var c = await RawMqttClient.ConnectTlsAsync(port, EmulatorTestPki.AtsHost, alpn);
        var sb = new StringBuilder($"POST {target} HTTP/1.1\r\nHost: {EmulatorTestPki.AtsHost}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n");
        foreach (var kv in headers) sb.Append($"{kv.Key}: {kv.Value}\r\n");
        sb.Append("\r\n").Append(body);
        await c.Ssl.WriteAsync(Encoding.UTF8.GetBytes(sb.ToString()));
        using var reader = new StreamReader(c.Ssl);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        string response = await reader.ReadToEndAsync(cts.Token);
        int status = int.Parse(response.Split(' ')[1]);
        return (status, response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
    }

    [Fact]
    public async Task AuthorizedPublishIsDeliveredToMqttSubscribers()
    {
        var (host, log, invoker) = await StartAsync(AllowAll);
        await using (host)
        {
            await using var sub = await RawMqttClient.ConnectTlsAsync(host.Ports[0], EmulatorTestPki.AtsHost, ["mqtt"]);
            Assert.Equal(0, (await sub.ConnectAsync(RawMqttClient.Connect("sub", "u?x-amz-customauthorizer-name=NoSigning")))!.ReasonCode);
            await sub.SendAsync(new SubscribePacket { PacketId = 1, Subscriptions = [new MqttSubscription { TopicFilter = "lab/#", QoS = MqttQos.AtLeastOnce }] });
            Assert.IsType<SubAckPacket>(await sub.ReadAsync());

            var (status, body) = await PostAsync(host.Ports[0], "/topics/lab/temp?qos=1", new Dictionary<string, string> { ["x-amz-customauthorizer-name"] = "NoSigning" }, "{\"t\":21}", ["http/1.1"]);
            Assert.Equal(200, status);
            Assert.Contains("\"message\":\"OK\"", body);
            var msg = Assert.IsType<PublishPacket>(await sub.ReadAsync());
            Assert.Equal("lab/temp", msg.Topic);
            Assert.Equal("{\"t\":21}", Encoding.UTF8.GetString(msg.Payload.Span));
            Assert.Contains("\"protocols\":[\"tls\",\"http\"]", invoker.LastEvent);
            Assert.Contains("\"queryString\":\"?qos=1\"", invoker.LastEvent);
            await log.WaitForAsync(e => e.Event == LogEvents.HttpPublish, LogWait);
        }
    }

    [Fact]
    public async Task NoAlpnPublishWithQueryCredentialsWorksAndBadSignatureIs401WithoutInvocation()
    {
        var (host, log, invoker) = await StartAsync(AllowAll);
        await using (host)
        {
            string token = TestConfigs.Token("dev1");
            string bad = AwsIotDevice.CustomAuth.Signing.TokenSignature.Sign(EmulatorTestPki.OtherKey, token);
            var headers = new Dictionary<string, string>
            {
                ["x-amz-customauthorizer-name"] = TestConfigs.Authorizer,
                ["x-amz-customauthorizer-signature"] = bad,
                [TestConfigs.TokenKey] = token,
            };
            var (status, _) = await PostAsync(host.Ports[0], "/topics/lab/x", headers, "x");
            Assert.Equal(401, status);
            Assert.Equal(0, invoker.Count);
            var e = await log.WaitForAsync(x => x.Event == LogEvents.Refused, LogWait);
            Assert.Contains("does not verify", e.Rule);
            Assert.DoesNotContain(token, JsonLineFormatter.Format(e));

            var (ok, _) = await PostAsync(host.Ports[0], "/topics/lab/x?x-amz-customauthorizer-name=NoSigning", new Dictionary<string, string>(), "x");
            Assert.Equal(200, ok);
        }
    }

    [Fact]
    public async Task PolicyDenialIs403AndOtherRequestsAre404()
    {
        var (host, log, _) = await StartAsync(PublishOnlyA);
        await using (host)
        {
            var name = new Dictionary<string, string> { ["x-amz-customauthorizer-name"] = "NoSigning" };
            Assert.Equal(200, (await PostAsync(host.Ports[0], "/topics/a", name, "1")).Status);
            Assert.Equal(403, (await PostAsync(host.Ports[0], "/topics/b", name, "1")).Status);
            var e = await log.WaitForAsync(x => x.Reason == LogReasons.ForbiddenAccess, LogWait);
            Assert.Contains("explicit Deny", e.Rule);
            Assert.Equal(404, (await PostAsync(host.Ports[0], "/shadow", name, "")).Status);
            Assert.Equal(400, (await PostAsync(host.Ports[0], "/topics/a?qos=2", name, "1")).Status);
        }
    }
}
