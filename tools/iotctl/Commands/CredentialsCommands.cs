using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using AwsIotDevice.CustomAuth;
using AwsIotDevice.CustomAuth.Files;
using AwsIotDevice.CustomAuth.Policies;
using AwsIotDevice.CustomAuth.Renewal;
using AwsIotDevice.CustomAuth.Signing;
using AwsIotDevice.CustomAuth.Tokens;
using AwsIotDevice.CustomAuthMqttClient;

namespace AwsIotDevice.Iotctl.Commands;

/// <summary>
/// <c>iotctl credentials keygen|renew</c>: a device's renewal key, and a credential renewal sent over MQTT (to the local
/// emulator as its backend principal, or printed as the <c>aws iot-data publish</c> command for AWS).
/// <para>
/// The renewal message carries a new token and its signature, a working device credential (the MAC only stops anyone who
/// can merely publish on the topic from planting one; whoever reads the message can connect as the device). So it is
/// never printed by default: <c>--out FILE</c> writes it owner-only (0600) and prints the path, <c>--stdout</c> prints
/// it alone on stdout for a pipe. This keeps it out of terminal scrollback and CI logs unless asked for.
/// </para>
/// </summary>
public static class CredentialsCommands
{
    /// <summary>Creates the command group.</summary>
    public static Command Create()
    {
        var group = new Command("credentials", "Keep device credentials fresh over the air: renewal keys and renewals sent on <prefix>/<clientId>/credentials");
        group.Subcommands.Add(CreateKeygen());
        group.Subcommands.Add(CreateRenew());
        return group;
    }

    private static Command CreateKeygen()
    {
        var outFile = CommonOptions.Required<string>("--out", "File to write the renewal key to (one line of base64 of 32 random bytes, owner-only)", "FILE");
        var force = CommonOptions.Optional<bool>("--force", "Replace an existing key (devices provisioned with the old one will refuse renewals made with the new)");
        var command = new Command("keygen", "Generate a device's renewal key: put the file's content in the device's aws.renewalKey setting, keep the file to sign renewals")
        {
            outFile,
            force,
        };
        CommandContext.SetAction(command, context =>
        {
            string path = context.Get(outFile)!;
            RenewalKeyFile.Generate(path, context.Get(force));
            context.Out.WriteLine($"renewal key: {Path.GetFullPath(path)} (32 random bytes as base64, owner read/write only)");
            context.Out.WriteLine($"  device: set aws.renewalKey to the file's content (provision --file with aws.renewalKey=<content>); it is write-only there");
            context.Out.WriteLine($"  backend: iotctl credentials renew --renewal-key-file {path} ...");
            return IotctlApp.Ok;
        });
        return command;
    }

    private static Command CreateRenew()
    {
        var clientId = CommonOptions.Required<string>("--client-id", "The device's MQTT client id (the new token is bound to it)", "ID");
        var key = CommonOptions.Required<string>("--key", "The authorizer's RSA-2048 private key PEM: signs the new token (and, with --emulator, the backend's connection token)", "FILE");
        var renewalKeyFile = CommonOptions.Required<string>("--renewal-key-file", "The device's renewal key (iotctl credentials keygen): MACs the message", "FILE");
        var expiresIn = CommonOptions.Required<string>("--expires-in", "Lifetime of the new token: whole number + s|m|h|d, e.g. 90d (1m..366d); it must outlast the device's current token", "DURATION");
        var notBefore = CommonOptions.Optional<string?>("--not-before", "The device switches to the new token from this time on (Unix seconds or ISO 8601); default: at once", "TIME");
        var outFile = CommonOptions.Optional<string?>("--out", "Write the renewal message here (owner-only); needed to print the aws iot-data publish command", "FILE");
        var stdout = CommonOptions.Optional<bool>("--stdout", "Print the renewal message (it holds a working device credential) alone on stdout");
        var force = CommonOptions.Optional<bool>("--force", "Replace an existing --out file");
        var topicPrefix = CommonOptions.Optional<string?>("--topic-prefix", "Topic prefix: the message goes to <prefix>/<clientId>/credentials (default devices; with --emulator, its authorizer's)", "PREFIX");
        var emulator = CommonOptions.Optional<string?>("--emulator", "Publish to the local emulator described by this emulator.json, as its backend principal", "CONFIG");
        var port = CommonOptions.Optional<int?>("--port", "With --emulator: the port it listens on, when its config says 0", "PORT");
        var waitAck = CommonOptions.Optional<string?>("--wait-ack", "With --emulator: wait this long for the device's acknowledgement and print it (e.g. 30s)", "DURATION");
        var endpoint = CommonOptions.Optional<string?>("--endpoint", "Your AWS IoT data endpoint (aws iot describe-endpoint --endpoint-type iot:Data-ATS): print the aws iot-data publish command", "HOST");
        var now = CommonOptions.Now();
        var command = new Command("renew", "Issue a new token for a device and send it as an authenticated renewal on <prefix>/<clientId>/credentials (emulator), or print how to publish it on AWS")
        {
            clientId, key, renewalKeyFile, expiresIn, notBefore, outFile, stdout, force, topicPrefix, emulator, port, waitAck, endpoint, now,
        };
        CommandContext.SetAction(command, context =>
        {
            string? emulatorConfig = context.Get(emulator);
            string? awsEndpoint = context.Get(endpoint);
            string? outPath = context.Get(outFile);
            bool toStdout = context.Get(stdout);
            if (emulatorConfig is not null && awsEndpoint is not null)
            {
                throw new CustomAuthException("give --emulator CONFIG or --endpoint HOST, not both");
            }

            if (awsEndpoint is not null && outPath is null)
            {
                throw new CustomAuthException("--endpoint prints an aws iot-data publish command that reads the message from a file: give --out FILE too");
            }

            if (emulatorConfig is null && outPath is null && !toStdout)
            {
                throw new CustomAuthException("nothing to do with the renewal: give --emulator CONFIG (publish it), --out FILE (write it, owner-only) or --stdout");
            }

            if (emulatorConfig is null && (context.Get(port) is not null || context.Get(waitAck) is not null))
            {
                throw new CustomAuthException("--port and --wait-ack are for --emulator");
            }

            if (outPath is not null && File.Exists(outPath) && !context.Get(force))
            {
                throw new CustomAuthException($"{outPath}: already exists; pass --force to replace it");
            }

            string id = context.Get(clientId)!;
            string? idProblem = ClientIdRules.Validate(id);
            if (idProblem is not null)
            {
                throw new CustomAuthException("--client-id: " + idProblem);
            }

            DateTimeOffset start = CommonOptions.ResolveNow(context.Get(now), TimeProvider.System);
            TimeSpan lifetime = TokenDuration.Parse(context.Get(expiresIn));
            long switchAt = context.Get(notBefore) is { } nb ? ParseTime("--not-before", nb) : 0;
            byte[] renewalKey = RenewalKeyFile.Load(context.Get(renewalKeyFile)!);
            TimeSpan? ackWait = context.Get(waitAck) is { } w ? TokenDuration.ParseWait(w) : null;
            EmulatorBackend? backend = emulatorConfig is null ? null : EmulatorBackend.FromConfig(emulatorConfig, context.Get(port));
            var scope = new PolicyScope(topicPrefix: context.Get(topicPrefix) ?? backend?.TopicPrefix ?? PolicyScope.DefaultTopicPrefix);

            using RSA rsa = RsaKeyFile.LoadPrivateKey(context.Get(key)!);
            AuthToken token = AuthToken.Create(id, start + lifetime);
            string tokenText = token.Encode();
            string message = RenewalMessageBuilder.Build(id, tokenText, TokenSignature.Sign(rsa, tokenText), switchAt, renewalKey);
            string topic = LeastPrivilegePolicy.CredentialsTopic(scope, id);
            string ackTopic = LeastPrivilegePolicy.AckTopic(scope, id);

            // stdout carries only the message with --stdout; everything else goes to stderr then.
            TextWriter info = toStdout ? context.Error : context.Out;
            if (toStdout)
            {
                context.Out.WriteLine(message);
            }

            info.WriteLine($"renewal for {id}: new token expires {Iso(token.ExpiresAt)}{(switchAt > 0 ? ", usable from " + Iso(DateTimeOffset.FromUnixTimeSeconds(switchAt)) : string.Empty)}; topic {topic}");
            if (outPath is not null)
            {
                SecureFile.Write(outPath, message, ownerOnly: true);
                info.WriteLine($"message: {Path.GetFullPath(outPath)} (owner-only; it holds a working device credential: delete it once sent)");
            }

            if (backend is not null)
            {
                string? ack = EmulatorRenewalPublisher.PublishAsync(backend, rsa, topic, ackTopic, message, ackWait, CancellationToken.None).GetAwaiter().GetResult();
                info.WriteLine($"published to {topic} on the emulator at {backend.Endpoint.ConnectHost}:{backend.Endpoint.Port} as backend '{backend.BackendClientId}' (QoS 1, acknowledged by the broker)");
                if (ack is not null)
                {
                    info.WriteLine($"device acknowledgement on {ackTopic}: {ack}");
                }
            }

            if (awsEndpoint is not null)
            {
                foreach (string line in AwsPublishCommand(awsEndpoint, topic, Path.GetFullPath(outPath!), scope))
                {
                    info.WriteLine(line);
                }
            }

            return IotctlApp.Ok;
        });
        return command;
    }

    /// <summary>
    /// The AWS CLI v2 command that publishes the message file (AWS CLI reference, iot-data publish: <c>--topic</c>,
    /// <c>--qos</c>, <c>--payload</c> a blob, given raw with <c>fileb://</c>; the global <c>--endpoint-url</c> and
    /// <c>--region</c>), and the IAM permission it needs: the backend publishes with IAM, not with a device credential.
    /// </summary>
    internal static IEnumerable<string> AwsPublishCommand(string endpoint, string topic, string messageFile, PolicyScope scope)
    {
        if (endpoint.Contains("://", StringComparison.Ordinal) || endpoint.Contains('/') || endpoint.Contains(' '))
        {
            throw new CustomAuthException($"--endpoint {LogText.Quote(endpoint)}: give the host name only, e.g. abc123-ats.iot.eu-west-1.amazonaws.com");
        }

        Match region = Regex.Match(endpoint, @"\.iot\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$");
        string regionOption = region.Success ? $" --region {region.Groups[1].Value}" : string.Empty;
        yield return "publish it on AWS (IAM credentials of the backend; needs iot:Publish on arn:aws:iot:<region>:<account>:topic/" + scope.TopicPrefix + "/*/" + LeastPrivilegePolicy.CredentialsLevel + "):";
        yield return $"  aws iot-data publish --endpoint-url https://{endpoint}{regionOption} --topic {topic} --qos 1 --payload fileb://{messageFile}";
        yield return "and watch for the device's acknowledgement on " + topic + "/" + LeastPrivilegePolicy.AckLevel + " (e.g. the AWS IoT console's MQTT test client)";
    }

    private static long ParseTime(string option, string value)
    {
        try
        {
            return CommonOptions.ResolveNow(value, TimeProvider.System).ToUnixTimeSeconds();
        }
        catch (CustomAuthException)
        {
            throw new CustomAuthException($"{option} {LogText.Quote(value)} is not Unix seconds or an ISO 8601 time");
        }
    }

    private static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
