using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Credentials
{
    /// <summary>
    /// The project's v1 custom-authorizer token as the device reads it: <c>v1.&lt;clientId as base64url, no
    /// padding&gt;.&lt;expiry, Unix seconds&gt;</c>, e.g. <c>v1.ZGV2aWNlLTAx.1767225600</c> for client id <c>device-01</c>.
    /// The same strict rules as the host's issuer (tools/CustomAuth/Tokens/AuthToken.cs), so the device and iotctl agree on
    /// every text: exactly three dot-separated parts; version exactly <c>v1</c>; the client id part the canonical unpadded
    /// base64url of 1..128 characters of <c>A-Z a-z 0-9 _ . : -</c>; the expiry canonical decimal (no sign, no leading
    /// zero) from 1 to 253402300799 (year 9999). The device cannot check the signature (it never holds the authorizer's
    /// key); it reads the token only to know its client id and when it stops working. Immutable.
    /// </summary>
    public sealed class V1Token
    {
        /// <summary>The version prefix.</summary>
        public const string Version = "v1";

        /// <summary>Largest expiry accepted: 9999-12-31T23:59:59Z.</summary>
        public const long MaxExpiresAtUnixSeconds = 253402300799;

        /// <summary>Longest client id (AWS IoT's limit; every allowed character is one byte).</summary>
        public const int MaxClientIdLength = 128;

        private V1Token(string clientId, long expiresAt)
        {
            ClientId = clientId;
            ExpiresAtUnixSeconds = expiresAt;
        }

        /// <summary>The MQTT client id the token was issued for.</summary>
        public string ClientId { get; private set; }

        /// <summary>The first second (Unix time, UTC) at which the token is no longer valid.</summary>
        public long ExpiresAtUnixSeconds { get; private set; }

        /// <summary>
        /// Reads <paramref name="text"/>. Returns null when it is not a v1 token, with <paramref name="reason"/> saying why
        /// (never repeating the token, which is a secret); "" on success.
        /// </summary>
        public static V1Token Parse(string text, out string reason)
        {
            if (text == null || text.Length == 0)
            {
                reason = "token is empty";
                return null;
            }

            int first = text.IndexOf('.');
            int second = first < 0 ? -1 : text.IndexOf('.', first + 1);
            if (first < 0 || second < 0 || text.IndexOf('.', second + 1) >= 0)
            {
                reason = "token is not three dot-separated parts (v1.<client id base64url>.<expiry>)";
                return null;
            }

            if (first != Version.Length || text[0] != 'v' || text[1] != '1')
            {
                reason = "token version is not 'v1'";
                return null;
            }

            string clientId = DecodeClientId(text.Substring(first + 1, second - first - 1));
            if (clientId == null)
            {
                reason = "token's client id part is not canonical unpadded base64url of a client id (1..128 of A-Z a-z 0-9 _ . : -)";
                return null;
            }

            long expires = ParseExpiry(text, second + 1);
            if (expires <= 0)
            {
                reason = "token's expiry part is not a Unix time in seconds (digits, no leading zero, before year 10000)";
                return null;
            }

            reason = string.Empty;
            return new V1Token(clientId, expires);
        }

        /// <summary>As <see cref="Parse(string, out string)"/>, without the reason.</summary>
        public static V1Token Parse(string text)
        {
            string ignored;
            return Parse(text, out ignored);
        }

        /// <summary>True for the characters a v1 client id may contain.</summary>
        public static bool IsClientIdChar(char c)
        {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == ':' || c == '-';
        }

        /// <summary>True when <paramref name="clientId"/> is 1..128 of <c>A-Z a-z 0-9 _ . : -</c>.</summary>
        public static bool IsValidClientId(string clientId)
        {
            if (clientId == null || clientId.Length == 0 || clientId.Length > MaxClientIdLength)
            {
                return false;
            }

            for (int i = 0; i < clientId.Length; i++)
            {
                if (!IsClientIdChar(clientId[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True when the token no longer works at <paramref name="nowUnixSeconds"/> (from its expiry second on).</summary>
        public bool IsExpiredAt(long nowUnixSeconds)
        {
            return nowUnixSeconds >= ExpiresAtUnixSeconds;
        }

        private static string DecodeClientId(string part)
        {
            byte[] bytes = Base64Text.DecodeUrlUnpadded(part);
            if (bytes == null)
            {
                return null;
            }

            // Every allowed character is ASCII, so the bytes are the characters (and other UTF-8 is refused anyway).
            char[] chars = new char[bytes.Length];
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[i] = (char)bytes[i];
            }

            string clientId = new string(chars);
            return IsValidClientId(clientId) ? clientId : null;
        }

        // The expiry from `start` to the end of `text`, or 0 when it is not canonical decimal in range.
        private static long ParseExpiry(string text, int start)
        {
            int length = text.Length - start;
            if (length < 1 || length > 12 || text[start] == '0')
            {
                return 0;
            }

            long value = 0;
            for (int i = start; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return 0;
                }

                value = (value * 10) + (c - '0');
            }

            return value <= MaxExpiresAtUnixSeconds ? value : 0;
        }
    }
}
