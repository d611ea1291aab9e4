namespace AwsIotDevice.Emulator.MqttCodec.Formatting;

/// <summary>
/// Why the codec refused bytes or a packet. A server uses it to pick its answer: CONNACK with
/// unsupported-version, a 5.0 DISCONNECT with <see cref="MqttProtocolException.ReasonCode"/>, or just
/// closing the connection.
/// </summary>
public enum MqttErrorCode
{
    /// <summary>The bytes do not follow the packet grammar (5.0 reason 0x81).</summary>
    MalformedPacket,
    /// <summary>Well-formed but forbidden by the protocol, e.g. a duplicate property (5.0 reason 0x82).</summary>
    ProtocolError,
    /// <summary>CONNECT names protocol "MQTT" (or "MQIsdp") with a level this codec does not speak: answer CONNACK 0x01 (3.1.1 format).</summary>
    UnsupportedProtocolVersion,
    /// <summary>CONNECT protocol name is neither "MQTT" nor "MQIsdp": close the connection (MQTT-3.1.2-1).</summary>
    UnsupportedProtocolName,
    /// <summary>The declared packet size exceeds the configured maximum (5.0 reason 0x95); nothing was allocated for it.</summary>
    PacketTooLarge,
    /// <summary>A frame was started but not completed within the reader's frame timeout.</summary>
    FrameTimeout,
    /// <summary>The stream ended in the middle of a frame.</summary>
    ConnectionClosedMidFrame,
}
