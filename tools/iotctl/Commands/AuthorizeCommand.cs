using System.CommandLine;
using System.Security.Cryptography;
using AwsIotDevice.CustomAuth;
using AwsIotDevice.CustomAuth.Authorizer;
using AwsIotDevice.CustomAuth.Policies;
using AwsIotDevice.CustomAuth.Signing;

namespace AwsIotDevice.Iotctl.Commands;

/// <summary>
/// <c>iotctl authorize</c>: the reference authorizer as a command. Reads an AWS custom-authorizer event (JSON) on
/// stdin, prints the response JSON on stdout (exit 0, whether allowed or denied) and the decision's reason on
/// stderr. A malformed event is an error: one line on stderr, exit 2, nothing on stdout (AWS treats a failing
/// Lambda as a refusal too).
/// </summary>
public static class AuthorizeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var topicPrefix = CommonOptions.Optional<string>("--topic-prefix", "Topic prefix granted as <prefix>/<clientId>/*", "PREFIX");
        topicPrefix.DefaultValueFactory = _ => PolicyScope.DefaultTopicPrefix;
        var publicKeys = CommonOptions.Optional<string[]>("--public-key", "Check a token signature found in the event (HTTP headers, HTTP query string or MQTT username) with this public key PEM; repeat for the authorizer's second key. Without it, the event's signatureVerified must be true", "FILE");
        var region = CommonOptions.Optional<string>("--region", "Region in granted ARNs ('*' = any)", "REGION");
        region.DefaultValueFactory = _ => "*";
        var account = CommonOptions.Optional<string>("--account", "12-digit account id in granted ARNs ('*' = any)", "ACCOUNT");
        account.DefaultValueFactory = _ => "*";
        var refresh = CommonOptions.Optional<int>("--refresh-after", "refreshAfterInSeconds of an allowed connection (300..86400)", "SECONDS");
        refresh.DefaultValueFactory = _ => AuthorizerResponse.DefaultRefreshSeconds;
        var eventFile = CommonOptions.Optional<string?>("--event", "Read the event from this file instead of stdin", "FILE");
        var now = CommonOptions.Now();
        var command = new Command("authorize", "Reference custom authorizer: AWS authorizer event JSON on stdin -> response JSON on stdout")
        {
            topicPrefix,
            publicKeys,
            region,
            account,
            refresh,
            eventFile,
            now,
        };
        CommandContext.SetAction(command, context =>
        {
            int refreshSeconds = context.Get(refresh);
            if (refreshSeconds < AuthorizerResponse.MinSeconds || refreshSeconds > AuthorizerResponse.MaxSeconds)
            {
                throw new CustomAuthException($"--refresh-after must be {AuthorizerResponse.MinSeconds}..{AuthorizerResponse.MaxSeconds} seconds (AWS's limits)");
            }

            string[] keyPaths = context.Get(publicKeys) ?? [];
            if (keyPaths.Length > 2)
            {
                throw new CustomAuthException("an AWS authorizer has at most 2 public keys; pass --public-key at most twice");
            }

            var scope = new PolicyScope(context.Get(region)!, context.Get(account)!, context.Get(topicPrefix)!);
            DateTimeOffset at = CommonOptions.ResolveNow(context.Get(now), TimeProvider.System);
            string json = ReadEvent(context, context.Get(eventFile));
            AuthorizerEvent authEvent = AuthorizerEvent.Parse(json);

            var keys = new List<RSA>();
            try
            {
                foreach (string path in keyPaths)
                {
                    keys.Add(RsaKeyFile.LoadPublicKey(path));
                }

                var options = new ReferenceAuthorizerOptions { Scope = scope, PublicKeys = keys, RefreshAfterInSeconds = refreshSeconds };
                AuthorizerDecision decision = ReferenceAuthorizer.Authorize(authEvent, options, at);
                context.Out.WriteLine(decision.Response.ToJson());
                context.Error.WriteLine($"{context.CommandPath}: {decision.Reason}");
                return IotctlApp.Ok;
            }
            finally
            {
                keys.ForEach(key => key.Dispose());
            }
        });
        return command;
    }

    private static string ReadEvent(CommandContext context, string? path)
    {
        if (path is not null)
        {
            try
            {
                var info = new FileInfo(path);
                if (!info.Exists)
                {
                    throw new CustomAuthException($"{path}: file not found");
                }

                if (info.Length > AuthorizerEvent.MaxJsonBytes)
                {
                    throw new CustomAuthException($"{path}: larger than {AuthorizerEvent.MaxJsonBytes} bytes, not an authorizer event");
                }

                return File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CustomAuthException($"{path}: cannot be read ({e.GetType().Name})");
            }
        }

        if (ReferenceEquals(context.In, Console.In) && !Console.IsInputRedirected)
        {
            throw new CustomAuthException("reads the authorizer event JSON on stdin (pipe it in) or from --event FILE");
        }

        // Bounded read: one character more than allowed proves the input is too large without reading all of it.
        var buffer = new char[AuthorizerEvent.MaxJsonBytes + 1];
        int total = 0;
        int read;
        while (total < buffer.Length && (read = context.In.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }

        if (total > AuthorizerEvent.MaxJsonBytes)
        {
            throw new CustomAuthException($"stdin: more than {AuthorizerEvent.MaxJsonBytes} bytes, not an authorizer event");
        }

        if (total == 0)
        {
            throw new CustomAuthException("stdin is empty; expected the authorizer event JSON");
        }

        return new string(buffer, 0, total);
    }
}
