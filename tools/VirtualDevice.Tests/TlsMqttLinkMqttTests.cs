using System.Diagnostics;
using System.Text;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.VirtualDevice.Tests.Support;
using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.VirtualDevice.Tests;

/// <summary>MQTT behaviour of <see cref="TlsMqttLink"/> against a scripted in-process broker: refusals, timeouts, keep-alive.</summary>
public sealed class TlsMqttLinkMqttTests
{
    private static readonly TlsMqttLinkOptions Fast = new() { TlsTimeoutMs = 10000, ConnAckTimeoutMs = 10000, TcpTimeoutMs = 10000, WriteTimeoutMs = 10000 };

    [Fact]
    public void ConnectSendsTheRequestAsMqtt311Connect()
    {
        var pki = TestPki.Create();
        using var broker = FakeTlsBroker.Start(pki.IssueServer("localhost"));
        using var link = new TlsMqttLink(pki.Anchors(), Fast);
        MqttConnectRequest request = Requests.To(broker.Port, clientId: "dev-42", keepAlive: 45);
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
    public void RefusingConnAckIsConnectRefusedWithTheCode()
    {
        var pki = TestPki.Create();
        using var broker = FakeTlsBroker.Start(pki.IssueServer("localhost"), new FakeBrokerScript { ConnAckCode = ConnectReturnCodes.NotAuthorized });
        using var link = new TlsMqttLink(pki.Anchors(), Fast);

        Fault fault = link.Connect(Requests.To(broker.Port));

        Assert.Equal(Fault.ConnectRefused, fault);
        Assert.Contains("return code 5", link.LastErrorDetail);
        Assert.Contains("not authorized", link.LastErrorDetail);
        Assert.False(link.IsConnected);
    }

    [Fact]
    public void CloseWithoutConnAckIsConnectRefusedTheAwsWay()
    {
        var pki = TestPki.Create();
        using var broker = FakeTlsBroker.Start(pki.IssueServer("localhost"), new FakeBrokerScript { CloseAfterConnect = true });
        using var link = new TlsMqttLink(pki.Anchors(), Fast);

        Fault fault = link.Connect(Requests.To(broker.Port));

        Assert.Equal(Fault.ConnectRefused, fault);
        Assert.Equal(TlsMqttLink.ClosedWithoutConnack, link.LastErrorDetail);
    }

    [Fact]
    public void SilentBrokerIsConnectTimeout()
    {
        var pki = TestPki.Create();
        using var broker = FakeTlsBroker.Start(pki.IssueServer("localhost"), new FakeBrokerScript { ConnAckCode = null });
        using var link = new TlsMqttLink(pki.Anchors(), new TlsMqttLinkOptions { ConnAckTimeoutMs = 1500 });
        var clock = Stopwatch.StartNew();

        Fault fault = link.Connect(Requests.To(broker.Port));

        Assert.Equal(Fault.ConnectTimeout, fault);
        Assert.Contains("no CONNACK", link.LastErrorDetail);
        Assert.InRange(clock.ElapsedMilliseconds, 1000, 8000);
    }

    [Fact]
    public void NothingListeningIsTcpFailure()
    {
        var pki = TestPki.Create();
        using var link = new TlsMqttLink(pki.Anchors(), Fast);

        Fault fault = link.Connect(Requests.To(TestPki.FreePort()));

        Assert.Equal(Fault.TcpFailure, fault);
        Assert.Contains("ConnectionRefused", link.LastErrorDetail);
    }

    [Fact]
    public void Qos1PublishWaitsForPubAckAndQos0DoesNot()
    {
        var pki = TestPki.Create();
        using var broker = FakeTlsBroker.Start(pki.IssueServer("localhost"));
        using var link = new TlsMqttLink(pki.Anchors(), Fast);
        Assert.Equal(Fault.None, link.Connect(Requests.To(broker.Port)));
        byte[] buffer = Encoding.UTF8.GetBytes("{\"seq\":1}ignored-tail");

        Assert.Equal(Fault.None, link.Publish("dt/dev/telemetry", buffer, 9, 1, 5000));
        Assert.Equal(Fault.None, link.Publish("dt/dev/telemetry", buffer, 9, 1, 5000));
        Assert.Equal(Fault.None, link.Publish("dt/dev/zero", buffer, 9, 0, 5000));

        Assert.NotNull(broker.WaitFor<PublishPacket>(TimeSpan.FromSeconds(5)));
        DateTime until = DateTime.UtcNow.AddSeconds(5);
        while (broker.Received.OfType<PublishPacket>().Count() < 3 && DateTime.UtcNow < until)
        {
            Thread.Sleep(20);
        }

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
        using var link = new TlsMqttLink(pki.Anchors(), Fast);
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
        using var link = new TlsMqttLink(pki.Anchors(), Fast);
        Assert.Equal(Fault.None, link.Connect(Requests.To(broker.Port)));

        Fault fault = link.Publish("dt/+/telemetry", [1], 1, 1, 2000);

        Assert.Equal(Fault.PublishRejected, fault);
        Assert.Contains("PUBLISH", link.LastErrorDetail);
        Assert.True(link.IsConnected);
        Assert.Equal(Fault.None, link.Publish("dt/ok/telemetry", [1], 1, 1, 5000));
    }

    [Fact]
    public void SeverEndsTheSessionAndPublishReportsConnectionLost()
    {
        var pki = TestPki.Create();
        using var broker = FakeTlsBroker.Start(pki.IssueServer("localhost"));
        using var link = new TlsMqttLink(pki.Anchors(), Fast);
        Assert.Equal(Fault.None, link.Connect(Requests.To(broker.Port)));

        link.Sever();

        Assert.True(Wait.Until(() => !link.IsConnected, TimeSpan.FromSeconds(5)), "the reader did not notice the severed socket");
        Assert.Equal(Fault.ConnectionLost, link.Publish("dt/dev/telemetry", [1], 1, 1, 1000));
        Assert.NotEqual(string.Empty, link.LastErrorDetail);
    }

    [Fact]
    public void ServerClosingTheSessionIsNoticedByTheReader()
    {
        var pki = TestPki.Create();
        using var broker = FakeTlsBroker.Start(pki.IssueServer("localhost"));
        using var link = new TlsMqttLink(pki.Anchors(), Fast);
        Assert.Equal(Fault.None, link.Connect(Requests.To(broker.Port)));

        broker.Dispose(); // its connections end: the TLS stream closes under the client

        DateTime until = DateTime.UtcNow.AddSeconds(5);
        while (link.IsConnected && DateTime.UtcNow < until)
        {
            Thread.Sleep(20);
        }

        Assert.False(link.IsConnected);
        Assert.Matches("closed the connection|connection lost", link.LastErrorDetail);
        Assert.Equal(Fault.ConnectionLost, link.Publish("dt/dev/telemetry", [1], 1, 1, 2000));
    }

    [Fact]
    public void KeepAliveSendsPingReqAndUnansweredPingEndsTheSession()
    {
        var pki = TestPki.Create();
        using var answering = FakeTlsBroker.Start(pki.IssueServer("localhost"));
        using var silent = FakeTlsBroker.Start(pki.IssueServer("localhost"), new FakeBrokerScript { AnswerPings = false });
        using var healthy = new TlsMqttLink(pki.Anchors(), new TlsMqttLinkOptions { PingResponseTimeoutMs = 3000 });
        using var starved = new TlsMqttLink(pki.Anchors(), new TlsMqttLinkOptions { PingResponseTimeoutMs = 700 });

        Assert.Equal(Fault.None, healthy.Connect(Requests.To(answering.Port, keepAlive: 1)));
        Assert.Equal(Fault.None, starved.Connect(Requests.To(silent.Port, keepAlive: 1)));

        Assert.NotNull(answering.WaitFor<PingReqPacket>(TimeSpan.FromSeconds(5)));
        DateTime until = DateTime.UtcNow.AddSeconds(6);
        while (starved.IsConnected && DateTime.UtcNow < until)
        {
            Thread.Sleep(50);
        }

        Assert.False(starved.IsConnected);
        Assert.Contains("no PINGRESP", starved.LastErrorDetail);
        Assert.True(healthy.IsConnected, healthy.LastErrorDetail);
    }

    [Fact]
    public void CloseSendsDisconnectAndIsRepeatable()
    {
        var pki = TestPki.Create();
        using var broker = FakeTlsBroker.Start(pki.IssueServer("localhost"));
        using var link = new TlsMqttLink(pki.Anchors(), Fast);
        Assert.Equal(Fault.None, link.Connect(Requests.To(broker.Port)));

        link.Close();
        link.Close();

        Assert.NotNull(broker.WaitFor<DisconnectPacket>(TimeSpan.FromSeconds(5)));
        Assert.False(link.IsConnected);
    }
}
