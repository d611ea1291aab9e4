using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.Emulator.MqttCodec.Formatting;

/// <summary>CONNACK body (section 3.2).</summary>
internal static class ConnAckCodec
{
    public static ConnAckPacket Decode(ref MqttReader r, MqttProtocolVersion v)
    {
        byte ackFlags = r.ReadByte("connect acknowledge flags");
        if ((ackFlags & 0xFE) != 0) throw MqttProtocolException.Malformed("CONNACK: reserved acknowledge flag bits 7-1 are set (MQTT-3.2.2-1)");
        var p = new ConnAckPacket { SessionPresent = (ackFlags & 1) != 0, ReasonCode = r.ReadByte("return code") };
        ReasonCodeRules.Check(MqttPacketType.ConnAck, p.ReasonCode, v, encoding: false);
        CheckSessionPresent(p, v, "CONNACK");
        if (v == MqttProtocolVersion.V500) p.Properties = PropertiesCodec.Read(ref r, PropertyRules.Of(MqttPacketType.ConnAck));
        r.ExpectEnd("CONNACK");
        return p;
    }

    private static void CheckSessionPresent(ConnAckPacket p, MqttProtocolVersion v, string what)
    {
        bool refused = v == MqttProtocolVersion.V311 ? p.ReasonCode != 0 : p.ReasonCode >= 0x80;
        if (p.SessionPresent && refused)
            throw MqttProtocolException.Malformed($"{what}: session present is set on a refused connection (MQTT-3.2.2-4 / MQTT-3.2.2-6)");
    }

    public static void Write(ref MqttWriter w, ConnAckPacket p, MqttProtocolVersion v)
    {
        Guards.NoProperties(p.Properties, v, "CONNACK");
        ReasonCodeRules.Check(MqttPacketType.ConnAck, p.ReasonCode, v, encoding: true);
        CheckSessionPresent(p, v, "cannot encode CONNACK");
        w.WriteByte(p.SessionPresent ? (byte)1 : (byte)0);
        w.WriteByte(p.ReasonCode);
        if (v == MqttProtocolVersion.V500) ConnectCodec.WriteProps(ref w, p.Properties, PropertyRules.Of(MqttPacketType.ConnAck));
    }
}
