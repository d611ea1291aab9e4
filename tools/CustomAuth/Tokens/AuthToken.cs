using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace AwsIotDevice.CustomAuth.Tokens;

/// <summary>
/// The project's custom-authorizer token, version 1: <c>v1.&lt;clientId as base64url, no padding&gt;.&lt;expiry, Unix seconds&gt;</c>,
/// for example <c>v1.ZGV2aWNlLTAx.1767225600</c> for client id <c>device-01</c>.
/// Every character is in the RFC 3986 unreserved set, so percent-encoding leaves the token unchanged and a client
/// or SDK that forgets to encode it cannot damage it. The token is signed as a whole (see
/// <see cref="Signing.TokenSignature"/>), which binds the client id and the expiry; at most ~190 characters.
/// Parsing is strict: exactly one canonical spelling is accepted for each (client id, expiry).
/// </summary>
public sealed class AuthToken
{
    /// <summary>The version prefix of this format.</summary>
    public const string Version = "v1";

    /// <summary>Largest expiry accepted: 9999-12-31T23:59:59Z.</summary>
    public const long MaxExpiresAtUnixSeconds = 253402300799;

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private AuthToken(string clientId, long expiresAtUnixSeconds)
    {
        ClientId = clientId;
        ExpiresAtUnixSeconds = expiresAtUnixSeconds;
    }

    /// <summary>The MQTT client id the token was issued for (valid per <see cref="ClientIdRules"/>).</summary>
    public string ClientId { get; }

    /// <summary>The first second at which the token is no longer valid, in Unix seconds.</summary>
    public long ExpiresAtUnixSeconds { get; }

    /// <summary>The expiry as a UTC time.</summary>
    public DateTimeOffset ExpiresAt => DateTimeOffset.FromUnixTimeSeconds(ExpiresAtUnixSeconds);

    /// <summary>
    /// Creates a token for <paramref name="clientId"/> expiring at <paramref name="expiresAt"/> (whole seconds;
    /// fractions are dropped). Throws <see cref="CustomAuthException"/> for an invalid client id or expiry.
    /// </summary>
    public static AuthToken Create(string clientId, DateTimeOffset expiresAt)
    {
        string? problem = ClientIdRules.Validate(clientId);
        if (problem is not null)
        {
            throw new CustomAuthException(problem);
        }

        long seconds = expiresAt.ToUnixTimeSeconds();
        if (seconds <= 0 || seconds > MaxExpiresAtUnixSeconds)
        {
            throw new CustomAuthException("token expiry must be after 1970 and before the year 10000");
        }

        return new AuthToken(clientId, seconds);
    }

    /// <summary>
    /// Parses <paramref name="text"/>. On failure returns false with a reason that never repeats the token itself.
    /// </summary>
    public static bool TryParse(string? text, out AuthToken? token, out string reason)
    {
        token = null;
        if (string.IsNullOrEmpty(text))
        {
            reason = "token is empty";
            return false;
        }

        string[] parts = text.Split('.');
        if (parts.Length != 3)
        {
            reason = $"token has {parts.Length} dot-separated part(s); a v1 token has 3 (v1.<client id base64url>.<expiry>)";
            return false;
        }

        if (parts[0] != Version)
        {
            reason = "token version is not 'v1'";
            return false;
        }

        if (!TryDecodeClientId(parts[1], out string clientId))
        {
            reason = "token's client id part is not canonical unpadded base64url of UTF-8 text";
            return false;
        }

        string? problem = ClientIdRules.Validate(clientId);
        if (problem is not null)
        {
            reason = "token's " + problem;
            return false;
        }

        if (!TryParseExpiry(parts[2], out long expires))
        {
            reason = "token's expiry part is not a Unix time in seconds (digits, no leading zero, before year 10000)";
            return false;
        }

        token = new AuthToken(clientId, expires);
        reason = string.Empty;
        return true;
    }

    /// <summary>Parses <paramref name="text"/> or throws <see cref="CustomAuthException"/> with the reason.</summary>
    public static AuthToken Parse(string text) =>
        TryParse(text, out AuthToken? token, out string reason) ? token! : throw new CustomAuthException(reason);

    /// <summary>True when the token is no longer valid at <paramref name="now"/>.</summary>
    public bool IsExpiredAt(DateTimeOffset now) => now.ToUnixTimeSeconds() >= ExpiresAtUnixSeconds;

    /// <summary>Returns the token text (what is signed and sent as the token key's value).</summary>
    public string Encode()
    {
        string client = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(ClientId));
        return Version + "." + client + "." + ExpiresAtUnixSeconds.ToString(CultureInfo.InvariantCulture);
    }

    private static bool TryDecodeClientId(string part, out string clientId)
    {
        clientId = string.Empty;
        if (part.Length == 0 || !Base64Url.IsValid(part))
        {
            return false;
        }

        foreach (char c in part)
        {
            if (c == '=')
            {
                return false;
            }
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(part);
            clientId = StrictUtf8.GetString(bytes);
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            return false;
        }

        // Base64 can spell the same bytes with different trailing bits; only the canonical spelling is accepted.
        return Base64Url.EncodeToString(bytes) == part;
    }

    private static bool TryParseExpiry(string part, out long seconds)
    {
        seconds = 0;
        if (part.Length == 0 || part.Length > 12 || part[0] == '0')
        {
            return false;
        }

        foreach (char c in part)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }

        seconds = long.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
        return seconds <= MaxExpiresAtUnixSeconds;
    }
}
