using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.Emulator.MqttCodec.Formatting;

/// <summary>Fixed header first byte: packet type (high nibble) and the per-type flags (low nibble, section 2.2.2).</summary>
public static class FixedHeader
{
    /// <summary>The flags a packet of type <paramref name="type"/> must carry; PUBLISH flags vary and are checked by its decoder.</summary>
    public static byte RequiredFlags(MqttPacketType type) =>
        type is MqttPacketType.PubRel or MqttPacketType.Subscribe or MqttPacketType.Unsubscribe ? (byte)0x02 : (byte)0x00;

    /// <summary>
    /// The packet type of first byte <paramref name="b"/>, after checking the reserved type 0, AUTH on
    /// a 3.1.1 connection, and the reserved flag bits. Throws a malformed <see cref="MqttProtocolException"/>.
    /// </summary>
    public static MqttPacketType Check(byte b, MqttProtocolVersion version)
    {
        int typeNibble = b >> 4;
        if (typeNibble == 0) throw MqttProtocolException.Malformed("fixed header: packet type 0 is reserved");
        var type = (MqttPacketType)typeNibble;
        if (type == MqttPacketType.Auth && version == MqttProtocolVersion.V311)
            throw MqttProtocolException.Malformed("fixed header: packet type 15 (AUTH) is reserved in MQTT 3.1.1");
        if (type != MqttPacketType.Publish && (b & 0x0F) != RequiredFlags(type))
            throw MqttProtocolException.Malformed($"{Names.Of(type)}: fixed header flags 0x{b & 0x0F:X} must be 0x{RequiredFlags(type):X} (MQTT-2.2.2-2)");
        return type;
    }
}
