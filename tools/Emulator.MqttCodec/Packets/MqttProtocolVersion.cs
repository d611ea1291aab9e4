namespace AwsIotDevice.Emulator.MqttCodec.Packets;

/// <summary>
/// The protocol level carried in CONNECT. It decides the wire format of every later packet on the
/// connection (5.0 adds properties and reason codes), so encoder and decoder both need it.
/// </summary>
public enum MqttProtocolVersion : byte
{
    /// <summary>MQTT 3.1.1 (protocol level 4).</summary>
    V311 = 4,
    /// <summary>MQTT 5.0 (protocol level 5).</summary>
    V500 = 5,
}
