using MqttCodec.Packets;

namespace MqttCodec.Formatting;

/// <summary>
/// The only exception the codec raises for bad input (bytes from the peer) or for a packet that
/// cannot be encoded legally. <see cref="Exception.Message"/> is one line fit for a broker log: packet,
/// field, what was wrong, and the spec rule where there is one. It never contains password bytes.
/// </summary>
public sealed class MqttProtocolException : Exception
{
    /// <summary>Creates the exception; <paramref name="message"/> must be one line.</summary>
    public MqttProtocolException(MqttErrorCode code, string message, MqttProtocolVersion? protocolVersion = null)
        : base(message)
    {
        Code = code;
        ProtocolVersion = protocolVersion;
    }

    /// <summary>Category of the failure.</summary>
    public MqttErrorCode Code { get; }

    /// <summary>
    /// For a refused CONNECT: the protocol version it asked for, once known (so a server can answer
    /// in the right CONNACK format). Null when unknown or not a CONNECT.
    /// </summary>
    public MqttProtocolVersion? ProtocolVersion { get; }

    /// <summary>The MQTT 5.0 reason code matching <see cref="Code"/> (for CONNACK or DISCONNECT).</summary>
    public byte ReasonCode => Code switch
    {
        MqttErrorCode.MalformedPacket => ReasonCodes.MalformedPacket,
        MqttErrorCode.ProtocolError => ReasonCodes.ProtocolError,
        MqttErrorCode.UnsupportedProtocolVersion => ReasonCodes.UnsupportedProtocolVersion,
        MqttErrorCode.UnsupportedProtocolName => ReasonCodes.UnsupportedProtocolVersion,
        MqttErrorCode.PacketTooLarge => ReasonCodes.PacketTooLarge,
        MqttErrorCode.FrameTimeout => ReasonCodes.KeepAliveTimeout,
        _ => ReasonCodes.UnspecifiedError,
    };

    internal static MqttProtocolException Malformed(string message) => new(MqttErrorCode.MalformedPacket, message);

    internal static MqttProtocolException Protocol(string message) => new(MqttErrorCode.ProtocolError, message);
}
