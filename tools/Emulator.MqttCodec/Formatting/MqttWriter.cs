using System.Buffers.Binary;

namespace AwsIotDevice.Emulator.MqttCodec.Formatting;

/// <summary>
/// Two-pass body writer: with no buffer it only counts bytes (first pass, to size the frame
/// exactly); with a buffer it writes. Encoders run the same code for both passes, so the count and
/// the bytes cannot disagree. Pass by ref.
/// </summary>
internal struct MqttWriter
{
    private readonly byte[]? _buffer;
    private int _pos;

    public MqttWriter(byte[]? buffer, int start)
    {
        _buffer = buffer;
        _pos = start;
    }

    public readonly int Position => _pos;

    public void WriteByte(byte value)
    {
        if (_buffer is not null) _buffer[_pos] = value;
        _pos += 1;
    }

    public void WriteUInt16(ushort value)
    {
        if (_buffer is not null) BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(_pos), value);
        _pos += 2;
    }

    public void WriteUInt32(uint value)
    {
        if (_buffer is not null) BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(_pos), value);
        _pos += 4;
    }

    public void WriteVarInt(uint value)
    {
        if (_buffer is not null) _pos += VariableByteInteger.Write(value, _buffer.AsSpan(_pos));
        else _pos += VariableByteInteger.SizeOf(value);
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        if (_buffer is not null) bytes.CopyTo(_buffer.AsSpan(_pos));
        _pos += bytes.Length;
    }

    public void WriteBinary(ReadOnlySpan<byte> bytes, string what)
    {
        if (bytes.Length > ushort.MaxValue)
            throw MqttProtocolException.Malformed($"cannot encode {what}: {bytes.Length} bytes, binary data holds at most {ushort.MaxValue}");
        WriteUInt16((ushort)bytes.Length);
        WriteBytes(bytes);
    }

    public void WriteString(string value, string what)
    {
        int n = MqttStrings.ByteCount(value, "cannot encode " + what);
        WriteUInt16((ushort)n);
        if (_buffer is not null) MqttStrings.Encode(value, _buffer.AsSpan(_pos, n));
        _pos += n;
    }
}
