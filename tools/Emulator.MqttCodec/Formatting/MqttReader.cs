using System.Buffers.Binary;

namespace AwsIotDevice.Emulator.MqttCodec.Formatting;

/// <summary>
/// Cursor over one packet body. Every read checks bounds and throws a malformed
/// <see cref="MqttProtocolException"/> naming the packet and field, so decoders never index out of range.
/// Pass by ref.
/// </summary>
internal struct MqttReader
{
    private readonly ReadOnlyMemory<byte> _body;
    private readonly string _packet;
    private int _pos;

    public MqttReader(ReadOnlyMemory<byte> body, string packet)
    {
        _body = body;
        _packet = packet;
        _pos = 0;
    }

    public readonly int Remaining => _body.Length - _pos;

    public readonly int Position => _pos;

    public readonly string Packet => _packet;

    private readonly ReadOnlySpan<byte> Take(int count, string field)
    {
        if (count > Remaining)
            throw MqttProtocolException.Malformed($"{_packet}: {field} needs {count} bytes but only {Remaining} remain (remaining length too short)");
        return _body.Span.Slice(_pos, count);
    }

    public byte ReadByte(string field)
    {
        byte b = Take(1, field)[0];
        _pos += 1;
        return b;
    }

    public ushort ReadUInt16(string field)
    {
        ushort v = BinaryPrimitives.ReadUInt16BigEndian(Take(2, field));
        _pos += 2;
        return v;
    }

    public uint ReadUInt32(string field)
    {
        uint v = BinaryPrimitives.ReadUInt32BigEndian(Take(4, field));
        _pos += 4;
        return v;
    }

    public uint ReadVarInt(string field)
    {
        var span = _body.Span[_pos..];
        if (!VariableByteInteger.TryRead(span, out uint v, out int n, $"{_packet}: {field}"))
            throw MqttProtocolException.Malformed($"{_packet}: {field} variable byte integer is truncated");
        _pos += n;
        return v;
    }

    public ReadOnlyMemory<byte> ReadBinary(string field)
    {
        ushort len = ReadUInt16(field + " length");
        Take(len, field);
        var m = _body.Slice(_pos, len);
        _pos += len;
        return m;
    }

    public string ReadString(string field)
    {
        ushort len = ReadUInt16(field + " length");
        var s = MqttStrings.Decode(Take(len, field), $"{_packet}: {field}");
        _pos += len;
        return s;
    }

    public ReadOnlyMemory<byte> ReadRest()
    {
        var m = _body[_pos..];
        _pos = _body.Length;
        return m;
    }

    /// <summary>Restricts reading to the next <paramref name="length"/> bytes (a properties block).</summary>
    public MqttReader Sub(int length, string field)
    {
        Take(length, field);
        var sub = new MqttReader(_body.Slice(_pos, length), _packet);
        _pos += length;
        return sub;
    }

    public readonly void ExpectEnd(string what)
    {
        if (Remaining != 0)
            throw MqttProtocolException.Malformed($"{_packet}: {Remaining} unexpected bytes after {what} (remaining length too long)");
    }
}
