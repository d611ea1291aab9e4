namespace AwsIotDevice.Emulator.MqttCodec.Packets;

/// <summary>DISCONNECT. 3.1.1: empty. 5.0: optional reason code and properties (either direction).</summary>
public sealed class DisconnectPacket : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.Disconnect;

    /// <summary>5.0 reason code (0 = normal disconnection); always 0 for 3.1.1.</summary>
    public byte ReasonCode { get; set; }

    /// <summary>DISCONNECT properties (5.0 only).</summary>
    public MqttProperties Properties { get; set; } = new();
}

/// <summary>AUTH (5.0 only): enhanced authentication step. Refused on a 3.1.1 connection.</summary>
public sealed class AuthPacket : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.Auth;

    /// <summary>Reason code: 0x00 success, 0x18 continue, 0x19 re-authenticate.</summary>
    public byte ReasonCode { get; set; }

    /// <summary>AUTH properties.</summary>
    public MqttProperties Properties { get; set; } = new();
}
