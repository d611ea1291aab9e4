using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.Emulator.MqttCodec.Formatting;

/// <summary>Spec spellings for log messages.</summary>
internal static class Names
{
    public static string Of(MqttPacketType t) => t.ToString().ToUpperInvariant();

    public static string Of(MqttProtocolVersion v) => v == MqttProtocolVersion.V500 ? "5.0" : "3.1.1";
}
