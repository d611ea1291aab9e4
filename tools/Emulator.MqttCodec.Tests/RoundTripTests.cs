using FsCheck;
using FsCheck.Fluent;
using AwsIotDevice.Emulator.MqttCodec.Formatting;
using AwsIotDevice.Emulator.MqttCodec.Packets;
using AwsIotDevice.Emulator.MqttCodec.Tests.Support;

namespace AwsIotDevice.Emulator.MqttCodec.Tests;

/// <summary>Encode then decode gives back every field, for random valid packets of every type and both versions.</summary>
public class RoundTripTests
{
    private static void RoundTrip(MqttProtocolVersion v, MqttPacket original)
    {
        var frame = MqttEncoder.Encode(original, v);
        Assert.Equal(frame.Length, MqttEncoder.GetEncodedSize(original, v));
        var decoded = MqttDecoder.DecodeFrame(frame, v);
        Assert.Equal(original.GetType(), decoded.GetType());
        Assert.Equal(Describe.Packet(original), Describe.Packet(decoded));
        Assert.Equal(Generators.Hex(frame), Generators.Hex(MqttEncoder.Encode(decoded, v)));
    }

    private static void ForBothVersions<T>(Func<MqttProtocolVersion, Gen<T>> gen, int maxTest = 100) where T : MqttPacket
    {
        foreach (var v in new[] { MqttProtocolVersion.V311, MqttProtocolVersion.V500 })
            Props.ForAll(gen(v), p => RoundTrip(v, p), maxTest);
    }

    [Fact] public void Connect() => ForBothVersions(Generators.Connect);

    [Fact] public void ConnAck() => ForBothVersions(Generators.ConnAck);

    [Fact] public void Publish() => ForBothVersions(v => Generators.Publish(v), 60);

    [Fact] public void PublishAcks() => ForBothVersions(Generators.PublishAck);

    [Fact] public void Subscribe() => ForBothVersions(Generators.Subscribe);

    [Fact] public void SubAck() => ForBothVersions(Generators.SubAck);

    [Fact] public void Unsubscribe() => ForBothVersions(Generators.Unsubscribe);

    [Fact] public void UnsubAck() => ForBothVersions(Generators.UnsubAck);

    [Fact] public void DisconnectAndAuth() => ForBothVersions(Generators.DisconnectOrAuth);

    [Fact]
    public void Ping()
    {
        RoundTrip(MqttProtocolVersion.V311, new PingReqPacket());
        RoundTrip(MqttProtocolVersion.V311, new PingRespPacket());
        RoundTrip(MqttProtocolVersion.V500, new PingReqPacket());
    }

    [Fact]
    public void PublishPayloadOf100KiBSurvives()
    {
        var payload = new byte[100 * 1024];
        new Random(7).NextBytes(payload);
        var p = new PublishPacket { Topic = "big/one", QoS = MqttQos.AtLeastOnce, PacketId = 65535, Payload = payload };
        var back = (PublishPacket)MqttDecoder.DecodeFrame(MqttEncoder.Encode(p, MqttProtocolVersion.V311), MqttProtocolVersion.V311);
        Assert.True(back.Payload.Span.SequenceEqual(payload));
    }
}
