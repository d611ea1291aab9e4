using AwsIotDevice.Emulator.MqttCodec.Packets;
using AwsIotDevice.Emulator.MqttCodec.Topics;

namespace AwsIotDevice.Emulator.MqttCodec.Formatting;

/// <summary>UNSUBSCRIBE (section 3.10) and UNSUBACK (section 3.11).</summary>
internal static class UnsubscribeCodec
{
    public static UnsubscribePacket Decode(ref MqttReader r, MqttProtocolVersion v)
    {
        var p = new UnsubscribePacket { PacketId = Guards.NonZeroPacketId(ref r) };
        if (v == MqttProtocolVersion.V500) p.Properties = PropertiesCodec.Read(ref r, PropertyRules.Of(MqttPacketType.Unsubscribe));
        while (r.Remaining > 0)
        {
            int n = p.TopicFilters.Count + 1;
            string f = r.ReadString($"topic filter #{n}");
            var reason = MqttTopic.CheckFilter(f);
            if (reason is not null) throw MqttProtocolException.Malformed($"UNSUBSCRIBE: filter #{n}: {reason}");
            p.TopicFilters.Add(f);
        }
        if (p.TopicFilters.Count == 0) throw MqttProtocolException.Protocol("UNSUBSCRIBE: no topic filter (MQTT-3.10.3-2)");
        return p;
    }

    public static void Write(ref MqttWriter w, UnsubscribePacket p, MqttProtocolVersion v)
    {
        Guards.NoProperties(p.Properties, v, "UNSUBSCRIBE");
        Guards.NonZeroPacketId(p.PacketId, MqttPacketType.Unsubscribe);
        if (p.TopicFilters.Count == 0) throw MqttProtocolException.Protocol("cannot encode UNSUBSCRIBE: no topic filter (MQTT-3.10.3-2)");
        w.WriteUInt16(p.PacketId);
        if (v == MqttProtocolVersion.V500) ConnectCodec.WriteProps(ref w, p.Properties, PropertyRules.Of(MqttPacketType.Unsubscribe));
        foreach (var f in p.TopicFilters)
        {
            var reason = MqttTopic.CheckFilter(f);
            if (reason is not null) throw MqttProtocolException.Malformed($"cannot encode UNSUBSCRIBE: {reason}");
            w.WriteString(f, "UNSUBSCRIBE topic filter");
        }
    }

    public static UnsubAckPacket DecodeAck(ref MqttReader r, MqttProtocolVersion v)
    {
        var p = new UnsubAckPacket { PacketId = Guards.NonZeroPacketId(ref r) };
        if (v == MqttProtocolVersion.V500)
        {
            p.Properties = PropertiesCodec.Read(ref r, PropertyRules.Of(MqttPacketType.UnsubAck));
            SubscribeCodec.ReadCodes(ref r, p.ReasonCodes, MqttPacketType.UnsubAck, v);
        }
        r.ExpectEnd("UNSUBACK");
        return p;
    }

    public static void WriteAck(ref MqttWriter w, UnsubAckPacket p, MqttProtocolVersion v)
    {
        Guards.NoProperties(p.Properties, v, "UNSUBACK");
        Guards.NonZeroPacketId(p.PacketId, MqttPacketType.UnsubAck);
        if (v == MqttProtocolVersion.V311 && p.ReasonCodes.Count > 0)
            throw MqttProtocolException.Malformed("cannot encode UNSUBACK: reason codes need MQTT 5.0");
        if (v == MqttProtocolVersion.V500) SubscribeCodec.WriteCodesCheck(p.ReasonCodes, MqttPacketType.UnsubAck, v);
        w.WriteUInt16(p.PacketId);
        if (v == MqttProtocolVersion.V311) return;
        ConnectCodec.WriteProps(ref w, p.Properties, PropertyRules.Of(MqttPacketType.UnsubAck));
        foreach (var c in p.ReasonCodes) w.WriteByte(c);
    }
}
