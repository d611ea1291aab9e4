using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.Emulator.MqttCodec.Formatting;

/// <summary>Which 5.0 reason codes each packet may carry (sections 3.2.2.2 .. 3.15.2.1), and the 3.1.1 SUBACK/CONNACK code sets.</summary>
internal static class ReasonCodeRules
{
    private static readonly byte[] ConnAck5 = [0x00, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8C, 0x90, 0x95, 0x97, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9F];
    private static readonly byte[] PubAckRec5 = [0x00, 0x10, 0x80, 0x83, 0x87, 0x90, 0x91, 0x97, 0x99];
    private static readonly byte[] PubRelComp5 = [0x00, 0x92];
    private static readonly byte[] SubAck5 = [0x00, 0x01, 0x02, 0x80, 0x83, 0x87, 0x8F, 0x91, 0x97, 0x9E, 0xA1, 0xA2];
    private static readonly byte[] SubAck311 = [0x00, 0x01, 0x02, 0x80];
    private static readonly byte[] UnsubAck5 = [0x00, 0x11, 0x80, 0x83, 0x87, 0x8F, 0x91];
    private static readonly byte[] Disconnect5 = [0x00, 0x04, 0x80, 0x81, 0x82, 0x83, 0x87, 0x89, 0x8B, 0x8D, 0x8E, 0x8F, 0x90, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9E, 0x9F, 0xA0, 0xA1, 0xA2];
    private static readonly byte[] Auth5 = [0x00, 0x18, 0x19];

    public static bool IsValid(MqttPacketType type, byte code, MqttProtocolVersion v)
    {
        if (v == MqttProtocolVersion.V311)
        {
            return type switch
            {
                MqttPacketType.ConnAck => code <= ConnectReturnCodes.NotAuthorized,
                MqttPacketType.SubAck => Array.IndexOf(SubAck311, code) >= 0,
                _ => code == 0,
            };
        }
        byte[] set = type switch
        {
            MqttPacketType.ConnAck => ConnAck5,
            MqttPacketType.PubAck or MqttPacketType.PubRec => PubAckRec5,
            MqttPacketType.PubRel or MqttPacketType.PubComp => PubRelComp5,
            MqttPacketType.SubAck => SubAck5,
            MqttPacketType.UnsubAck => UnsubAck5,
            MqttPacketType.Disconnect => Disconnect5,
            MqttPacketType.Auth => Auth5,
            _ => [],
        };
        return Array.IndexOf(set, code) >= 0;
    }

    public static void Check(MqttPacketType type, byte code, MqttProtocolVersion v, bool encoding)
    {
        if (IsValid(type, code, v)) return;
        string pre = encoding ? "cannot encode " : "";
        throw MqttProtocolException.Malformed($"{pre}{Names.Of(type)}: reason code 0x{code:X2} is not defined for this packet in MQTT {Names.Of(v)}");
    }
}
