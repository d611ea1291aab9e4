using System.Text;

namespace AwsIotDevice.CustomAuth.Authorizer;

/// <summary>
/// The one percent-decoder for custom-authorizer parameters (username queries, HTTP query strings, paths):
/// RFC 3986 <c>%XX</c> escapes over UTF-8, strict. The only switch is what a raw '+' means: a space in form decoding
/// (what AWS may do with an unencoded base64 signature, so the emulator's strict mode uses it), or a literal '+'
/// (the lenient reading the reference authorizer uses, since AWS already checked what it decoded).
/// </summary>
public static class PercentDecoding
{
    /// <summary>
    /// Decodes <paramref name="text"/>; a raw '+' becomes ' ' when <paramref name="plusIsSpace"/>. Returns null when
    /// the text is malformed: a '%' without two hex digits, escapes that are not UTF-8, or a lone surrogate (which is
    /// not text, and which a UTF-8 encoder would otherwise throw on or silently replace).
    /// </summary>
    public static string? Decode(string text, bool plusIsSpace)
    {
        if (text.IndexOf('%') < 0 && (!plusIsSpace || text.IndexOf('+') < 0) && !HasSurrogate(text))
        {
            return text;
        }

        var bytes = new List<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length || !Uri.IsHexDigit(text[i + 1]) || !Uri.IsHexDigit(text[i + 2]))
                {
                    return null;
                }

                bytes.Add((byte)((Uri.FromHex(text[i + 1]) << 4) | Uri.FromHex(text[i + 2])));
                i += 2;
            }
            else if (c == '+' && plusIsSpace)
            {
                bytes.Add((byte)' ');
            }
            else if (c < 0x80)
            {
                bytes.Add((byte)c);
            }
            else
            {
                bool pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
                if (char.IsSurrogate(c) && !pair)
                {
                    return null;
                }

                int length = pair ? Encoding.UTF8.GetBytes(text.AsSpan(i++, 2), utf8) : Encoding.UTF8.GetBytes(text.AsSpan(i, 1), utf8);
                for (int k = 0; k < length; k++)
                {
                    bytes.Add(utf8[k]);
                }
            }
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    // Text without escapes is returned as is, unless it holds a surrogate that might be lone (checked by the slow path).
    private static bool HasSurrogate(string text)
    {
        foreach (char c in text)
        {
            if (char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }
}
