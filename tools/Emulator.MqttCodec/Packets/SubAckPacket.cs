namespace AwsIotDevice.Emulator.MqttCodec.Packets;

/// <summary>
/// SUBACK: one return/reason code per requested filter, in order. 3.1.1 codes: 0, 1, 2 (granted QoS)
/// or 0x80 (failure); 5.0 adds the codes listed in <see cref="ReasonCodes"/>.
/// </summary>
public sealed class SubAckPacket : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.SubAck;

    /// <summary>Packet identifier of the SUBSCRIBE being answered: 1..65535.</summary>
    public ushort PacketId { get; set; }

    /// <summary>Codes, one per subscription; must not be empty.</summary>
    public List<byte> ReasonCodes { get; set; } = [];

    /// <summary>SUBACK properties (5.0 only).</summary>
    public MqttProperties Properties { get; set; } = new();
}
