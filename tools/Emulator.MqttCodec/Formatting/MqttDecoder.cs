using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.Emulator.MqttCodec.Formatting;

/// <summary>
/// Bytes to packets, with strict validation. Every failure is a <see cref="MqttProtocolException"/>
/// whose message names the packet, field and rule; nothing else escapes for any input bytes.
/// Allocation is proportional to the input: strings, lists and the packet object; PUBLISH payloads
/// are slices of the input, not copies.
/// </summary>
public static class MqttDecoder
{
    /// <summary>
    /// Decodes one packet from its first fixed-header byte and its body (the remaining-length bytes).
    /// <paramref name="version"/> is the connection's protocol version; it is ignored for CONNECT,
    /// whose own protocol level decides (read it from <see cref="ConnectPacket.ProtocolVersion"/>).
    /// A server that has not yet received CONNECT should accept nothing else (MQTT-3.1.0-1): that is the caller's rule.
    /// </summary>
    public static MqttPacket Decode(byte fixedHeader, ReadOnlyMemory<byte> body, MqttProtocolVersion version)
    {
        Guards.Version(version);
        var type = FixedHeader.Check(fixedHeader, version);
        var r = new MqttReader(body, Names.Of(type));
        byte flags = (byte)(fixedHeader & 0x0F);
        switch (type)
        {
            case MqttPacketType.Connect: return ConnectCodec.Decode(ref r);
            case MqttPacketType.ConnAck: return ConnAckCodec.Decode(ref r, version);
            case MqttPacketType.Publish: return PublishCodec.Decode(ref r, flags, version);
            case MqttPacketType.PubAck:
            case MqttPacketType.PubRec:
            case MqttPacketType.PubRel:
            case MqttPacketType.PubComp: return PublishAckCodec.Decode(ref r, type, version);
            case MqttPacketType.Subscribe: return SubscribeCodec.Decode(ref r, version);
            case MqttPacketType.SubAck: return SubscribeCodec.DecodeAck(ref r, version);
            case MqttPacketType.Unsubscribe: return UnsubscribeCodec.Decode(ref r, version);
            case MqttPacketType.UnsubAck: return UnsubscribeCodec.DecodeAck(ref r, version);
            case MqttPacketType.PingReq:
                r.ExpectEnd("PINGREQ");
                return new PingReqPacket();
            case MqttPacketType.PingResp:
                r.ExpectEnd("PINGRESP");
                return new PingRespPacket();
            default: return DisconnectCodec.Decode(ref r, type, version);
        }
    }

    /// <summary>
    /// Decodes one complete frame (fixed header, remaining length, body). The frame must be exactly
    /// one packet: a shorter buffer, or bytes after the packet, is malformed.
    /// </summary>
    public static MqttPacket DecodeFrame(ReadOnlyMemory<byte> frame, MqttProtocolVersion version)
    {
        if (!TryGetFrameLength(frame.Span, out int total, out int headerLength))
            throw MqttProtocolException.Malformed($"frame of {frame.Length} bytes is truncated inside the fixed header");
        if (total != frame.Length)
            throw MqttProtocolException.Malformed($"frame declares {total} bytes but {frame.Length} were given (remaining length mismatch)");
        return Decode(frame.Span[0], frame[headerLength..], version);
    }

    /// <summary>
    /// For callers with their own buffering: if <paramref name="buffer"/> starts with a complete fixed
    /// header, returns true with the whole frame length and the fixed-header length; false when more
    /// bytes are needed. Throws a malformed <see cref="MqttProtocolException"/> for a 5-byte remaining length.
    /// </summary>
    public static bool TryGetFrameLength(ReadOnlySpan<byte> buffer, out int frameLength, out int headerLength)
    {
        frameLength = headerLength = 0;
        if (buffer.Length < 2) return false;
        if (!VariableByteInteger.TryRead(buffer[1..], out uint remaining, out int n, "remaining length")) return false;
        headerLength = 1 + n;
        frameLength = headerLength + (int)remaining;
        return true;
    }
}
