using System.Collections.Concurrent;
using System.Text;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Mqtt;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.VirtualDevice.Tests.Support;
using MQTTnet;
using MQTTnet.Protocol;

namespace AwsIotDevice.VirtualDevice.Tests;

/// <summary>
/// The virtual device in wss mode (Core's MQTT client over Core's WebSocket client over host TLS, exactly the board's
/// wss route) against an MQTT-over-WebSocket server nobody here wrote: MQTTnet 5's broker on Kestrel with TLS, on
/// 127.0.0.1. Messages go both ways through that broker, and the server's view of the upgrade shows no ALPN, SNI = the
/// endpoint and the custom-authorizer credentials.
/// </summary>
public sealed class MqttNetWebSocketTests
{
    private const string Token = "tok-mqttnet-secret-42";
    private const string Signature = "c2lnbmF0dXJl+Zm9y/bXF0dG5ldA==";

    [Fact]
    public async Task TheDevicesTelemetryReachesAnMqttNetSubscriberAndTheServerSawTheUpgradeCredentialsWithoutAlpn()
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var pki = TestPki.Create();
        await using var server = await MqttNetWss.StartAsync(pki.IssueServer("localhost"));
        using IMqttClient subscriber = await server.ConnectClientAsync(pki, "mqttnet-sub", budget.Token);
        var received = new ConcurrentQueue<string>();
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            received.Enqueue(Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
            return Task.CompletedTask;
        };
        await subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("dt/vdev-wss/telemetry", MqttQualityOfServiceLevel.AtLeastOnce).Build(), budget.Token);
        using var dir = new TempDir();
        string settingsPath = WriteSettings(dir, server.Port, DeviceSettings.WssCredentialsHeaders);
        var log = new RecordingLog();

        using var device = VirtualDeviceRunner.Start(new VirtualDeviceOptions { SettingsPath = settingsPath, Trust = pki.Anchors(), Log = log }, budget.Token);

        Assert.True(Wait.Until(() => received.Count(p => p.Contains("\"seq\":")) >= 2, TimeSpan.FromSeconds(30)), device.DescribeStatus() + "\n" + log.Text);
        Assert.Contains(received, p => p.Contains("\"seq\":1") && p.Contains("vdev-wss"));

        UpgradeSeen upgrade = server.Upgrades.First(u => u.Headers.ContainsKey("x-amz-customauthorizer-name"));
        Assert.Equal($"localhost:{server.Port}", upgrade.HostHeader);
        Assert.All(server.ServerNames, name => Assert.Equal("localhost", name));
        Assert.Equal(string.Empty, upgrade.Alpn);

        // Control: the server does record ALPN when a client offers one.
        Assert.Equal("http/1.1", await UpgradeAlpnOfferingHttp11Async(server, budget.Token));
        Assert.Equal("mqtt", upgrade.Headers["Sec-WebSocket-Protocol"]);
        Assert.Equal("WssAuthorizer", upgrade.Headers["x-amz-customauthorizer-name"]);
        Assert.Equal(Signature, upgrade.Headers["x-amz-customauthorizer-signature"]);
        Assert.Equal(Token, upgrade.Headers["token"]);
        Assert.Equal(string.Empty, upgrade.QueryString);
        Assert.Contains(server.Connects, c => c.ClientId == "vdev-wss" && c.UserName == "device" && c.Version == MQTTnet.Formatter.MqttProtocolVersion.V311);
        Assert.Equal(string.Empty, device.Link.NegotiatedApplicationProtocol);
        Assert.DoesNotContain(Token, log.Text + device.DescribeStatus());
        Assert.DoesNotContain(Signature, log.Text + device.DescribeStatus());
    }

    [Fact]
    public async Task TheDeviceLinkSubscribesReceivesAnMqttNetPublishAndAnswersIt()
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var pki = TestPki.Create();
        await using var server = await MqttNetWss.StartAsync(pki.IssueServer("localhost"));
        using IMqttClient peer = await server.ConnectClientAsync(pki, "mqttnet-peer", budget.Token);
        var replies = new ConcurrentQueue<string>();
        peer.ApplicationMessageReceivedAsync += e =>
        {
            replies.Enqueue(Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
            return Task.CompletedTask;
        };
        await peer.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("reply/vdev-link", MqttQualityOfServiceLevel.AtLeastOnce).Build(), budget.Token);
        using var link = new VirtualDeviceLink(pki.Anchors());
        var inbox = new Inbox();
        link.Core.MessageHandler = inbox;
        MqttConnectRequest request = Requests.To(server.Port, TransportMode.Wss, clientId: "vdev-link");
        request.WssCredentials = WssCredentials.Query;
        Assert.Equal(Fault.None, link.Connect(request));
        Assert.Equal(Fault.None, link.Core.Subscribe("cmd/vdev-link", 1, 10000));
        Assert.Equal(1, link.Core.Client.LastGrantedQos);

        await peer.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("cmd/vdev-link").WithPayload("ping-7").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), budget.Token);
        for (int i = 0; i < 100 && inbox.Messages.IsEmpty; i++)
        {
            Assert.Equal(Fault.None, link.Process(100));
        }

        Assert.Equal(("cmd/vdev-link", "ping-7", 1), Assert.Single(inbox.Messages));
        byte[] reply = Encoding.UTF8.GetBytes("pong-7");
        Assert.Equal(Fault.None, link.Publish("reply/vdev-link", reply, reply.Length, 1, 10000));
        Assert.True(Wait.Until(() => replies.Contains("pong-7"), TimeSpan.FromSeconds(10)), "the MQTTnet peer never got the device's reply");

        // Query placement: the credentials reached the server in the upgrade URL, decoded back to the raw values.
        UpgradeSeen upgrade = server.Upgrades.Last();
        Assert.Equal(Requests.Signature, upgrade.Query["x-amz-customauthorizer-signature"]);
        Assert.Equal("TestAuthorizer", upgrade.Query["x-amz-customauthorizer-name"]);
        Assert.Equal(Requests.Token, upgrade.Query["token"]);
        Assert.Contains("%2B", upgrade.QueryString, StringComparison.Ordinal);
        Assert.False(upgrade.Headers.ContainsKey("x-amz-customauthorizer-signature"));
        link.Close();
    }

    [Fact]
    public async Task AnMqttNetRefusalIsNamedByTheDevice()
    {
        var pki = TestPki.Create();
        await using var server = await MqttNetWss.StartAsync(pki.IssueServer("localhost"));
        server.Validate = e => e.UserName == "device" ? MqttConnectReasonCode.NotAuthorized : null;
        using var link = new VirtualDeviceLink(pki.Anchors());

        Fault fault = link.Connect(Requests.To(server.Port, TransportMode.Wss, clientId: "vdev-refused"));

        Assert.Equal(Fault.RefusedNotAuthorized, fault);
        Assert.Contains("return code 5", link.LastErrorDetail);
        Assert.False(link.IsConnected);
    }

    /// <summary>An upgrade request over TLS that offers ALPN http/1.1; returns the ALPN the server recorded for it.</summary>
    private static async Task<string> UpgradeAlpnOfferingHttp11Async(MqttNetWss server, CancellationToken ct)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(System.Net.IPAddress.Loopback, server.Port, ct);
        using var ssl = new System.Net.Security.SslStream(tcp.GetStream(), false);
        await ssl.AuthenticateAsClientAsync(new System.Net.Security.SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            ApplicationProtocols = [System.Net.Security.SslApplicationProtocol.Http11],
            RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null,
        }, ct);
        await ssl.WriteAsync(Encoding.ASCII.GetBytes($"GET /mqtt HTTP/1.1\r\nHost: localhost:{server.Port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: mqtt\r\nx-control: 1\r\n\r\n"), ct);
        byte[] response = new byte[256];
        _ = await ssl.ReadAsync(response, ct);
        return server.Upgrades.Last(u => u.Headers.ContainsKey("x-control")).Alpn;
    }

    private static string WriteSettings(TempDir dir, int port, string credentials)
    {
        var settings = new DeviceSettings
        {
            WifiSsid = "host-network",
            Endpoint = "localhost",
            Port = port,
            Mode = DeviceSettings.ModeWss,
            WssCredentials = credentials,
            AuthorizerName = "WssAuthorizer",
            Token = Token,
            Signature = Signature,
            ClientId = "vdev-wss",
            MqttUsername = "device",
            Topic = "dt/vdev-wss/telemetry",
            IntervalSeconds = 1,
        };
        Assert.Empty(SettingsValidator.Validate(settings));
        string path = dir.File("wss.settings");
        new FileSettingsStore(path).Save(SettingsCodec.FormatForStorage(settings));
        return path;
    }

    private sealed class Inbox : IMqttMessageHandler
    {
        public ConcurrentQueue<(string Topic, string Payload, int Qos)> Messages { get; } = new();

        public void OnMessage(string topic, byte[] payload, int offset, int count, int qos, bool retain) =>
            Messages.Enqueue((topic, Encoding.UTF8.GetString(payload, offset, count), qos));
    }
}
