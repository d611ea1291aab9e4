namespace AwsIotDevice.Emulator.MqttCodec.Packets;

/// <summary>MQTT 3.1.1 CONNACK return codes (section 3.2.2.3). Values 6..255 are reserved.</summary>
public static class ConnectReturnCodes
{
    /// <summary>Connection accepted.</summary>
    public const byte Accepted = 0x00;
    /// <summary>The server does not support the requested protocol level.</summary>
    public const byte UnacceptableProtocolVersion = 0x01;
    /// <summary>Client identifier is well-formed UTF-8 but not allowed by the server.</summary>
    public const byte IdentifierRejected = 0x02;
    /// <summary>The MQTT service is unavailable.</summary>
    public const byte ServerUnavailable = 0x03;
    /// <summary>The data in the user name or password is malformed.</summary>
    public const byte BadUsernameOrPassword = 0x04;
    /// <summary>The client is not authorized to connect.</summary>
    public const byte NotAuthorized = 0x05;
}
