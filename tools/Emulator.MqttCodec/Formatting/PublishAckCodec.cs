using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.Emulator.MqttCodec.Formatting;

/// <summary>PUBACK, PUBREC, PUBREL, PUBCOMP (sections 3.4-3.7). 5.0 may omit the reason code (= 0) and properties.</summary>
internal static class PublishAckCodec
{
    public static PublishAckPacket Decode(ref MqttReader r, MqttPacketType type, MqttProtocolVersion v)
    {
        PublishAckPacket p = type switch
        {
            MqttPacketType.PubAck => new PubAckPacket(),
            MqttPacketType.PubRec => new PubRecPacket(),
            MqttPacketType.PubRel => new PubRelPacket(),
            _ => new PubCompPacket(),
        };
        p.PacketId = Guards.NonZeroPacketId(ref r);
        if (v == MqttProtocolVersion.V500 && r.Remaining > 0)
        {
            p.ReasonCode = r.ReadByte("reason code");
            ReasonCodeRules.Check(type, p.ReasonCode, v, encoding: false);
            if (r.Remaining > 0) p.Properties = PropertiesCodec.Read(ref r, PropertyRules.Of(type));
        }
        r.ExpectEnd(Names.Of(type));
        return p;
    }

    public static void Write(ref MqttWriter w, PublishAckPacket p, MqttProtocolVersion v)
    {
        Guards.NoProperties(p.Properties, v, Names.Of(p.Type));
        Guards.NonZeroPacketId(p.PacketId, p.Type);
        ReasonCodeRules.Check(p.Type, p.ReasonCode, v, encoding: true);
        w.WriteUInt16(p.PacketId);
        if (v == MqttProtocolVersion.V311 || (p.ReasonCode == 0 && p.Properties.Count == 0)) return;
        w.WriteByte(p.ReasonCode);
        if (p.Properties.Count > 0) ConnectCodec.WriteProps(ref w, p.Properties, PropertyRules.Of(p.Type));
    }
}
