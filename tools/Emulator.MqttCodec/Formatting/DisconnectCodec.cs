using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.Emulator.MqttCodec.Formatting;

/// <summary>
/// DISCONNECT (section 3.14) and AUTH (section 3.15): empty in 3.1.1; in 5.0 an optional reason code
/// (absent = 0) followed by optional properties.
/// </summary>
internal static class DisconnectCodec
{
    public static MqttPacket Decode(ref MqttReader r, MqttPacketType type, MqttProtocolVersion v)
    {
        byte code = 0;
        var props = new MqttProperties();
        if (v == MqttProtocolVersion.V500 && r.Remaining > 0)
        {
            code = r.ReadByte("reason code");
            ReasonCodeRules.Check(type, code, v, encoding: false);
            if (r.Remaining > 0) props = PropertiesCodec.Read(ref r, PropertyRules.Of(type));
        }
        r.ExpectEnd(Names.Of(type));
        return type == MqttPacketType.Auth
            ? new AuthPacket { ReasonCode = code, Properties = props }
            : new DisconnectPacket { ReasonCode = code, Properties = props };
    }

    public static void Write(ref MqttWriter w, MqttPacketType type, byte code, MqttProperties props, MqttProtocolVersion v)
    {
        Guards.NoProperties(props, v, Names.Of(type));
        ReasonCodeRules.Check(type, code, v, encoding: true);
        if (v == MqttProtocolVersion.V311 || (code == 0 && props.Count == 0)) return;
        w.WriteByte(code);
        if (props.Count > 0) ConnectCodec.WriteProps(ref w, props, PropertyRules.Of(type));
    }
}
