namespace AwsIotDevice.Emulator.MqttCodec.Packets;

/// <summary>
/// CONNACK. <see cref="ReasonCode"/> is a 3.1.1 return code (<see cref="ConnectReturnCodes"/>, 0..5) or a
/// 5.0 reason code (<see cref="ReasonCodes"/>), depending on the connection's protocol version.
/// </summary>
public sealed class ConnAckPacket : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.ConnAck;

    /// <summary>Session Present flag; must be false when the connection is refused.</summary>
    public bool SessionPresent { get; set; }

    /// <summary>Return code (3.1.1) or reason code (5.0); 0 means accepted.</summary>
    public byte ReasonCode { get; set; }

    /// <summary>CONNACK properties (5.0 only; must be empty for 3.1.1).</summary>
    public MqttProperties Properties { get; set; } = new();
}
