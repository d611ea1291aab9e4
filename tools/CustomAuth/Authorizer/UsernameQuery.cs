using System.Text;

namespace AwsIotDevice.CustomAuth.Authorizer;

/// <summary>
/// Reads parameters from the query part of an MQTT username
/// (<c>user?x-amz-customauthorizer-name=...&amp;x-amz-customauthorizer-signature=...&amp;token=...</c>).
/// Values are percent-decoded per RFC 3986; "+" stays "+" (it is never a space here, or base64 would break).
/// </summary>
public static class UsernameQuery
{
    /// <summary>The parameter carrying the token signature.</summary>
    public const string SignatureKey = "x-amz-customauthorizer-signature";

    /// <summary>The parameter naming the authorizer.</summary>
    public const string AuthorizerNameKey = "x-amz-customauthorizer-name";

    /// <summary>
    /// Returns the decoded value of the first parameter named <paramref name="key"/>, or null when the username has
    /// no query, no such parameter, or the value's percent-encoding is broken.
    /// </summary>
    public static string? Get(string? username, string key)
    {
        if (username is null)
        {
            return null;
        }

        int question = username.IndexOf('?');
        if (question < 0)
        {
            return null;
        }

        foreach (string pair in username[(question + 1)..].Split('&'))
        {
            int equals = pair.IndexOf('=');
            string rawKey = equals < 0 ? pair : pair[..equals];
            if (PercentDecode(rawKey) == key)
            {
                return equals < 0 ? string.Empty : PercentDecode(pair[(equals + 1)..]);
            }
        }

        return null;
    }

    /// <summary>Decodes %XX escapes (UTF-8); returns null for a truncated or non-hex escape or invalid UTF-8.</summary>
    public static string? PercentDecode(string value)
    {
        if (!value.Contains('%'))
        {
            return value;
        }

        var bytes = new List<byte>(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c != '%')
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
                continue;
            }

            if (i + 2 >= value.Length || !Uri.IsHexDigit(value[i + 1]) || !Uri.IsHexDigit(value[i + 2]))
            {
                return null;
            }

            bytes.Add((byte)((Uri.FromHex(value[i + 1]) << 4) | Uri.FromHex(value[i + 2])));
            i += 2;
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
}
