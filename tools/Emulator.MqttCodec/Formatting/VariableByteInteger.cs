namespace AwsIotDevice.Emulator.MqttCodec.Formatting;

/// <summary>
/// MQTT variable byte integer (section 1.5.5 / 2.2.3): 7 bits per byte, low group first, at most 4
/// bytes, so at most 268,435,455. Used for the remaining length and in 5.0 properties.
/// </summary>
public static class VariableByteInteger
{
    /// <summary>Largest encodable value (0xFF,0xFF,0xFF,0x7F).</summary>
    public const uint MaxValue = 268_435_455;

    /// <summary>Largest number of bytes an encoding may use.</summary>
    public const int MaxLength = 4;

    /// <summary>Bytes needed to encode <paramref name="value"/> (1..4). Throws if value exceeds <see cref="MaxValue"/>.</summary>
    public static int SizeOf(uint value) => value switch
    {
        < 128 => 1,
        < 16_384 => 2,
        < 2_097_152 => 3,
        <= MaxValue => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(value), $"variable byte integer holds at most {MaxValue}"),
    };

    /// <summary>Writes <paramref name="value"/> at the start of <paramref name="destination"/>; returns bytes written.</summary>
    public static int Write(uint value, Span<byte> destination)
    {
        int n = SizeOf(value);
        for (int i = 0; i < n; i++)
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            destination[i] = i < n - 1 ? (byte)(b | 0x80) : b;
        }
        return n;
    }

    /// <summary>
    /// One step of incremental decoding, for readers that see one byte at a time. Feed bytes with
    /// <paramref name="index"/> 0,1,2,...; returns true when <paramref name="value"/> is complete.
    /// Throws <see cref="MqttProtocolException"/> (malformed) when a 4th byte still has its continuation bit.
    /// </summary>
    public static bool Accumulate(byte b, int index, ref uint value, string what)
    {
        value |= (uint)(b & 0x7F) << (7 * index);
        if ((b & 0x80) == 0) return true;
        if (index == MaxLength - 1)
            throw MqttProtocolException.Malformed($"{what}: variable byte integer longer than 4 bytes (MQTT-1.5.5)");
        return false;
    }

    /// <summary>
    /// Decodes from the start of <paramref name="source"/>. Returns false if more bytes are needed;
    /// throws <see cref="MqttProtocolException"/> (malformed) for a 5-byte encoding.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out uint value, out int length, string what = "variable byte integer")
    {
        value = 0;
        for (int i = 0; i < source.Length; i++)
        {
            if (Accumulate(source[i], i, ref value, what))
            {
                length = i + 1;
                return true;
            }
        }
        length = 0;
        value = 0;
        return false;
    }
}
