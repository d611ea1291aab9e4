using System.Text;
using System.Text.Unicode;

namespace AwsIotDevice.Emulator.MqttCodec.Formatting;

/// <summary>
/// MQTT UTF-8 string rules (section 1.5.3): well-formed UTF-8 (no overlongs, no surrogate code
/// points, nothing above U+10FFFF), no U+0000, at most 65,535 bytes. A BOM (U+FEFF) is kept, never
/// stripped (MQTT-1.5.3-3). Control characters and non-characters are allowed (SHOULD NOT only).
/// </summary>
public static class MqttStrings
{
    /// <summary>Largest string length in bytes (two-byte length prefix).</summary>
    public const int MaxByteLength = ushort.MaxValue;

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Null when <paramref name="utf8"/> is a legal MQTT string; otherwise a one-line reason.</summary>
    public static string? CheckUtf8(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxByteLength) return $"longer than {MaxByteLength} bytes";
        if (!Utf8.IsValid(utf8)) return "not well-formed UTF-8 (MQTT-1.5.3-1)";
        // In well-formed UTF-8 a 0x00 byte can only be U+0000.
        if (utf8.IndexOf((byte)0) >= 0) return "contains U+0000 (MQTT-1.5.3-2)";
        return null;
    }

    /// <summary>Decodes a validated MQTT string; throws <see cref="MqttProtocolException"/> (malformed) naming <paramref name="what"/>.</summary>
    public static string Decode(ReadOnlySpan<byte> utf8, string what)
    {
        var reason = CheckUtf8(utf8);
        if (reason is not null) throw MqttProtocolException.Malformed($"{what}: {reason}");
        return Encoding.UTF8.GetString(utf8);
    }

    /// <summary>
    /// UTF-8 byte count of <paramref name="value"/> as an MQTT string. Throws
    /// <see cref="MqttProtocolException"/> (malformed) for lone surrogates, U+0000, or more than 65,535 bytes.
    /// </summary>
    public static int ByteCount(string value, string what)
    {
        if (value.Contains('\0')) throw MqttProtocolException.Malformed($"{what}: contains U+0000 (MQTT-1.5.3-2)");
        int n;
        try
        {
            n = Strict.GetByteCount(value);
        }
        catch (EncoderFallbackException)
        {
            throw MqttProtocolException.Malformed($"{what}: contains an unpaired surrogate, not encodable as UTF-8 (MQTT-1.5.3-1)");
        }
        if (n > MaxByteLength) throw MqttProtocolException.Malformed($"{what}: {n} bytes, longer than {MaxByteLength}");
        return n;
    }

    /// <summary>Encodes <paramref name="value"/> (already checked with <see cref="ByteCount"/>) into <paramref name="destination"/>.</summary>
    internal static int Encode(string value, Span<byte> destination) => Strict.GetBytes(value, destination);
}
