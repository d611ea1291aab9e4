namespace AwsIotDevice.Emulator.MqttCodec.Packets;

/// <summary>
/// MQTT 5.0 reason codes (section 2.4) that a broker or client commonly sends. Which codes are legal in
/// which packet is enforced by the codec; this list is for readable call sites.
/// </summary>
public static class ReasonCodes
{
    /// <summary>Success / normal disconnection / granted QoS 0.</summary>
    public const byte Success = 0x00;
    /// <summary>SUBACK: granted QoS 1.</summary>
    public const byte GrantedQoS1 = 0x01;
    /// <summary>SUBACK: granted QoS 2.</summary>
    public const byte GrantedQoS2 = 0x02;
    /// <summary>DISCONNECT: disconnect with will message.</summary>
    public const byte DisconnectWithWill = 0x04;
    /// <summary>PUBACK/PUBREC: no matching subscribers.</summary>
    public const byte NoMatchingSubscribers = 0x10;
    /// <summary>UNSUBACK: no subscription existed.</summary>
    public const byte NoSubscriptionExisted = 0x11;
    /// <summary>AUTH: continue authentication.</summary>
    public const byte ContinueAuthentication = 0x18;
    /// <summary>Unspecified error.</summary>
    public const byte UnspecifiedError = 0x80;
    /// <summary>Malformed packet.</summary>
    public const byte MalformedPacket = 0x81;
    /// <summary>Protocol error.</summary>
    public const byte ProtocolError = 0x82;
    /// <summary>Implementation specific error.</summary>
    public const byte ImplementationSpecificError = 0x83;
    /// <summary>CONNACK: unsupported protocol version.</summary>
    public const byte UnsupportedProtocolVersion = 0x84;
    /// <summary>CONNACK: client identifier not valid.</summary>
    public const byte ClientIdentifierNotValid = 0x85;
    /// <summary>CONNACK: bad user name or password.</summary>
    public const byte BadUserNameOrPassword = 0x86;
    /// <summary>Not authorized.</summary>
    public const byte NotAuthorized = 0x87;
    /// <summary>Server unavailable.</summary>
    public const byte ServerUnavailable = 0x88;
    /// <summary>Server busy.</summary>
    public const byte ServerBusy = 0x89;
    /// <summary>CONNACK: banned.</summary>
    public const byte Banned = 0x8A;
    /// <summary>DISCONNECT: keep alive timeout.</summary>
    public const byte KeepAliveTimeout = 0x8D;
    /// <summary>DISCONNECT: session taken over.</summary>
    public const byte SessionTakenOver = 0x8E;
    /// <summary>Topic filter invalid.</summary>
    public const byte TopicFilterInvalid = 0x8F;
    /// <summary>Topic name invalid.</summary>
    public const byte TopicNameInvalid = 0x90;
    /// <summary>Packet identifier in use.</summary>
    public const byte PacketIdentifierInUse = 0x91;
    /// <summary>Packet identifier not found.</summary>
    public const byte PacketIdentifierNotFound = 0x92;
    /// <summary>Packet too large.</summary>
    public const byte PacketTooLarge = 0x95;
    /// <summary>Quota exceeded.</summary>
    public const byte QuotaExceeded = 0x97;
    /// <summary>Payload format invalid.</summary>
    public const byte PayloadFormatInvalid = 0x99;
    /// <summary>Retain not supported.</summary>
    public const byte RetainNotSupported = 0x9A;
    /// <summary>QoS not supported.</summary>
    public const byte QoSNotSupported = 0x9B;
    /// <summary>Use another server.</summary>
    public const byte UseAnotherServer = 0x9C;
    /// <summary>Connection rate exceeded.</summary>
    public const byte ConnectionRateExceeded = 0x9F;
    /// <summary>Wildcard subscriptions not supported.</summary>
    public const byte WildcardSubscriptionsNotSupported = 0xA2;
}
