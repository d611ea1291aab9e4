using System.CommandLine;
using System.Security.Cryptography;
using AwsIotDevice.CustomAuth;
using AwsIotDevice.CustomAuth.Policies;
using AwsIotDevice.CustomAuth.Signing;
using AwsIotDevice.Iotctl.Setup;

namespace AwsIotDevice.Iotctl.Commands;

/// <summary><c>iotctl aws package</c> (the authorizer Lambda's zip) and <c>iotctl aws setup</c> (one CloudFormation stack and the AWS CLI steps to deploy it).</summary>
public static class AwsCommand
{
    /// <summary>Creates the <c>aws</c> group.</summary>
    public static Command Create() => new("aws", "Build the authorizer Lambda's package and generate the AWS-side setup (one CloudFormation stack)")
    {
        CreatePackage(),
        CreateSetup(),
    };

    private static Command CreatePackage()
    {
        var output = CommonOptions.Required<string>("--out", "Directory to write the deployment zip into (created if missing)", "DIR");
        var arch = CommonOptions.Optional<string>("--arch", "Lambda architecture: x86_64 or arm64 (default: this machine's, so the emulator can run the package)", "ARCH");
        arch.DefaultValueFactory = _ => LambdaPackager.HostArchitecture;
        arch.AcceptOnlyFromAmong("x86_64", "arm64");
        var project = CommonOptions.Optional<string?>("--project", "The function project (default: tools/LambdaAuthorizer of this repository)", "CSPROJ");
        var command = new Command("package", "Build the authorizer Lambda's deployment zip (custom runtime provided.al2023, Native AOT bootstrap); prints its path, size and SHA-256")
        {
            output,
            arch,
            project,
        };
        CommandContext.SetAction(command, context =>
        {
            LambdaPackageFile file = LambdaPackager.Build(context.Get(output)!, context.Get(arch)!, context.Get(project), context.Error);
            context.Out.WriteLine($"package: {file.Path}");
            context.Out.WriteLine($"size:    {file.Size} bytes");
            context.Out.WriteLine($"sha256:  {file.Sha256}");
            context.Out.WriteLine($"runtime: provided.al2023, architecture {file.Architecture}, handler bootstrap");
            return IotctlApp.Ok;
        });
        return command;
    }

    private static Command CreateSetup()
    {
        var name = CommonOptions.Required<string>("--name", "Authorizer name (1..128 of letters, digits, _ = , @ -)", "NAME");
        var publicKeys = CommonOptions.Required<string[]>("--public-key", "Public key PEM from 'iotctl keygen'; repeat once for a second (rotation) key", "FILE");
        var region = CommonOptions.Required<string>("--region", "AWS region, e.g. eu-west-1", "REGION");
        var account = CommonOptions.Required<string>("--account", "12-digit AWS account id", "ACCOUNT");
        var domain = CommonOptions.Optional<string?>("--domain", "Also create a CUSTOM_AUTH + SECURE_MQTT domain configuration for this custom domain name (devices then need no ALPN)", "DOMAIN");
        var certificate = CommonOptions.Optional<string?>("--certificate-arn", "The ACM certificate of --domain (otherwise a template parameter / $SERVER_CERTIFICATE_ARN)", "ARN");
        var tokenKeyName = CommonOptions.Optional<string>("--token-key-name", "Token key name devices use in the username", "KEY");
        tokenKeyName.DefaultValueFactory = _ => "token";
        var topicPrefix = CommonOptions.Optional<string>("--topic-prefix", "Topic prefix devices get (<prefix>/<clientId>/*)", "PREFIX");
        topicPrefix.DefaultValueFactory = _ => PolicyScope.DefaultTopicPrefix;
        var arch = CommonOptions.Optional<string>("--arch", "Lambda architecture of the package: x86_64 or arm64", "ARCH");
        arch.DefaultValueFactory = _ => "x86_64";
        arch.AcceptOnlyFromAmong("x86_64", "arm64");
        var stack = CommonOptions.Optional<string?>("--stack-name", "CloudFormation stack name (default: <name>-stack)", "NAME");
        var format = CommonOptions.Optional<string>("--format", "What to print: both, cli or cloudformation", "FORMAT");
        format.DefaultValueFactory = _ => "both";
        format.AcceptOnlyFromAmong("both", "cli", "cloudformation");
        var command = new Command("setup", "Print one CloudFormation template (function, role, authorizer, permission, optional domain configuration) and the AWS CLI steps to deploy it")
        {
            name,
            publicKeys,
            region,
            account,
            domain,
            certificate,
            tokenKeyName,
            topicPrefix,
            arch,
            stack,
            format,
        };
        CommandContext.SetAction(command, context =>
        {
            var pems = new List<string>();
            foreach (string path in context.Get(publicKeys) ?? [])
            {
                using RSA rsa = RsaKeyFile.LoadPublicKey(path);
                pems.Add(rsa.ExportSubjectPublicKeyInfoPem());
            }

            var request = new AwsSetupRequest(context.Get(name)!, pems, context.Get(region)!, context.Get(account)!,
                context.Get(domain), context.Get(certificate), context.Get(tokenKeyName)!, context.Get(topicPrefix)!, context.Get(arch)!, context.Get(stack));
            string what = context.Get(format)!;
            if (what is "both" or "cli")
            {
                context.Out.Write(AwsCliSteps.Text(request));
            }

            if (what == "both")
            {
                context.Out.WriteLine();
                context.Out.WriteLine($"# ---- CloudFormation template (save as {AwsCliSteps.TemplateFile}; 'iotctl aws setup ... --format cloudformation' prints only this) ----");
            }

            if (what is "both" or "cloudformation")
            {
                context.Out.Write(CloudFormationTemplate.Yaml(request));
            }

            return IotctlApp.Ok;
        });
        return command;
    }
}
