using System.CommandLine;
using System.Security.Cryptography;
using AwsIotDevice.CustomAuth.Signing;

namespace AwsIotDevice.Iotctl.Commands;

/// <summary>
/// <c>iotctl sign --key private.pem --token TOKEN</c>: prints the base64 RSA-SHA256 signature, byte-identical to
/// <c>printf %s TOKEN | openssl dgst -sha256 -sign private.pem | openssl base64 -A</c>.
/// </summary>
public static class SignCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var key = CommonOptions.Required<string>("--key", "Private key PEM: PKCS#8 (BEGIN PRIVATE KEY) or PKCS#1 (BEGIN RSA PRIVATE KEY), unencrypted RSA-2048", "FILE");
        var token = CommonOptions.Required<string>("--token", "The token to sign, exactly as the device sends it (the one value that needs --token=VALUE is '--')", "TOKEN");
        var command = new Command("sign", "Sign a token: print its base64 RSA PKCS#1 v1.5 SHA-256 signature (same bytes as openssl dgst -sha256 -sign)")
        {
            key,
            token,
        };
        CommandContext.SetAction(command, context =>
        {
            using RSA rsa = RsaKeyFile.LoadPrivateKey(context.Get(key)!);
            context.Out.WriteLine(TokenSignature.Sign(rsa, context.Get(token)!));
            return IotctlApp.Ok;
        });
        return command;
    }
}
