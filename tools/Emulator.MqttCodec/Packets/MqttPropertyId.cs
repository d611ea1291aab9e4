namespace AwsIotDevice.Emulator.MqttCodec.Packets;

/// <summary>MQTT 5.0 property identifiers (section 2.2.2.2). Each has one fixed wire type.</summary>
public enum MqttPropertyId : byte
{
    /// <summary>Byte 0/1 (PUBLISH, will).</summary>
    PayloadFormatIndicator = 0x01,
    /// <summary>Four-byte integer (PUBLISH, will).</summary>
    MessageExpiryInterval = 0x02,
    /// <summary>UTF-8 string (PUBLISH, will).</summary>
    ContentType = 0x03,
    /// <summary>UTF-8 topic name (PUBLISH, will).</summary>
    ResponseTopic = 0x08,
    /// <summary>Binary data (PUBLISH, will).</summary>
    CorrelationData = 0x09,
    /// <summary>Variable byte integer 1..268,435,455 (PUBLISH, SUBSCRIBE).</summary>
    SubscriptionIdentifier = 0x0B,
    /// <summary>Four-byte integer (CONNECT, CONNACK, DISCONNECT).</summary>
    SessionExpiryInterval = 0x11,
    /// <summary>UTF-8 string (CONNACK).</summary>
    AssignedClientIdentifier = 0x12,
    /// <summary>Two-byte integer (CONNACK).</summary>
    ServerKeepAlive = 0x13,
    /// <summary>UTF-8 string (CONNECT, CONNACK, AUTH).</summary>
    AuthenticationMethod = 0x15,
    /// <summary>Binary data (CONNECT, CONNACK, AUTH).</summary>
    AuthenticationData = 0x16,
    /// <summary>Byte 0/1 (CONNECT).</summary>
    RequestProblemInformation = 0x17,
    /// <summary>Four-byte integer (will).</summary>
    WillDelayInterval = 0x18,
    /// <summary>Byte 0/1 (CONNECT).</summary>
    RequestResponseInformation = 0x19,
    /// <summary>UTF-8 string (CONNACK).</summary>
    ResponseInformation = 0x1A,
    /// <summary>UTF-8 string (CONNACK, DISCONNECT).</summary>
    ServerReference = 0x1C,
    /// <summary>UTF-8 string (CONNACK, acks, SUBACK, UNSUBACK, DISCONNECT, AUTH).</summary>
    ReasonString = 0x1F,
    /// <summary>Two-byte integer, not 0 (CONNECT, CONNACK).</summary>
    ReceiveMaximum = 0x21,
    /// <summary>Two-byte integer (CONNECT, CONNACK).</summary>
    TopicAliasMaximum = 0x22,
    /// <summary>Two-byte integer, not 0 (PUBLISH).</summary>
    TopicAlias = 0x23,
    /// <summary>Byte 0/1 (CONNACK).</summary>
    MaximumQoS = 0x24,
    /// <summary>Byte 0/1 (CONNACK).</summary>
    RetainAvailable = 0x25,
    /// <summary>UTF-8 string pair, may repeat (every packet with properties).</summary>
    UserProperty = 0x26,
    /// <summary>Four-byte integer, not 0 (CONNECT, CONNACK).</summary>
    MaximumPacketSize = 0x27,
    /// <summary>Byte 0/1 (CONNACK).</summary>
    WildcardSubscriptionAvailable = 0x28,
    /// <summary>Byte 0/1 (CONNACK).</summary>
    SubscriptionIdentifierAvailable = 0x29,
    /// <summary>Byte 0/1 (CONNACK).</summary>
    SharedSubscriptionAvailable = 0x2A,
}
