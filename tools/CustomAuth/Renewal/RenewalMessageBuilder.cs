using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AwsIotDevice.CustomAuth.Tokens;

namespace AwsIotDevice.CustomAuth.Renewal;

/// <summary>
/// The backend's side of a credential renewal: the message the device reads (firmware Core's
/// <c>Credentials/RenewalMessage.cs</c> documents the same format) —
/// <c>{"v":1,"clientId":…,"token":…,"signature":…,"notBefore":…,"mac":…}</c>, where <c>mac</c> is the lower-case hex of
/// HMAC-SHA256 under the device's renewal key over <see cref="CanonicalText"/>:
/// <c>"aws-iot-renewal-v1\n" + clientId + "\n" + token + "\n" + signature + "\n" + notBefore</c>. The MAC covers the
/// fields, not the JSON, so this writer and the device's reader need not agree on spacing or order; both sides are tested
/// against one vector (CustomAuth.Tests and nf-tests Crypto/TestHmacSha256Tests). The message holds a working device
/// credential: treat it as a secret.
/// </summary>
public static class RenewalMessageBuilder
{
    /// <summary>The MAC's domain line (same as the device's).</summary>
    public const string Domain = "aws-iot-renewal-v1";

    /// <summary>The message version.</summary>
    public const int Version = 1;

    /// <summary>The text the MAC is computed over.</summary>
    public static string CanonicalText(string clientId, string token, string signature, long notBefore) =>
        Domain + "\n" + clientId + "\n" + token + "\n" + signature + "\n" + notBefore.ToString(CultureInfo.InvariantCulture);

    /// <summary>HMAC-SHA256 of <see cref="CanonicalText"/> under <paramref name="key"/> (32 bytes).</summary>
    public static byte[] Mac(byte[] key, string clientId, string token, string signature, long notBefore) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(CanonicalText(clientId, token, signature, notBefore)));

    /// <summary>
    /// The renewal message for <paramref name="clientId"/> carrying <paramref name="token"/> (a v1 token for that client
    /// id) and its <paramref name="signature"/>, usable from <paramref name="notBefore"/> (Unix seconds; 0: at once).
    /// Throws <see cref="CustomAuthException"/> when the pieces do not fit together (the device would refuse them).
    /// </summary>
    public static string Build(string clientId, string token, string signature, long notBefore, byte[] key)
    {
        string? problem = ClientIdRules.Validate(clientId);
        if (problem is not null)
        {
            throw new CustomAuthException(problem);
        }

        AuthToken parsed = AuthToken.Parse(token);
        if (parsed.ClientId != clientId)
        {
            throw new CustomAuthException($"the token was issued for client id {LogText.Quote(parsed.ClientId)}, not {LogText.Quote(clientId)}");
        }

        if (notBefore < 0 || notBefore >= parsed.ExpiresAtUnixSeconds)
        {
            throw new CustomAuthException("notBefore must be before the token's expiry");
        }

        if (key.Length != RenewalKeyFile.KeyBytes)
        {
            throw new CustomAuthException($"the renewal key must be {RenewalKeyFile.KeyBytes} bytes");
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", Version);
            writer.WriteString("clientId", clientId);
            writer.WriteString("token", token);
            writer.WriteString("signature", signature);
            writer.WriteNumber("notBefore", notBefore);
            writer.WriteString("mac", Convert.ToHexStringLower(Mac(key, clientId, token, signature, notBefore)));
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
