using System.Net;
using AwsIotDevice.CustomAuth.Authorizer;

namespace AwsIotDevice.Emulator.Config;

/// <summary>
/// Checks an <see cref="EmulatorConfig"/> without touching files. Every problem is one line:
/// the JSON path of the field, what is wrong, and what to do.
/// </summary>
public static class ConfigValidator
{
    /// <summary>Authentication types AWS defines for a domain configuration.</summary>
    public static readonly string[] AuthenticationTypes = ["CUSTOM_AUTH", "CUSTOM_AUTH_X509", "AWS_X509", "AWS_SIGV4", "DEFAULT"];

    /// <summary>Application protocols AWS defines for a domain configuration.</summary>
    public static readonly string[] ApplicationProtocols = ["SECURE_MQTT", "MQTT_WSS", "HTTPS", "DEFAULT"];

    /// <summary>Returns every problem found; empty when the configuration is usable.</summary>
    public static IReadOnlyList<string> Validate(EmulatorConfig config)
    {
        var errors = new List<string>();
        void Add(string field, string message) => errors.Add($"{field}: {message}");

        if (!IPAddress.TryParse(config.Listen.Address, out _))
            Add("listen.address", $"'{config.Listen.Address}' is not an IP address; use 127.0.0.1 (or ::1)");
        if (config.Listen.Ports.Count == 0)
            Add("listen.ports", "is empty; give at least one port, e.g. [8443] (0 picks a free port)");
        for (int i = 0; i < config.Listen.Ports.Count; i++)
            if (config.Listen.Ports[i] is < 0 or > 65535)
                Add($"listen.ports[{i}]", $"{config.Listen.Ports[i]} is not a TCP port; use 1..65535 (or 0 for a free port)");
        for (int i = 0; i < config.Listen.X509OnlyPorts.Count; i++)
        {
            int port = config.Listen.X509OnlyPorts[i];
            if (port is < 0 or > 65535)
                Add($"listen.x509OnlyPorts[{i}]", $"{port} is not a TCP port; use 1..65535 (or 0 for a free port)");
            else if (port != 0 && config.Listen.Ports.Contains(port))
                Add($"listen.x509OnlyPorts[{i}]", $"port {port} is also in listen.ports; a port is either 443-like or 8883-like");
        }

        if (!IsHostName(config.Endpoint.AtsHostName))
            Add("endpoint.atsHostName", $"'{config.Endpoint.AtsHostName}' is not a DNS host name; use e.g. abc123-ats.iot.us-east-1.amazonaws.com");

        if (string.IsNullOrWhiteSpace(config.Tls.CertificateFile)) Add("tls.certificateFile", "is empty; name the server certificate PEM ('iotctl emulator init' writes server.crt)");
        if (string.IsNullOrWhiteSpace(config.Tls.PrivateKeyFile)) Add("tls.privateKeyFile", "is empty; name the server key PEM ('iotctl emulator init' writes server.key)");
        if (config.Tls.HandshakeTimeoutSeconds is < 1 or > 120) Add("tls.handshakeTimeoutSeconds", $"{config.Tls.HandshakeTimeoutSeconds} is out of range; use 1..120");

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < config.Authorizers.Count; i++)
            ValidateAuthorizer(config.Authorizers[i], $"authorizers[{i}]", names, Add);

        CheckAuthorizerReference(config.Endpoint.DefaultAuthorizerName, "endpoint.defaultAuthorizerName", names, Add);

        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { config.Endpoint.AtsHostName, "localhost" };
        for (int i = 0; i < config.DomainConfigurations.Count; i++)
        {
            var d = config.DomainConfigurations[i];
            string p = $"domainConfigurations[{i}]";
            if (string.IsNullOrWhiteSpace(d.Name)) Add(p + ".name", "is empty; give the domain configuration a name (used in logs)");
            if (!IsHostName(d.DomainName)) Add(p + ".domainName", $"'{d.DomainName}' is not a DNS host name; use e.g. iot.example.com");
            else if (!hosts.Add(d.DomainName)) Add(p + ".domainName", $"'{d.DomainName}' is already used by the default endpoint or another domain configuration; host names must be unique");
            if (!AuthenticationTypes.Contains(d.AuthenticationType)) Add(p + ".authenticationType", $"'{d.AuthenticationType}' is not one of {string.Join(", ", AuthenticationTypes)}");
            if (!ApplicationProtocols.Contains(d.ApplicationProtocol)) Add(p + ".applicationProtocol", $"'{d.ApplicationProtocol}' is not one of {string.Join(", ", ApplicationProtocols)}");
            CheckAuthorizerReference(d.AuthorizerConfig.DefaultAuthorizerName, p + ".authorizerConfig.defaultAuthorizerName", names, Add);
        }

        if (config.Aws.Region.Length is 0 or > 32 || !config.Aws.Region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            Add("aws.region", $"'{config.Aws.Region}' is not a region name; use e.g. us-east-1");
        if (config.Aws.Account.Length != 12 || !config.Aws.Account.All(char.IsAsciiDigit))
            Add("aws.account", $"'{config.Aws.Account}' is not a 12-digit account id; use e.g. 123456789012");

        var l = config.Limits;
        CheckRange(l.MaxClientIdBytes, 1, 65535, "limits.maxClientIdBytes", Add);
        CheckRange(l.MaxTopicBytes, 1, 65535, "limits.maxTopicBytes", Add);
        CheckRange(l.MaxTopicSlashes, 0, 1000, "limits.maxTopicSlashes", Add);
        CheckRange(l.MaxPayloadBytes, 0, 256 * 1024 * 1024, "limits.maxPayloadBytes", Add);
        CheckRange(l.MaxPublishesPerSecond, 1, 1_000_000, "limits.maxPublishesPerSecond", Add);
        CheckRange(l.MaxPublishBytesPerSecond, 1, int.MaxValue, "limits.maxPublishBytesPerSecond", Add);
        CheckRange(l.ConnectIntervalMilliseconds, 0, 60_000, "limits.connectIntervalMilliseconds", Add);
        CheckRange(l.MaxFiltersPerSubscribe, 1, 1000, "limits.maxFiltersPerSubscribe", Add);
        CheckRange(l.MaxSubscriptionsPerConnection, 1, 100_000, "limits.maxSubscriptionsPerConnection", Add);
        CheckRange(l.PersistentSessionExpirySeconds, 0, 7 * 86400, "limits.persistentSessionExpirySeconds", Add);
        CheckRange(l.MaxQueuedMessagesPerSession, 0, 100_000, "limits.maxQueuedMessagesPerSession", Add);
        CheckRange(l.ConnectTimeoutSeconds, 1, 600, "limits.connectTimeoutSeconds", Add);
        if (!(l.TimeScale > 0 && l.TimeScale <= 1)) Add("limits.timeScale", $"{l.TimeScale} is out of range; use a number in (0, 1] (1 = real time)");
        return errors;
    }

    private static void ValidateAuthorizer(AuthorizerConfig a, string p, HashSet<string> names, Action<string, string> add)
    {
        if (!AwsNames.IsAuthorizerName(a.Name)) add(p + ".name", $"'{a.Name}' is not an authorizer name; use 1..128 of A-Z a-z 0-9 _ = , @ -");
        else if (!names.Add(a.Name)) add(p + ".name", $"'{a.Name}' is defined twice; authorizer names must be unique");
        if (a.Status is not ("ACTIVE" or "INACTIVE")) add(p + ".status", $"'{a.Status}' is not ACTIVE or INACTIVE");
        if (!a.SigningDisabled)
        {
            if (!AwsNames.IsTokenKeyName(a.TokenKeyName)) add(p + ".tokenKeyName", $"'{a.TokenKeyName}' is not a token key name; a signing authorizer needs 1..128 of A-Z a-z 0-9 _ -");
            if (a.PublicKeyFiles.Count is < 1 or > 2) add(p + ".publicKeyFiles", $"has {a.PublicKeyFiles.Count} entries; a signing authorizer needs 1 or 2 RSA-2048 public key PEM files (or set signingDisabled: true)");
        }
        else
        {
            if (a.TokenKeyName is not null && !AwsNames.IsTokenKeyName(a.TokenKeyName)) add(p + ".tokenKeyName", $"'{a.TokenKeyName}' is not a token key name; use 1..128 of A-Z a-z 0-9 _ - (or leave it out)");
            if (a.PublicKeyFiles.Count > 2) add(p + ".publicKeyFiles", "has more than 2 entries; an authorizer has at most 2 public keys");
        }

        switch (a.Kind)
        {
            case "reference":
                if (a.Reference.RefreshAfterInSeconds is < 300 or > 86400)
                    add(p + ".reference.refreshAfterInSeconds", $"{a.Reference.RefreshAfterInSeconds} is out of range; AWS allows 300..86400");
                if (string.IsNullOrEmpty(a.Reference.TopicPrefix))
                    add(p + ".reference.topicPrefix", "is empty; use e.g. devices");
                for (int b = 0; b < a.Reference.BackendClientIds.Count; b++)
                {
                    string? idProblem = AwsIotDevice.CustomAuth.Tokens.ClientIdRules.Validate(a.Reference.BackendClientIds[b]);
                    if (idProblem is not null)
                        add($"{p}.reference.backendClientIds[{b}]", idProblem);
                }
                if (a.SigningDisabled)
                    add(p + ".kind", "the reference authorizer checks the token signature itself, so it needs signing (signingDisabled: false) and the public key(s)");
                break;
            case "command":
                if (a.Command is null || string.IsNullOrWhiteSpace(a.Command.Path))
                    add(p + ".command.path", "is missing; kind 'command' needs the executable that reads the event JSON on stdin and prints the response JSON");
                else if (a.Command.TimeoutSeconds is < 1 or > 60)
                    add(p + ".command.timeoutSeconds", $"{a.Command.TimeoutSeconds} is out of range; use 1..60 (AWS allows the authorizer 5 s)");
                break;
            case "lambda":
                if (a.Lambda is null || string.IsNullOrWhiteSpace(a.Lambda.Package))
                    add(p + ".lambda.package", "is missing; kind 'lambda' needs the deployment zip built by 'iotctl aws package --out DIR'");
                else
                {
                    if (a.Lambda.TimeoutSeconds is < 1 or > 5)
                        add(p + ".lambda.timeoutSeconds", $"{a.Lambda.TimeoutSeconds} is out of range; use 1..5 (AWS gives an authorizer's Lambda 5 s)");
                    if (a.Lambda.FunctionName.Length is 0 or > 64 || !a.Lambda.FunctionName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                        add(p + ".lambda.functionName", $"'{a.Lambda.FunctionName}' is not a Lambda function name; use 1..64 of A-Z a-z 0-9 - _");
                    foreach (string key in a.Lambda.Environment.Keys)
                        if (key.Length == 0 || !char.IsAsciiLetter(key[0]) || !key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                            add(p + ".lambda.environment", $"'{key}' is not a Lambda environment variable name; use a letter then letters, digits and _");
                }
                break;
            default:
                add(p + ".kind", $"'{a.Kind}' is not 'reference', 'command' or 'lambda'");
                break;
        }
    }

    private static void CheckAuthorizerReference(string? name, string field, HashSet<string> names, Action<string, string> add)
    {
        if (name is not null && !names.Contains(name))
            add(field, $"'{name}' names no authorizer in 'authorizers'; add it there or fix the name");
    }

    private static void CheckRange(int value, int min, int max, string field, Action<string, string> add)
    {
        if (value < min || value > max) add(field, $"{value} is out of range; use {min}..{max}");
    }

    /// <summary>True for a DNS host name of letters, digits, '-' and '.' (1..253 chars, labels 1..63).</summary>
    public static bool IsHostName(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 253) return false;
        foreach (string label in value.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-') return false;
            if (!label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')) return false;
        }
        return true;
    }
}
