using AwsIotDevice.Emulator.MqttCodec.Packets;
using AwsIotDevice.Emulator.MqttCodec.Topics;

namespace AwsIotDevice.Emulator.MqttCodec.Formatting;

/// <summary>PUBLISH (section 3.3): flags DUP/QoS/RETAIN in the fixed header.</summary>
internal static class PublishCodec
{
    public static byte Flags(PublishPacket p) =>
        (byte)((p.Dup ? 0x08 : 0) | ((int)p.QoS << 1) | (p.Retain ? 0x01 : 0));

    public static PublishPacket Decode(ref MqttReader r, byte flags, MqttProtocolVersion v)
    {
        var qos = Guards.Qos((flags >> 1) & 0x03, "PUBLISH", "MQTT-3.3.1-4");
        bool dup = (flags & 0x08) != 0;
        if (dup && qos == MqttQos.AtMostOnce) throw MqttProtocolException.Malformed("PUBLISH: DUP flag set on a QoS 0 message (MQTT-3.3.1-2)");
        var p = new PublishPacket { QoS = qos, Dup = dup, Retain = (flags & 0x01) != 0 };
        p.Topic = r.ReadString("topic name");
        if (qos != MqttQos.AtMostOnce) p.PacketId = Guards.NonZeroPacketId(ref r);
        if (v == MqttProtocolVersion.V500) p.Properties = PropertiesCodec.Read(ref r, PropertyRules.Of(MqttPacketType.Publish));
        CheckTopic(p, v, "PUBLISH");
        p.Payload = r.ReadRest();
        return p;
    }

    private static void CheckTopic(PublishPacket p, MqttProtocolVersion v, string what)
    {
        if (p.Topic.Length == 0 && v == MqttProtocolVersion.V500)
        {
            if (p.Properties.Find(MqttPropertyId.TopicAlias) is null)
                throw MqttProtocolException.Protocol($"{what}: empty topic name without a Topic Alias property");
            return;
        }
        var reason = MqttTopic.CheckName(p.Topic);
        if (reason is not null) throw MqttProtocolException.Malformed($"{what}: {reason}");
    }

    public static void Write(ref MqttWriter w, PublishPacket p, MqttProtocolVersion v)
    {
        Guards.NoProperties(p.Properties, v, "PUBLISH");
        Guards.Qos((int)p.QoS, "cannot encode PUBLISH", "MQTT-3.3.1-4");
        if (p.Dup && p.QoS == MqttQos.AtMostOnce) throw MqttProtocolException.Malformed("cannot encode PUBLISH: DUP set on a QoS 0 message (MQTT-3.3.1-2)");
        CheckTopic(p, v, "cannot encode PUBLISH");
        if (p.QoS != MqttQos.AtMostOnce) Guards.NonZeroPacketId(p.PacketId, MqttPacketType.Publish);
        else if (p.PacketId != 0) throw MqttProtocolException.Malformed("cannot encode PUBLISH: QoS 0 must not carry a packet identifier (MQTT-2.3.1-5)");
        w.WriteString(p.Topic, "PUBLISH topic name");
        if (p.QoS != MqttQos.AtMostOnce) w.WriteUInt16(p.PacketId);
        if (v == MqttProtocolVersion.V500) ConnectCodec.WriteProps(ref w, p.Properties, PropertyRules.Of(MqttPacketType.Publish));
        w.WriteBytes(p.Payload.Span);
    }
}
