namespace AwsIotDevice.Emulator.MqttCodec.Packets;

/// <summary>PUBLISH: an application message.</summary>
public sealed class PublishPacket : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.Publish;

    /// <summary>
    /// Topic name: no wildcards. Empty only in 5.0 and only together with a Topic Alias property.
    /// </summary>
    public string Topic { get; set; } = "";

    /// <summary>
    /// Application payload. After decoding it is a slice of the frame buffer handed to the decoder
    /// (no copy): copy it if that buffer is reused. <see cref="Channel.MqttFrameReader"/> never reuses
    /// the body buffers it returns, so its packets are safe to keep.
    /// </summary>
    public ReadOnlyMemory<byte> Payload { get; set; }

    /// <summary>QoS of this delivery. QoS 2 is decoded (so a server can refuse it) and encoded.</summary>
    public MqttQos QoS { get; set; }

    /// <summary>RETAIN flag.</summary>
    public bool Retain { get; set; }

    /// <summary>DUP flag: a redelivery. Must be false for QoS 0 (MQTT-3.3.1-2).</summary>
    public bool Dup { get; set; }

    /// <summary>Packet identifier: 1..65535 for QoS 1 and 2, 0 (absent on the wire) for QoS 0.</summary>
    public ushort PacketId { get; set; }

    /// <summary>PUBLISH properties (5.0 only; must be empty for 3.1.1).</summary>
    public MqttProperties Properties { get; set; } = new();
}
