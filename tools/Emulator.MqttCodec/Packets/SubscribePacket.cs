namespace AwsIotDevice.Emulator.MqttCodec.Packets;

/// <summary>SUBSCRIBE (fixed header flags 0b0010): at least one topic filter.</summary>
public sealed class SubscribePacket : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.Subscribe;

    /// <summary>Packet identifier: 1..65535.</summary>
    public ushort PacketId { get; set; }

    /// <summary>Requested subscriptions, in wire order; must not be empty (MQTT-3.8.3-3).</summary>
    public List<MqttSubscription> Subscriptions { get; set; } = [];

    /// <summary>SUBSCRIBE properties (5.0 only).</summary>
    public MqttProperties Properties { get; set; } = new();
}

/// <summary>One entry of SUBSCRIBE: a topic filter and its subscription options.</summary>
public sealed class MqttSubscription
{
    /// <summary>Topic filter (wildcards allowed per <see cref="Topics.MqttTopic.CheckFilter"/>).</summary>
    public string TopicFilter { get; set; } = "";

    /// <summary>Maximum QoS the client wants for this subscription.</summary>
    public MqttQos QoS { get; set; }

    /// <summary>5.0 No Local option; must be false for 3.1.1.</summary>
    public bool NoLocal { get; set; }

    /// <summary>5.0 Retain As Published option; must be false for 3.1.1.</summary>
    public bool RetainAsPublished { get; set; }

    /// <summary>5.0 Retain Handling option 0..2; must be 0 for 3.1.1.</summary>
    public byte RetainHandling { get; set; }
}
