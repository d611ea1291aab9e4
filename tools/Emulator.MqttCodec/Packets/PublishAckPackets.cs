namespace AwsIotDevice.Emulator.MqttCodec.Packets;

/// <summary>
/// Shared shape of PUBACK, PUBREC, PUBREL and PUBCOMP: a packet id, plus (5.0 only) a reason code and
/// properties. In 3.1.1 <see cref="ReasonCode"/> must be 0 and <see cref="Properties"/> empty.
/// </summary>
public abstract class PublishAckPacket : MqttPacket
{
    /// <summary>Packet identifier of the PUBLISH being acknowledged: 1..65535.</summary>
    public ushort PacketId { get; set; }

    /// <summary>5.0 reason code (0 = success); always 0 for 3.1.1.</summary>
    public byte ReasonCode { get; set; }

    /// <summary>Properties (5.0 only).</summary>
    public MqttProperties Properties { get; set; } = new();
}

/// <summary>PUBACK: acknowledges a QoS 1 PUBLISH.</summary>
public sealed class PubAckPacket : PublishAckPacket
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.PubAck;
}

/// <summary>PUBREC: first answer to a QoS 2 PUBLISH.</summary>
public sealed class PubRecPacket : PublishAckPacket
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.PubRec;
}

/// <summary>PUBREL: answer to PUBREC (fixed header flags 0b0010).</summary>
public sealed class PubRelPacket : PublishAckPacket
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.PubRel;
}

/// <summary>PUBCOMP: answer to PUBREL, ends the QoS 2 handshake.</summary>
public sealed class PubCompPacket : PublishAckPacket
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.PubComp;
}
