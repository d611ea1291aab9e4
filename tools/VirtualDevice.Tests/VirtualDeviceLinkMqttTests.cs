using System.Diagnostics;
using System.Text;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Emulator.MqttCodec.Packets;
using AwsIotDevice.VirtualDevice.Tests.Support;

namespace AwsIotDevice.VirtualDevice.Tests;

/// <summary>
/// What the virtual device's link (Core's MQTT client, and Core's WebSocket client in wss mode, over host TLS) puts on
/// the wire and how it names failures, judged by an in-process broker built on the emulator's independent codec.
/// </summary>
public sealed class VirtualDeviceLinkMqttTests
{
    private static readonly HostLinkOptions Fast = new() { TlsTimeoutMs = 10000, ConnAckTimeoutMs = 10000, TcpTimeoutMs = 10000, WriteTimeoutMs = 10000 };

    [Theory]
    [InlineData(TransportMode.Domain)]
    [InlineData(TransportMode.Wss)]
    public void ConnectSendsTheRequestAsMqtt311Connect(TransportMode mode)
    {
        var pki = TestPki.Create();
        using var broker = FakeTlsBroker.Start(pki.IssueServer("localhost"));
        using var link = new VirtualDeviceLink(pki.Anchors(), Fast);
        MqttConnectRequest request = Requests.To(broker.Port, mode, clientId: "dev-42", keepAlive: 45);
        request.Password = "pw-secret";

        Assert.Equal(Fault.None, link.Connect(request));

        var connect = broker.WaitFor<ConnectPacket>(TimeSpan.FromSeconds(5));
        Assert.NotNull(connect);
        Assert.Equal(MqttProtocolVersion.V311, connect.ProtocolVersion);
        Assert.Equal("dev-42", connect.ClientId);
        Assert.Equal(request.Username, connect.Username);
        Assert.Equal("pw-secret", Encoding.UTF8.GetString(connect.Password!));
        Assert.Equal(45, connect.KeepAliveSeconds);
        Assert.True(connect.CleanSession);
        Assert.True(link.IsConnected);
    }

    [Fact]
    public void WssPutsTheCustomAuthorizerCredentialsInTheUpgradeHeaders()
    {
        var pki = TestPki.Create();
        using var broker = FakeTlsBroker.Start(pki.IssueServer("localhost"));
        using var link = new VirtualDeviceLink(pki.Anchors(), Fast);

        Assert.Equal(Fault.None, link.Connect(Requests.To(broker.Port, TransportMode.Wss)));

        Assert.StartsWith("GET /mqtt HTTP/1.1\r\n", broker.UpgradeRequest);
        Assert.Equal($"localhost:{broker.Port}", broker.UpgradeHeaders["Host"]);
        Assert.Equal("mqtt", broker.UpgradeHeaders["Sec-WebSocket-Protocol"]);
        Assert.Equal("TestAuthorizer", broker.UpgradeHeaders["x-amz-customauthorizer-name"]);
        Assert.Equal(Requests.Signature, broker.UpgradeHeaders["x-amz-customauthorizer-signature"]);
        Assert.Equal(Requests.Token, broker.UpgradeHeaders["token"]);
        Assert.Equal("device", broker.WaitFor<ConnectPacket>(TimeSpan.FromSeconds(5))!.Username);
    }

    [Fact]
    public void WssQueryPutsThemPercentEncodedInTheUrl()
    {
        var pki = TestPki.Create();
        using var broker = FakeTlsBroker.Start(pki.IssueServer("localhost"));
        using var link = new VirtualDeviceLink(pki.Anchors(), Fast);
        MqttConnectRequest request = Requests.To(broker.Port, TransportMode.Wss);
        request.WssCredentials = WssCredentials.Query;

        Assert.Equal(Fault.None, link.Connect(request));

        Assert.StartsWith("GET /mqtt?x-amz-customauthorizer-name=TestAuthorizer&x-amz-customauthorizer-signature=c2lnbmF0dXJl%2B%2Fw%3D%3D&token=tok-test-secret-1234 HTTP/1.1\r\n", broker.UpgradeRequest);
        Assert.False(broker.UpgradeHeaders.ContainsKey("x-amz-customauthorizer-signature"));
    }

    [Theory]
    [InlineData(TransportMode.Domain)]
    [InlineData(TransportMode.Wss)]
    public void RefusingConnAckIsNamedByItsCode(TransportMode mode)
    {
        var pki = TestPki.Create();
        using var broker = FakeTlsBroker.Start(pki.IssueServer("localhost"), new FakeBrokerScript { ConnAckCode = ConnectReturnCodes.NotAuthorized });
        using var link = new VirtualDeviceLink(pki.Anchors(), Fast);

        Fault fault = link.Connect(Requests.To(broker.Port, mode));

        Assert.Equal(Fault.RefusedNotAuthorized, fault);
        Assert.Contains("return code 5", link.LastErrorDetail);
        Assert.Contains("not authorized", link.LastErrorDetail);
        Assert.False(link.IsConnected);
    }

    [Theory]
    [InlineData(TransportMode.Domain)]
    [InlineData(TransportMode.Wss)]
    public void CloseWithoutConnAckIsConnectRefusedTheAwsWay(TransportMode mode)
    {
        var pki = TestPki.Create();
        using var broker = FakeTlsBroker.Start(pki.IssueServer("localhost"), new FakeBrokerScript { CloseAfterConnect = true });
        using var link = new VirtualDeviceLink(pki.Anchors(), Fast);

        Fault fault = link.Connect(Requests.To(broker.Port, mode));

        Assert.Equal(Fault.ConnectRefused, fault);
        Assert.Contains("before CONNACK", link.LastErrorDetail);
        Assert.DoesNotContain(Requests.Token, link.LastErrorDetail);
    }

    [Fact]
    public void SilentBrokerIsConnectTimeout()
    {
        var pki = TestPki.Create();
        using var broker = FakeTlsBroker.Start(pki.IssueServer("localhost"), new FakeBrokerScript { ConnAckCode = null });
        using var link = new VirtualDeviceLink(pki.Anchors(), new HostLinkOptions { ConnAckTimeoutMs = 1500 });
        var clock = Stopwatch.StartNew();

        Fault fault = link.Connect(Requests.To(broker.Port));

        Assert.Equal(Fault.ConnectTimeout, fault);
        Assert.Contains("no CONNACK", link.LastErrorDetail);
        Assert.InRange(clock.ElapsedMilliseconds, 1000, 8000);
    }

    [Theory]
    [InlineData(TransportMode.Domain)]
    [InlineData(TransportMode.Wss)]
    public void Qos1PublishWaitsForPubAckAndQos0DoesNot(TransportMode mode)
    {
        var pki = TestPki.Create();
        using var broker = FakeTlsBroker.Start(pki.IssueServer("localhost"));
        using var link = new VirtualDeviceLink(pki.Anchors(), Fast);
        Assert.Equal(Fault.None, link.Connect(Requests.To(broker.Port, mode)));
        byte[] buffer = Encoding.UTF8.GetBytes("{\"seq\":1}ignored-tail");

        Assert.Equal(Fault.None, link.Publish("dt/dev/telemetry", buffer, 9, 1, 5000));
        Assert.Equal(Fault.None, link.Publish("dt/dev/telemetry", buffer, 9, 1, 5000));
        Assert.Equal(Fault.None, link.Publish("dt/dev/zero", buffer, 9, 0, 5000));

        Assert.True(Wait.Until(() => broker.Received.OfType<PublishPacket>().Count() >= 3, TimeSpan.FromSeconds(5)));
        PublishPacket[] published = broker.Received.OfType<PublishPacket>().ToArray();
        Assert.Equal(3, published.Length);
        Assert.Equal("{\"seq\":1}", Encoding.UTF8.GetString(published[0].Payload.Span));
        Assert.NotEqual(published[0].PacketId, published[1].PacketId);
        Assert.All(published.Take(2), p => Assert.Equal(MqttQos.AtLeastOnce, p.QoS));
        Assert.Equal(MqttQos.AtMostOnce, published[2].QoS);
    }

    [Fact]
    public void MissingPubAckIsPublishTimeoutAndTheSessionStaysUp()
    {
        var pki = TestPki.Create();
        using var broker = FakeTlsBroker.Start(pki.IssueServer("localhost"), new FakeBrokerScript { AckPublishes = false });
        using var link = new VirtualDeviceLink(pki.Anchors(), Fast);
        Assert.Equal(Fault.None, link.Connect(Requests.To(broker.Port)));

        Fault fault = link.Publish("dt/dev/telemetry", [1, 2, 3], 3, 1, 300);

        Assert.Equal(Fault.PublishTimeout, fault);
        Assert.Contains("no PUBACK", link.LastErrorDetail);
        Assert.True(link.IsConnected);
    }

    [Fact]
    public void InvalidTopicIsPublishRejectedWithoutEndingTheSession()
    {
        var pki = TestPki.Create();
        using var broker = FakeTlsBroker.Start(pki.IssueServer("localhost"));
        using var link = new VirtualDeviceLink(pki.Anchors(), Fast);
        Assert.Equal(Fault.None, link.Connect(Requests.To(broker.Port)));

        Fault fault = link.Publish("dt/+/telemetry", [1], 1, 1, 2000);

        Assert.Equal(Fault.PublishRejected, fault);
        Assert.Contains("PUBLISH", link.LastErrorDetail);
        Assert.True(link.IsConnected);
        Assert.Equal(Fault.None, link.Publish("dt/ok/telemetry", [1], 1, 1, 5000));
    }

    [Theory]
    [InlineData(TransportMode.Domain)]
    [InlineData(TransportMode.Wss)]
    public void SeverIsNoticedByProcessAsConnectionLost(TransportMode mode)
    {
        var pki = TestPki.Create();
        using var broker = FakeTlsBroker.Start(pki.IssueServer("localhost"));
        using var link = new VirtualDeviceLink(pki.Anchors(), Fast);
        Assert.Equal(Fault.None, link.Connect(Requests.To(broker.Port, mode)));

        link.Sever();

        Assert.Equal(Fault.ConnectionLost, link.Process(5000));
        Assert.False(link.IsConnected);
        Assert.Equal(Fault.ConnectionLost, link.Publish("dt/dev/telemetry", [1], 1, 1, 1000));
        Assert.NotEqual(string.Empty, link.LastErrorDetail);
    }

    [Theory]
    [InlineData(TransportMode.Domain)]
    [InlineData(TransportMode.Wss)]
    public void ServerClosingTheSessionIsNoticedByProcess(TransportMode mode)
    {
        var pki = TestPki.Create();
        using var broker = FakeTlsBroker.Start(pki.IssueServer("localhost"));
        using var link = new VirtualDeviceLink(pki.Anchors(), Fast);
        Assert.Equal(Fault.None, link.Connect(Requests.To(broker.Port, mode)));

        broker.Dispose(); // its connections end: the TLS stream closes under the client

        Fault fault = link.Process(5000);
        Assert.Equal(Fault.ConnectionLost, fault);
        Assert.False(link.IsConnected);
        Assert.Matches("closed|lost", link.LastErrorDetail);
    }

    [Fact]
    public void ProcessSendsPingReqAndAnUnansweredPingIsKeepAliveTimeout()
    {
        var pki = TestPki.Create();
        using var answering = FakeTlsBroker.Start(pki.IssueServer("localhost"));
        using var silent = FakeTlsBroker.Start(pki.IssueServer("localhost"), new FakeBrokerScript { AnswerPings = false });
        using var healthy = new VirtualDeviceLink(pki.Anchors(), new HostLinkOptions { PingResponseTimeoutMs = 3000 });
        using var starved = new VirtualDeviceLink(pki.Anchors(), new HostLinkOptions { PingResponseTimeoutMs = 700 });
        Assert.Equal(Fault.None, healthy.Connect(Requests.To(answering.Port, TransportMode.Wss, keepAlive: 1)));
        Assert.Equal(Fault.None, starved.Connect(Requests.To(silent.Port, keepAlive: 1)));

        Assert.Equal(Fault.None, healthy.Process(2500));
        Assert.NotNull(answering.WaitFor<PingReqPacket>(TimeSpan.FromSeconds(5)));
        Fault fault = Fault.None;
        var clock = Stopwatch.StartNew();
        while (fault == Fault.None && clock.Elapsed < TimeSpan.FromSeconds(6))
        {
            fault = starved.Process(500);
        }

        Assert.Equal(Fault.KeepAliveTimeout, fault);
        Assert.Contains("PINGREQ", starved.LastErrorDetail);
        Assert.True(healthy.IsConnected, healthy.LastErrorDetail);
        Assert.True(healthy.Core.Client.PingsSent >= 1);
    }

    [Theory]
    [InlineData(TransportMode.Domain)]
    [InlineData(TransportMode.Wss)]
    public void CloseSendsDisconnectAndIsRepeatable(TransportMode mode)
    {
        var pki = TestPki.Create();
        using var broker = FakeTlsBroker.Start(pki.IssueServer("localhost"));
        using var link = new VirtualDeviceLink(pki.Anchors(), Fast);
        Assert.Equal(Fault.None, link.Connect(Requests.To(broker.Port, mode)));

        link.Close();
        link.Close();

        Assert.NotNull(broker.WaitFor<DisconnectPacket>(TimeSpan.FromSeconds(5)));
        Assert.False(link.IsConnected);
    }
}
