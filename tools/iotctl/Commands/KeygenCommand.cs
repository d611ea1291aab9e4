using System.CommandLine;
using AwsIotDevice.CustomAuth.Signing;

namespace AwsIotDevice.Iotctl.Commands;

/// <summary><c>iotctl keygen --out DIR [--force]</c>: a new RSA-2048 token-signing key pair.</summary>
public static class KeygenCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var outDir = CommonOptions.Required<string>("--out", "Directory to write private.pem (PKCS#8, owner-only) and public.pem (SubjectPublicKeyInfo) into; created if missing", "DIR");
        var force = CommonOptions.Optional<bool>("--force", "Replace an existing key pair in DIR (the old private key is lost)");
        var command = new Command("keygen", "Generate the RSA-2048 key pair that signs device tokens; public.pem goes to the AWS authorizer, private.pem stays with you")
        {
            outDir,
            force,
        };
        CommandContext.SetAction(command, context =>
        {
            (string privatePath, string publicPath) = RsaKeyPairFiles.Generate(context.Get(outDir)!, context.Get(force));
            context.Out.WriteLine($"private key: {privatePath} (PKCS#8 PEM, RSA-2048, owner read/write only; never copy it to a device)");
            context.Out.WriteLine($"public key:  {publicPath} (give it to the AWS authorizer: iotctl aws setup --public-key {publicPath} ...)");
            return IotctlApp.Ok;
        });
        return command;
    }
}
