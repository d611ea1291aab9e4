using System.CommandLine;
using System.Security.Cryptography;
using AwsIotDevice.CustomAuth.Signing;

namespace AwsIotDevice.Iotctl.Commands;

/// <summary>
/// <c>iotctl verify --public-key public.pem --token TOKEN --signature SIG</c>: prints <c>valid</c> (exit 0) or
/// <c>invalid</c> (exit 1). The signature may be raw base64 or percent-encoded as in an MQTT username.
/// </summary>
public static class VerifyCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var publicKey = CommonOptions.Required<string>("--public-key", "Public key PEM (BEGIN PUBLIC KEY or BEGIN RSA PUBLIC KEY), RSA-2048", "FILE");
        var token = CommonOptions.Required<string>("--token", "The signed token (the one value that needs --token=VALUE is '--')", "TOKEN");
        var signature = CommonOptions.Required<string>("--signature", "Base64 signature, raw or percent-encoded (%2B %2F %3D)", "SIG");
        var command = new Command("verify", "Check a token signature: prints 'valid' (exit 0) or 'invalid' (exit 1)")
        {
            publicKey,
            token,
            signature,
        };
        CommandContext.SetAction(command, context =>
        {
            using RSA rsa = RsaKeyFile.LoadPublicKey(context.Get(publicKey)!);
            string signatureText = context.Get(signature)!;
            if (!SignatureText.TryDecode(signatureText, out _, out string reason))
            {
                context.Error.WriteLine($"{context.CommandPath}: {reason}");
                context.Out.WriteLine("invalid");
                return IotctlApp.Negative;
            }

            bool valid = TokenSignature.Verify(rsa, context.Get(token)!, signatureText);
            context.Out.WriteLine(valid ? "valid" : "invalid");
            return valid ? IotctlApp.Ok : IotctlApp.Negative;
        });
        return command;
    }
}
