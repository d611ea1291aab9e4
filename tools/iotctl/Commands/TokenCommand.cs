using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AwsIotDevice.CustomAuth.Signing;
using AwsIotDevice.CustomAuth.Tokens;

namespace AwsIotDevice.Iotctl.Commands;

/// <summary>
/// <c>iotctl token --client-id ID --expires-in 30d [--key private.pem] [--json] [--now TIME]</c>: issues a v1
/// token (see <see cref="AuthToken"/> and tools/iotctl/README.md) and, with a key, its signature.
/// </summary>
public static class TokenCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var clientId = CommonOptions.Required<string>("--client-id", "MQTT client id the token is bound to: 1..128 of A-Z a-z 0-9 _ . : -", "ID");
        var expiresIn = CommonOptions.Required<string>("--expires-in", "Lifetime: whole number + s|m|h|d, e.g. 3600s, 15m, 12h, 30d (1m..366d)", "DURATION");
        var key = CommonOptions.Optional<string?>("--key", "Also sign the token with this private key PEM and print the signature", "FILE");
        var json = CommonOptions.Optional<bool>("--json", "Print one JSON object (token, clientId, expiresAt, expiresAtUnix, signature) instead of lines");
        var now = CommonOptions.Now();
        var command = new Command("token", "Issue a device token (v1.<client id base64url>.<expiry>) bound to a client id and an expiry")
        {
            clientId,
            expiresIn,
            key,
            json,
            now,
        };
        CommandContext.SetAction(command, context =>
        {
            TimeSpan lifetime = TokenDuration.Parse(context.Get(expiresIn));
            DateTimeOffset start = CommonOptions.ResolveNow(context.Get(now), TimeProvider.System);
            AuthToken token = AuthToken.Create(context.Get(clientId)!, start + lifetime);
            string text = token.Encode();
            string? signature = null;
            string? keyPath = context.Get(key);
            if (keyPath is not null)
            {
                using RSA rsa = RsaKeyFile.LoadPrivateKey(keyPath);
                signature = TokenSignature.Sign(rsa, text);
            }

            if (context.Get(json))
            {
                context.Out.WriteLine(ToJson(token, text, signature));
            }
            else if (signature is null)
            {
                context.Out.WriteLine(text);
            }
            else
            {
                context.Out.WriteLine("token=" + text);
                context.Out.WriteLine("signature=" + signature);
            }

            return IotctlApp.Ok;
        });
        return command;
    }

    private static string ToJson(AuthToken token, string text, string? signature)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("token", text);
            writer.WriteString("clientId", token.ClientId);
            writer.WriteString("expiresAt", token.ExpiresAt.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteNumber("expiresAtUnix", token.ExpiresAtUnixSeconds);
            if (signature is not null)
            {
                writer.WriteString("signature", signature);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
