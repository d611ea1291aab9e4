using AwsIotDevice.Emulator.MqttCodec.Packets;
using AwsIotDevice.Emulator.MqttCodec.Topics;

namespace AwsIotDevice.Emulator.MqttCodec.Formatting;

/// <summary>SUBSCRIBE (section 3.8) and SUBACK (section 3.9).</summary>
internal static class SubscribeCodec
{
    public static SubscribePacket Decode(ref MqttReader r, MqttProtocolVersion v)
    {
        var p = new SubscribePacket { PacketId = Guards.NonZeroPacketId(ref r) };
        if (v == MqttProtocolVersion.V500) p.Properties = PropertiesCodec.Read(ref r, PropertyRules.Of(MqttPacketType.Subscribe));
        while (r.Remaining > 0)
        {
            int n = p.Subscriptions.Count + 1;
            var s = new MqttSubscription { TopicFilter = r.ReadString($"topic filter #{n}") };
            var reason = MqttTopic.CheckFilter(s.TopicFilter);
            if (reason is not null) throw MqttProtocolException.Malformed($"SUBSCRIBE: filter #{n}: {reason}");
            byte options = r.ReadByte($"subscription options #{n}");
            if (v == MqttProtocolVersion.V311 && (options & 0xFC) != 0)
                throw MqttProtocolException.Malformed($"SUBSCRIBE: filter #{n}: reserved bits 7-2 of requested QoS are set (MQTT-3.8.3-4)");
            if (v == MqttProtocolVersion.V500 && (options & 0xC0) != 0)
                throw MqttProtocolException.Malformed($"SUBSCRIBE: filter #{n}: reserved option bits 7-6 are set (MQTT-3.8.3-5)");
            s.QoS = Guards.Qos(options & 0x03, $"SUBSCRIBE: filter #{n}", "MQTT-3.8.3-4");
            s.NoLocal = (options & 0x04) != 0;
            s.RetainAsPublished = (options & 0x08) != 0;
            s.RetainHandling = (byte)((options >> 4) & 0x03);
            if (s.RetainHandling == 3) throw MqttProtocolException.Malformed($"SUBSCRIBE: filter #{n}: retain handling 3 is reserved");
            p.Subscriptions.Add(s);
        }
        if (p.Subscriptions.Count == 0) throw MqttProtocolException.Protocol("SUBSCRIBE: no topic filter (MQTT-3.8.3-3)");
        return p;
    }

    public static void Write(ref MqttWriter w, SubscribePacket p, MqttProtocolVersion v)
    {
        Guards.NoProperties(p.Properties, v, "SUBSCRIBE");
        Guards.NonZeroPacketId(p.PacketId, MqttPacketType.Subscribe);
        if (p.Subscriptions.Count == 0) throw MqttProtocolException.Protocol("cannot encode SUBSCRIBE: no topic filter (MQTT-3.8.3-3)");
        w.WriteUInt16(p.PacketId);
        if (v == MqttProtocolVersion.V500) ConnectCodec.WriteProps(ref w, p.Properties, PropertyRules.Of(MqttPacketType.Subscribe));
        foreach (var s in p.Subscriptions)
        {
            var reason = MqttTopic.CheckFilter(s.TopicFilter);
            if (reason is not null) throw MqttProtocolException.Malformed($"cannot encode SUBSCRIBE: {reason}");
            Guards.Qos((int)s.QoS, "cannot encode SUBSCRIBE", "MQTT-3.8.3-4");
            bool v5Options = s.NoLocal || s.RetainAsPublished || s.RetainHandling != 0;
            if (v == MqttProtocolVersion.V311 && v5Options)
                throw MqttProtocolException.Malformed("cannot encode SUBSCRIBE: No Local / Retain As Published / Retain Handling need MQTT 5.0");
            if (s.RetainHandling > 2) throw MqttProtocolException.Malformed($"cannot encode SUBSCRIBE: retain handling {s.RetainHandling} is not 0, 1 or 2");
            w.WriteString(s.TopicFilter, "SUBSCRIBE topic filter");
            w.WriteByte((byte)((int)s.QoS | (s.NoLocal ? 0x04 : 0) | (s.RetainAsPublished ? 0x08 : 0) | (s.RetainHandling << 4)));
        }
    }

    public static SubAckPacket DecodeAck(ref MqttReader r, MqttProtocolVersion v)
    {
        var p = new SubAckPacket { PacketId = Guards.NonZeroPacketId(ref r) };
        if (v == MqttProtocolVersion.V500) p.Properties = PropertiesCodec.Read(ref r, PropertyRules.Of(MqttPacketType.SubAck));
        ReadCodes(ref r, p.ReasonCodes, MqttPacketType.SubAck, v);
        return p;
    }

    public static void WriteAck(ref MqttWriter w, SubAckPacket p, MqttProtocolVersion v)
    {
        Guards.NoProperties(p.Properties, v, "SUBACK");
        Guards.NonZeroPacketId(p.PacketId, MqttPacketType.SubAck);
        WriteCodesCheck(p.ReasonCodes, MqttPacketType.SubAck, v);
        w.WriteUInt16(p.PacketId);
        if (v == MqttProtocolVersion.V500) ConnectCodec.WriteProps(ref w, p.Properties, PropertyRules.Of(MqttPacketType.SubAck));
        foreach (var c in p.ReasonCodes) w.WriteByte(c);
    }

    /// <summary>Reads one code per remaining byte; at least one is required.</summary>
    internal static void ReadCodes(ref MqttReader r, List<byte> codes, MqttPacketType type, MqttProtocolVersion v)
    {
        while (r.Remaining > 0)
        {
            byte c = r.ReadByte("reason code");
            ReasonCodeRules.Check(type, c, v, encoding: false);
            codes.Add(c);
        }
        if (codes.Count == 0) throw MqttProtocolException.Protocol($"{Names.Of(type)}: no return/reason code");
    }

    internal static void WriteCodesCheck(List<byte> codes, MqttPacketType type, MqttProtocolVersion v)
    {
        if (codes.Count == 0) throw MqttProtocolException.Protocol($"cannot encode {Names.Of(type)}: no return/reason code");
        foreach (var c in codes) ReasonCodeRules.Check(type, c, v, encoding: true);
    }
}
