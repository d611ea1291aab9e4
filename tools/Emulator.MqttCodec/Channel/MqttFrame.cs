using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.Emulator.MqttCodec.Channel;

/// <summary>
/// One raw frame as read from the wire: the fixed header's first byte and the body (remaining
/// length bytes). The body array belongs to the frame; the reader never reuses it.
/// </summary>
public readonly struct MqttFrame
{
    /// <summary>Creates a frame from a first byte and a body.</summary>
    public MqttFrame(byte fixedHeader, ReadOnlyMemory<byte> body)
    {
        FixedHeader = fixedHeader;
        Body = body;
    }

    /// <summary>First byte of the fixed header: type (high nibble) and flags (low nibble).</summary>
    public byte FixedHeader { get; }

    /// <summary>The bytes after the remaining length field.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Packet type from the high nibble (not validated; 0 is possible and is refused by the decoder).</summary>
    public MqttPacketType Type => (MqttPacketType)(FixedHeader >> 4);

    /// <summary>Size on the wire: fixed header, remaining length field and body.</summary>
    public int WireSize => 1 + Formatting.VariableByteInteger.SizeOf((uint)Body.Length) + Body.Length;
}
