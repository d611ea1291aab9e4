namespace AwsIotDevice.Emulator.MqttCodec.Packets;

/// <summary>The MQTT control packet type: the high nibble of the fixed header's first byte.</summary>
public enum MqttPacketType : byte
{
    /// <summary>Client to server: open a session.</summary>
    Connect = 1,
    /// <summary>Server to client: answer to CONNECT.</summary>
    ConnAck = 2,
    /// <summary>Either direction: an application message.</summary>
    Publish = 3,
    /// <summary>Either direction: QoS 1 acknowledgement.</summary>
    PubAck = 4,
    /// <summary>Either direction: QoS 2 step 1 (publish received).</summary>
    PubRec = 5,
    /// <summary>Either direction: QoS 2 step 2 (publish release).</summary>
    PubRel = 6,
    /// <summary>Either direction: QoS 2 step 3 (publish complete).</summary>
    PubComp = 7,
    /// <summary>Client to server: subscribe to topic filters.</summary>
    Subscribe = 8,
    /// <summary>Server to client: answer to SUBSCRIBE.</summary>
    SubAck = 9,
    /// <summary>Client to server: unsubscribe from topic filters.</summary>
    Unsubscribe = 10,
    /// <summary>Server to client: answer to UNSUBSCRIBE.</summary>
    UnsubAck = 11,
    /// <summary>Client to server: keep-alive probe.</summary>
    PingReq = 12,
    /// <summary>Server to client: answer to PINGREQ.</summary>
    PingResp = 13,
    /// <summary>Client to server (3.1.1), either direction (5.0): end the connection.</summary>
    Disconnect = 14,
    /// <summary>MQTT 5.0 only, either direction: enhanced authentication exchange.</summary>
    Auth = 15,
}
