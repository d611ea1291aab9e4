using System.Net;
using System.Net.Sockets;
using AwsIotDevice.Emulator.MqttCodec.Channel;
using AwsIotDevice.Emulator.MqttCodec.Packets;
using AwsIotDevice.Emulator.MqttCodec.Tests.Support;

namespace AwsIotDevice.Emulator.MqttCodec.Tests;

/// <summary>
/// The codec as a client of a real mosquitto broker started on 127.0.0.1 with a temporary config.
/// Bounded: 30 s per test; the broker (tools/TestSupport Mosquitto) is killed when the test ends.
/// </summary>
public class MosquittoBrokerInteropTests
{
    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task ConnectSubscribePublishQoS1Receive(MqttProtocolVersion version)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var broker = Mosquitto.Start();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, broker.Port, cts.Token);
        var channel = new MqttChannel(tcp.GetStream());

        await channel.WritePacketAsync(new ConnectPacket { ProtocolVersion = version, ClientId = "codec-" + Guid.NewGuid().ToString("N")[..8], KeepAliveSeconds = 30 }, cts.Token);
        var connack = Assert.IsType<ConnAckPacket>(await channel.ReadPacketAsync(cts.Token));
        Assert.Equal(0, connack.ReasonCode);

        var subscribe = new SubscribePacket { PacketId = 1, Subscriptions = [new MqttSubscription { TopicFilter = "interop/+/data", QoS = MqttQos.AtLeastOnce }] };
        await channel.WritePacketAsync(subscribe, cts.Token);
        var suback = Assert.IsType<SubAckPacket>(await channel.ReadPacketAsync(cts.Token));
        Assert.Equal(1, suback.PacketId);
        Assert.Equal(new byte[] { 1 }, suback.ReasonCodes);

        var payload = new byte[10_000];
        new Random(42).NextBytes(payload);
        var publish = new PublishPacket { Topic = "interop/dev1/data", QoS = MqttQos.AtLeastOnce, PacketId = 2, Payload = payload };
        if (version == MqttProtocolVersion.V500)
        {
            publish.Properties.Add(MqttProperty.FromString(MqttPropertyId.ContentType, "application/octet-stream"));
            publish.Properties.Add(MqttProperty.User("seq", "7"));
        }
        await channel.WritePacketAsync(publish, cts.Token);

        // The broker's PUBACK and its delivery of our own message may come in either order.
        PublishPacket? received = null;
        bool acked = false;
        while (received is null || !acked)
        {
            switch (await channel.ReadPacketAsync(cts.Token))
            {
                case PubAckPacket ack:
                    Assert.Equal(2, ack.PacketId);
                    acked = true;
                    break;
                case PublishPacket p:
                    received = p;
                    await channel.WritePacketAsync(new PubAckPacket { PacketId = p.PacketId }, cts.Token);
                    break;
                case var other:
                    Assert.Fail($"unexpected {other?.Type.ToString() ?? "end of stream"}");
                    break;
            }
        }
        Assert.Equal("interop/dev1/data", received.Topic);
        Assert.Equal(MqttQos.AtLeastOnce, received.QoS);
        Assert.True(received.Payload.Span.SequenceEqual(payload));
        if (version == MqttProtocolVersion.V500)
        {
            Assert.Equal("application/octet-stream", received.Properties.GetString(MqttPropertyId.ContentType));
            Assert.Contains(new KeyValuePair<string, string>("seq", "7"), received.Properties.UserProperties);
        }

        await channel.WritePacketAsync(new UnsubscribePacket { PacketId = 3, TopicFilters = ["interop/+/data"] }, cts.Token);
        Assert.Equal(3, Assert.IsType<UnsubAckPacket>(await channel.ReadPacketAsync(cts.Token)).PacketId);
        await channel.WritePacketAsync(new PingReqPacket(), cts.Token);
        Assert.IsType<PingRespPacket>(await channel.ReadPacketAsync(cts.Token));
        await channel.WritePacketAsync(new DisconnectPacket(), cts.Token);
        Assert.Null(await channel.ReadPacketAsync(cts.Token));
    }
}
