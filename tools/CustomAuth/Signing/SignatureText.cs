namespace AwsIotDevice.CustomAuth.Signing;

/// <summary>
/// The text form of a token signature: base64 (<c>[A-Za-z0-9+/]+={0,2}</c>, 1..2560 characters, the AWS limits),
/// accepted either raw or percent-encoded as it appears in an MQTT username (<c>%2B</c>, <c>%2F</c>, <c>%3D</c>).
/// </summary>
public static class SignatureText
{
    /// <summary>AWS's maximum signature length in characters.</summary>
    public const int MaxLength = 2560;

    /// <summary>
    /// Decodes <paramref name="text"/> into signature bytes. Returns false, with a secret-free reason, when it is not
    /// a well-formed base64 signature.
    /// </summary>
    public static bool TryDecode(string? text, out byte[] signature, out string reason)
    {
        signature = [];
        if (!TryNormalize(text, out string base64, out reason))
        {
            return false;
        }

        try
        {
            signature = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            reason = "signature is not valid base64";
            return false;
        }

        return true;
    }

    /// <summary>
    /// Returns the raw base64 text of <paramref name="text"/> (percent-escapes undone, nothing else changed, so the
    /// exact characters a signer produced are kept). Returns false, with a reason, when it is not well-formed.
    /// </summary>
    public static bool TryNormalize(string? text, out string base64Text, out string reason)
    {
        base64Text = string.Empty;
        if (string.IsNullOrEmpty(text))
        {
            reason = "signature is empty";
            return false;
        }

        string base64 = text.Contains('%') ? PercentDecodeBase64(text) : text;
        if (base64.Length == 0 || base64.Length > MaxLength)
        {
            reason = $"signature must be 1..{MaxLength} base64 characters (after percent-decoding)";
            return false;
        }

        if (!IsBase64Alphabet(base64) || base64.Length % 4 != 0)
        {
            reason = "signature is not base64 ([A-Za-z0-9+/] with '=' padding, optionally percent-encoded)";
            return false;
        }

        base64Text = base64;
        reason = string.Empty;
        return true;
    }

    // Only the three escapes base64 needs are decoded; anything else stays and then fails the alphabet check.
    private static string PercentDecodeBase64(string text) =>
        text.Replace("%2B", "+", StringComparison.OrdinalIgnoreCase)
            .Replace("%2F", "/", StringComparison.OrdinalIgnoreCase)
            .Replace("%3D", "=", StringComparison.OrdinalIgnoreCase);

    private static bool IsBase64Alphabet(string s)
    {
        int padding = 0;
        foreach (char c in s)
        {
            if (c == '=')
            {
                padding++;
                continue;
            }

            if (padding > 0)
            {
                return false;
            }

            bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
            if (!ok)
            {
                return false;
            }
        }

        return padding <= 2;
    }
}
