using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.Emulator.MqttCodec.Formatting;

/// <summary>Checks shared by the per-packet encoders and decoders.</summary>
internal static class Guards
{
    public static ushort NonZeroPacketId(ref MqttReader r)
    {
        ushort id = r.ReadUInt16("packet identifier");
        if (id == 0) throw MqttProtocolException.Malformed($"{r.Packet}: packet identifier is 0 (MQTT-2.3.1-1)");
        return id;
    }

    public static void NonZeroPacketId(ushort id, MqttPacketType t)
    {
        if (id == 0) throw MqttProtocolException.Malformed($"cannot encode {Names.Of(t)}: packet identifier is 0 (MQTT-2.3.1-1)");
    }

    /// <summary>3.1.1 has no properties: refuse to silently drop them.</summary>
    public static void NoProperties(MqttProperties props, MqttProtocolVersion v, string what)
    {
        if (v == MqttProtocolVersion.V311 && props.Count > 0)
            throw MqttProtocolException.Malformed($"cannot encode {what}: properties need MQTT 5.0, this connection is 3.1.1");
    }

    public static void Version(MqttProtocolVersion v)
    {
        if (v != MqttProtocolVersion.V311 && v != MqttProtocolVersion.V500)
            throw new MqttProtocolException(MqttErrorCode.UnsupportedProtocolVersion, $"protocol level {(byte)v} is not supported (only 4 = 3.1.1 and 5 = 5.0)");
    }

    public static MqttQos Qos(int value, string what, string rule)
    {
        if (value > 2) throw MqttProtocolException.Malformed($"{what}: QoS {value} is not 0, 1 or 2 ({rule})");
        return (MqttQos)value;
    }
}
