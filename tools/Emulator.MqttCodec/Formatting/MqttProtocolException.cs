using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.Emulator.MqttCodec.Formatting;

/// <summary>
/// The only exception the codec raises for bad input (bytes from the peer) or for a packet that
/// cannot be encoded legally. <see cref="Exception.Message"/> is one line fit for a broker log: packet,
/// field, what was wrong, and the spec rule where there is one. It never contains password bytes.
/// </summary>
public sealed class MqttProtocolException : Exception
{
    /// <summary>
    /// Creates the exception. Control characters in <paramref name="message"/> (it may quote text from the
    /// peer, e.g. a protocol name) are written as \uXXXX, so the message stays one line in a log.
    /// </summary>
    public MqttProtocolException(MqttErrorCode code, string message, MqttProtocolVersion? protocolVersion = null)
        : base(OneLine(message))
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

    private static string OneLine(string message)
    {
        if (!message.Any(char.IsControl))
        {
            return message;
        }

        var builder = new System.Text.StringBuilder(message.Length + 16);
        foreach (char c in message)
        {
            builder.Append(char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString());
        }

        return builder.ToString();
    }

    internal static MqttProtocolException Malformed(string message) => new(MqttErrorCode.MalformedPacket, message);

    internal static MqttProtocolException Protocol(string message) => new(MqttErrorCode.ProtocolError, message);
}
