namespace AwsIotDevice.Emulator.MqttCodec.Packets;

/// <summary>UNSUBSCRIBE (fixed header flags 0b0010): at least one topic filter.</summary>
public sealed class UnsubscribePacket : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.Unsubscribe;

    /// <summary>Packet identifier: 1..65535.</summary>
    public ushort PacketId { get; set; }

    /// <summary>Topic filters to remove; must not be empty (MQTT-3.10.3-2).</summary>
    public List<string> TopicFilters { get; set; } = [];

    /// <summary>UNSUBSCRIBE properties (5.0 only).</summary>
    public MqttProperties Properties { get; set; } = new();
}

/// <summary>UNSUBACK. 3.1.1 carries only the packet id; 5.0 adds one reason code per filter.</summary>
public sealed class UnsubAckPacket : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.UnsubAck;

    /// <summary>Packet identifier of the UNSUBSCRIBE being answered: 1..65535.</summary>
    public ushort PacketId { get; set; }

    /// <summary>5.0: one reason code per filter (not empty). 3.1.1: must be empty.</summary>
    public List<byte> ReasonCodes { get; set; } = [];

    /// <summary>UNSUBACK properties (5.0 only).</summary>
    public MqttProperties Properties { get; set; } = new();
}
