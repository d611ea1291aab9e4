namespace AwsIotDevice.Emulator.MqttCodec.Packets;

/// <summary>
/// CONNECT. The protocol name is always "MQTT" (levels 4 and 5); other names/levels are refused by the
/// decoder with <see cref="Formatting.MqttErrorCode.UnsupportedProtocolVersion"/> or
/// <see cref="Formatting.MqttErrorCode.UnsupportedProtocolName"/>.
/// </summary>
public sealed class ConnectPacket : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.Connect;

    /// <summary>Protocol level requested by the client; it decides the format of the rest of the connection.</summary>
    public MqttProtocolVersion ProtocolVersion { get; set; } = MqttProtocolVersion.V311;

    /// <summary>Client identifier; may be empty (the server then decides, see MQTT-3.1.3-6..8).</summary>
    public string ClientId { get; set; } = "";

    /// <summary>Clean Session (3.1.1) / Clean Start (5.0): connect flag bit 1.</summary>
    public bool CleanSession { get; set; } = true;

    /// <summary>Keep alive in seconds; 0 disables the keep-alive mechanism.</summary>
    public ushort KeepAliveSeconds { get; set; }

    /// <summary>User name, or null when the User Name flag is 0.</summary>
    public string? Username { get; set; }

    /// <summary>
    /// Password bytes, or null when the Password flag is 0. In 3.1.1 a password requires a user name
    /// (MQTT-3.1.2-22); 5.0 allows a password alone. Secret: never log it.
    /// </summary>
    public byte[]? Password { get; set; }

    /// <summary>Will message, or null when the Will flag is 0.</summary>
    public MqttWill? Will { get; set; }

    /// <summary>CONNECT properties (5.0 only; must be empty for 3.1.1).</summary>
    public MqttProperties Properties { get; set; } = new();
}
