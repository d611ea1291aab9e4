using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.Emulator.MqttCodec.Formatting;

/// <summary>
/// Packets to bytes. Validates the packet first (the same rules the decoder enforces) and throws
/// <see cref="MqttProtocolException"/> rather than put an illegal packet on the wire. Allocates exactly
/// one array of the final frame size: the body is measured in a first pass.
/// </summary>
public static class MqttEncoder
{
    /// <summary>
    /// Encodes <paramref name="packet"/> as one complete frame for a connection speaking
    /// <paramref name="version"/> (ignored for CONNECT, which carries its own version).
    /// </summary>
    public static byte[] Encode(MqttPacket packet, MqttProtocolVersion version)
    {
        ArgumentNullException.ThrowIfNull(packet);
        Guards.Version(version);
        var measure = new MqttWriter(null, 0);
        WriteBody(ref measure, packet, version);
        int body = measure.Position;
        if (body > VariableByteInteger.MaxValue)
            throw new MqttProtocolException(MqttErrorCode.PacketTooLarge, $"cannot encode {Names.Of(packet.Type)}: body of {body} bytes exceeds {VariableByteInteger.MaxValue}");
        int header = 1 + VariableByteInteger.SizeOf((uint)body);
        var frame = new byte[header + body];
        frame[0] = (byte)(((int)packet.Type << 4) | Flags(packet));
        VariableByteInteger.Write((uint)body, frame.AsSpan(1));
        var w = new MqttWriter(frame, header);
        WriteBody(ref w, packet, version);
        return frame;
    }

    /// <summary>Size in bytes of the frame <see cref="Encode"/> would produce (runs the same validation).</summary>
    public static int GetEncodedSize(MqttPacket packet, MqttProtocolVersion version)
    {
        ArgumentNullException.ThrowIfNull(packet);
        Guards.Version(version);
        var measure = new MqttWriter(null, 0);
        WriteBody(ref measure, packet, version);
        int body = measure.Position;
        return body > VariableByteInteger.MaxValue ? int.MaxValue : 1 + VariableByteInteger.SizeOf((uint)body) + body;
    }

    private static byte Flags(MqttPacket p) => p is PublishPacket pub ? PublishCodec.Flags(pub) : FixedHeader.RequiredFlags(p.Type);

    private static void WriteBody(ref MqttWriter w, MqttPacket packet, MqttProtocolVersion v)
    {
        if (packet.Type == MqttPacketType.Auth && v == MqttProtocolVersion.V311)
            throw MqttProtocolException.Malformed("cannot encode AUTH: it needs MQTT 5.0");
        switch (packet)
        {
            case ConnectPacket p: ConnectCodec.Write(ref w, p); break;
            case ConnAckPacket p: ConnAckCodec.Write(ref w, p, v); break;
            case PublishPacket p: PublishCodec.Write(ref w, p, v); break;
            case PublishAckPacket p: PublishAckCodec.Write(ref w, p, v); break;
            case SubscribePacket p: SubscribeCodec.Write(ref w, p, v); break;
            case SubAckPacket p: SubscribeCodec.WriteAck(ref w, p, v); break;
            case UnsubscribePacket p: UnsubscribeCodec.Write(ref w, p, v); break;
            case UnsubAckPacket p: UnsubscribeCodec.WriteAck(ref w, p, v); break;
            case PingReqPacket or PingRespPacket: break;
            case DisconnectPacket p: DisconnectCodec.Write(ref w, MqttPacketType.Disconnect, p.ReasonCode, p.Properties, v); break;
            case AuthPacket p: DisconnectCodec.Write(ref w, MqttPacketType.Auth, p.ReasonCode, p.Properties, v); break;
            default: throw new ArgumentException($"unknown packet class {packet.GetType().Name}", nameof(packet));
        }
    }
}
