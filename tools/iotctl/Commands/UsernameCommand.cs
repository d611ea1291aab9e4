using System.CommandLine;
using AwsIotDevice.Core.Auth;
using AwsIotDevice.CustomAuth;
using AwsIotDevice.CustomAuth.Authorizer;
using AwsIotDevice.CustomAuth.Signing;

namespace AwsIotDevice.Iotctl.Commands;

/// <summary>
/// <c>iotctl username --authorizer NAME --token-key KEY --token TOKEN --signature SIG [--user U]</c>: prints the MQTT
/// username the device sends, built by the firmware's own <see cref="AuthUsername.Build"/>.
/// </summary>
public static class UsernameCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var user = CommonOptions.Optional<string?>("--user", "User part before the '?' (may be empty)", "USER");
        var authorizer = CommonOptions.Required<string>("--authorizer", "Authorizer name: 1..128 of letters, digits, _ = , @ -", "NAME");
        var tokenKey = CommonOptions.Required<string>("--token-key", "The authorizer's token key name: 1..128 of A-Z a-z 0-9 _ -", "KEY");
        var token = CommonOptions.Required<string>("--token", "The token (as printed by 'iotctl token')", "TOKEN");
        var signature = CommonOptions.Required<string>("--signature", "The token's base64 signature, raw or percent-encoded", "SIG");
        var command = new Command("username", "Print the exact MQTT CONNECT username the device sends (built by the firmware's AuthUsername)")
        {
            user,
            authorizer,
            tokenKey,
            token,
            signature,
        };
        CommandContext.SetAction(command, context =>
        {
            string name = context.Get(authorizer)!;
            string key = context.Get(tokenKey)!;
            if (!AwsNames.IsAuthorizerName(name))
            {
                throw new CustomAuthException($"--authorizer {LogText.Quote(name)} must be 1..128 of letters, digits, _ = , @ - (AWS's authorizer name pattern)");
            }

            if (!AwsNames.IsTokenKeyName(key))
            {
                throw new CustomAuthException($"--token-key {LogText.Quote(key)} must be 1..128 of A-Z a-z 0-9 _ - (AWS's token key name pattern)");
            }

            string tokenText = context.Get(token)!;
            if (tokenText.Length is 0 or > TokenSignature.MaxTokenLength)
            {
                throw new CustomAuthException($"--token must be 1..{TokenSignature.MaxTokenLength} characters (AWS's limit)");
            }

            // Normalised to raw base64 first: the builder percent-encodes, so an already encoded value would be encoded twice.
            if (!SignatureText.TryNormalize(context.Get(signature), out string signatureBase64, out string reason))
            {
                throw new CustomAuthException("--signature: " + reason);
            }

            context.Out.WriteLine(AuthUsername.Build(context.Get(user) ?? string.Empty, name, signatureBase64, key, tokenText));
            return IotctlApp.Ok;
        });
        return command;
    }
}
