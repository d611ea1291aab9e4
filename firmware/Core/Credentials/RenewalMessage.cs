using AwsIotDevice.Core.Json;
using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Credentials
{
    /// <summary>
    /// A credential renewal as sent by the backend to <c>&lt;prefix&gt;/&lt;clientId&gt;/credentials</c> (see
    /// <see cref="CredentialTopics"/>): one flat JSON object (UTF-8, at most <see cref="MaxBytes"/>, no other members)
    /// <code>
    /// {"v":1,"clientId":"device-01","token":"v1.ZGV2aWNlLTAx.1798675200","signature":"&lt;base64&gt;","notBefore":0,"mac":"&lt;64 hex&gt;"}
    /// </code>
    /// <list type="bullet">
    /// <item><c>v</c>: 1.</item>
    /// <item><c>clientId</c>: the device the renewal is for.</item>
    /// <item><c>token</c>, <c>signature</c>: the new credential (a v1 token and its RSA-SHA256 signature, base64).</item>
    /// <item><c>notBefore</c> (optional, default 0): Unix seconds before which the device must not switch to the new token.</item>
    /// <item><c>mac</c>: lower-case hex of HMAC-SHA256 under the device's aws.renewalKey over <see cref="CanonicalText"/>:
    /// <c>"aws-iot-renewal-v1\n" + clientId + "\n" + token + "\n" + signature + "\n" + notBefore</c> (notBefore in
    /// decimal, "0" when absent; no final newline). The MAC is over these fields, not over the JSON, so any JSON encoder
    /// can write the message; no field may contain a line break, so the string has one reading.</item>
    /// </list>
    /// Holds secrets (token, signature): never log one. Immutable.
    /// </summary>
    public sealed class RenewalMessage
    {
        /// <summary>The message version.</summary>
        public const int Version = 1;

        /// <summary>Largest message (bytes): a 6144-character token, a 2560-character signature and the rest.</summary>
        public const int MaxBytes = 12 * 1024;

        /// <summary>The first line of the MAC's input: names the purpose and version, so the key signs nothing else by accident.</summary>
        public const string Domain = "aws-iot-renewal-v1";

        /// <summary>AWS's token length limit.</summary>
        public const int MaxTokenLength = 6144;

        /// <summary>AWS's signature length limit.</summary>
        public const int MaxSignatureLength = 2560;

        /// <summary>Length of the MAC in hex digits (32 bytes).</summary>
        public const int MacHexLength = 64;

        private static readonly string[] Members = { "v", "clientId", "token", "signature", "notBefore", "mac" };

        private RenewalMessage(string clientId, string token, string signature, long notBefore, byte[] mac)
        {
            ClientId = clientId;
            Token = token;
            Signature = signature;
            NotBefore = notBefore;
            Mac = mac;
        }

        /// <summary>The client id the message is for.</summary>
        public string ClientId { get; private set; }

        /// <summary>The new token. Secret.</summary>
        public string Token { get; private set; }

        /// <summary>The new token's signature (base64). Secret.</summary>
        public string Signature { get; private set; }

        /// <summary>Unix seconds before which the new token must not be used (0: at once).</summary>
        public long NotBefore { get; private set; }

        /// <summary>The MAC as sent (32 bytes).</summary>
        public byte[] Mac { get; private set; }

        /// <summary>
        /// Reads a message. Returns null with <paramref name="reason"/> = <see cref="RenewalReasons.Malformed"/> (or
        /// <see cref="RenewalReasons.BadSignature"/>) and a secret-free <paramref name="detail"/> when it is not one.
        /// Checks only the shape; <see cref="RenewalVerifier"/> decides whether to believe it.
        /// </summary>
        public static RenewalMessage Parse(byte[] payload, int offset, int count, out string reason, out string detail)
        {
            string error;
            FlatJsonObject json = FlatJsonReader.Parse(payload, offset, count, MaxBytes, Members.Length, out error);
            reason = RenewalReasons.Malformed;
            if (json == null)
            {
                detail = "not a renewal message: " + error;
                return null;
            }

            string unknown = json.FirstNameNotIn(Members);
            if (unknown != null)
            {
                detail = "unknown member '" + Ascii.Printable(unknown, 40) + "' (v1 has v, clientId, token, signature, notBefore, mac)";
                return null;
            }

            long version;
            if (!json.TryGetInteger("v", out version) || version != Version)
            {
                detail = "member v must be the number 1";
                return null;
            }

            string clientId = json.GetString("clientId");
            string token = json.GetString("token");
            string signature = json.GetString("signature");
            string macText = json.GetString("mac");
            if (clientId == null || token == null || signature == null || macText == null)
            {
                detail = "clientId, token, signature and mac must all be strings";
                return null;
            }

            long notBefore = 0;
            if (json.Has("notBefore") && (!json.TryGetInteger("notBefore", out notBefore) || notBefore < 0 || notBefore > V1Token.MaxExpiresAtUnixSeconds))
            {
                detail = "notBefore must be Unix seconds (0..253402300799)";
                return null;
            }

            if (clientId.Length == 0 || clientId.Length > V1Token.MaxClientIdLength || HasLineBreak(clientId))
            {
                detail = "clientId must be 1..128 characters on one line";
                return null;
            }

            if (token.Length == 0 || token.Length > MaxTokenLength || HasLineBreak(token))
            {
                detail = "token must be 1..6144 characters on one line";
                return null;
            }

            byte[] mac = macText.Length == MacHexLength ? Hex.Decode(macText) : null;
            if (mac == null)
            {
                detail = "mac must be 64 hex digits (HMAC-SHA256)";
                return null;
            }

            if (!Base64Text.MatchesAwsSignaturePattern(signature, 1, MaxSignatureLength))
            {
                reason = RenewalReasons.BadSignature;
                detail = "signature must be 1..2560 characters of base64 ([A-Za-z0-9+/]+={0,2})";
                return null;
            }

            reason = string.Empty;
            detail = string.Empty;
            return new RenewalMessage(clientId, token, signature, notBefore, mac);
        }

        /// <summary>The text the MAC is computed over (see the class summary). Holds secrets.</summary>
        public static string CanonicalText(string clientId, string token, string signature, long notBefore)
        {
            TextBuilder b = new TextBuilder();
            b.Append(Domain).Append('\n');
            b.Append(clientId).Append('\n');
            b.Append(token).Append('\n');
            b.Append(signature).Append('\n');
            b.Append(notBefore.ToString());
            return b.ToString();
        }

        /// <summary>The UTF-8 bytes the MAC is computed over.</summary>
        public static byte[] CanonicalBytes(string clientId, string token, string signature, long notBefore)
        {
            return Utf8.GetBytes(CanonicalText(clientId, token, signature, notBefore));
        }

        /// <summary>
        /// The message as JSON with <paramref name="mac"/> (32 bytes). The device never sends one; tests and host tools use
        /// it to build what the backend sends.
        /// </summary>
        public static string Format(string clientId, string token, string signature, long notBefore, byte[] mac)
        {
            TextBuilder b = new TextBuilder();
            b.Append("{\"v\":1");
            JsonText.AppendName(b, "clientId", false);
            JsonText.AppendString(b, clientId);
            JsonText.AppendName(b, "token", false);
            JsonText.AppendString(b, token);
            JsonText.AppendName(b, "signature", false);
            JsonText.AppendString(b, signature);
            JsonText.AppendName(b, "notBefore", false);
            b.Append(notBefore.ToString());
            JsonText.AppendName(b, "mac", false);
            JsonText.AppendString(b, Hex.Encode(mac));
            b.Append('}');
            return b.ToString();
        }

        private static bool HasLineBreak(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n' || text[i] == '\r')
                {
                    return true;
                }
            }

            return false;
        }
    }
}
