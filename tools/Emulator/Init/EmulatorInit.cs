using AwsIotDevice.CustomAuth.Files;
using System.Net;
using System.Security.Cryptography;
using AwsIotDevice.CustomAuth;
using AwsIotDevice.CustomAuth.Signing;
using AwsIotDevice.CustomAuth.Tokens;
using AwsIotDevice.Emulator.Config;

namespace AwsIotDevice.Emulator.Init;

/// <summary>Options of <see cref="EmulatorInit.Run"/>.</summary>
public sealed class InitOptions
{
    /// <summary>Output directory (created if missing).</summary>
    public required string Directory { get; init; }
    /// <summary>ATS-style endpoint host name.</summary>
    public string HostName { get; init; } = "abc123example-ats.iot.us-east-1.amazonaws.com";
    /// <summary>Listening port written to emulator.json (0 = ephemeral).</summary>
    public int Port { get; init; } = 8443;
    /// <summary>Replace an existing emulator.json and keys.</summary>
    public bool Force { get; init; }
    /// <summary>The current time (tests pin it).</summary>
    public DateTimeOffset? Now { get; init; }
    /// <summary>
    /// An authorizer deployment zip (<c>iotctl aws package</c>): the authorizer becomes kind <c>lambda</c>, running that
    /// zip as Lambda would, with the environment the CloudFormation template gives it. Null: the built-in reference authorizer.
    /// </summary>
    public string? AuthorizerPackage { get; init; }
}

/// <summary>What <see cref="EmulatorInit.Run"/> created. <see cref="Token"/> and <see cref="Signature"/> are the demo credential: print them only on request.</summary>
public sealed class InitResult
{
    /// <summary>
    /// The endpoint's name: the SNI a client sends and the name its certificate carries. AWS-style, so it does not
    /// resolve: connect to <see cref="ConnectHost"/>.
    /// </summary>
    public required string Host { get; init; }
    /// <summary>What a client connects to (the emulator listens on 127.0.0.1; the certificate names localhost).</summary>
    public required string ConnectHost { get; init; }
    /// <summary>Port.</summary>
    public required int Port { get; init; }
    /// <summary>emulator.json path.</summary>
    public required string ConfigFile { get; init; }
    /// <summary>CA certificate clients must trust.</summary>
    public required string CaFile { get; init; }
    /// <summary>Demo domain configuration host name (CUSTOM_AUTH + SECURE_MQTT: no ALPN needed).</summary>
    public required string DomainName { get; init; }
    /// <summary>Authorizer name.</summary>
    public required string AuthorizerName { get; init; }
    /// <summary>Token key name.</summary>
    public required string TokenKeyName { get; init; }
    /// <summary>Authorizer private key (signs tokens).</summary>
    public required string PrivateKeyFile { get; init; }
    /// <summary>Authorizer public key.</summary>
    public required string PublicKeyFile { get; init; }
    /// <summary>Demo client id.</summary>
    public required string ClientId { get; init; }
    /// <summary>Demo topic.</summary>
    public required string Topic { get; init; }
    /// <summary>Demo token (secret).</summary>
    public required string Token { get; init; }
    /// <summary>Demo token signature, base64 (secret).</summary>
    public required string Signature { get; init; }
    /// <summary>Demo credential file (owner-only).</summary>
    public required string DemoCredentialFile { get; init; }
    /// <summary>The authorizer deployment zip the emulator runs as Lambda would, or null for the built-in authorizer.</summary>
    public string? AuthorizerPackage { get; init; }
}

/// <summary>
/// <c>emulator init</c>: a local CA (ECDSA P-256), a server certificate it signs (SANs: the ATS host name,
/// localhost, 127.0.0.1, ::1, the demo domain configuration), an RSA-2048 authorizer key pair, emulator.json and one
/// demo device credential. Private keys are created 0600.
/// </summary>
public static class EmulatorInit
{
    /// <summary>Authorizer name written to emulator.json.</summary>
    public const string AuthorizerName = "EmulatorAuthorizer";
    /// <summary>Token key name written to emulator.json.</summary>
    public const string TokenKeyName = "token";
    /// <summary>Demo client id.</summary>
    public const string DemoClientId = "demo-device-01";
    /// <summary>
    /// The backend principal written to the reference authorizer's backendClientIds: <c>iotctl credentials renew
    /// --emulator</c> connects as it (with a short-lived token it signs with the authorizer key) to publish renewals.
    /// </summary>
    public const string BackendClientId = "iotctl-backend";
    /// <summary>
    /// What clients connect to: the listener address written to emulator.json is 127.0.0.1, and a client that
    /// cannot set SNI apart from its host (mosquitto_pub) sends "localhost", which the emulator accepts as its endpoint.
    /// </summary>
    public const string ConnectHost = "localhost";

    /// <summary>Creates everything; throws <see cref="EmulatorConfigException"/> for bad input or existing files without Force.</summary>
    public static InitResult Run(InitOptions options)
    {
        if (!ConfigValidator.IsHostName(options.HostName))
            throw new EmulatorConfigException($"--host: '{options.HostName}' is not a DNS host name; use e.g. abc123-ats.iot.us-east-1.amazonaws.com");
        if (options.Port is < 0 or > 65535)
            throw new EmulatorConfigException($"--port: {options.Port} is not a TCP port; use 1..65535");
        string dir = Path.GetFullPath(options.Directory);
        string configPath = Path.Combine(dir, "emulator.json");
        if (File.Exists(configPath) && !options.Force)
            throw new EmulatorConfigException($"{configPath}: already exists; pass --force to replace it (and every key next to it)");

        string? package = options.AuthorizerPackage is null ? null : Path.GetFullPath(options.AuthorizerPackage);
        if (package is not null && Lambda.LambdaPackage.Check(package) is { } packageProblem)
            throw new EmulatorConfigException("--authorizer-package: " + packageProblem);
        var now = options.Now ?? DateTimeOffset.UtcNow;
        string domain = "custom-auth.localhost";
        try
        {
            SecureFile.CreateDirectory(dir);
            using var ca = LocalCertificateAuthority.Create("CN=AWS IoT Core Emulator Local CA, O=iotctl emulator", now.AddDays(-1), now.AddYears(5));
            using var server = ca.IssueServer([options.HostName, "localhost", domain], [IPAddress.Loopback, IPAddress.IPv6Loopback], now.AddDays(-1), now.AddDays(397));

            SecureFile.Write(Path.Combine(dir, "ca.crt"), ca.Certificate.ExportCertificatePem(), ownerOnly: false);
            SecureFile.Write(Path.Combine(dir, "ca.key"), LocalCertificateAuthority.PrivateKeyPem(ca.Certificate), ownerOnly: true);
            SecureFile.Write(Path.Combine(dir, "server.crt"), server.ExportCertificatePem(), ownerOnly: false);
            SecureFile.Write(Path.Combine(dir, "server.key"), LocalCertificateAuthority.PrivateKeyPem(server), ownerOnly: true);

            var (privatePath, publicPath) = RsaKeyPairFiles.Generate(Path.Combine(dir, "authorizer"), overwrite: options.Force);

            var config = new EmulatorConfig
            {
                Listen = new ListenConfig { Address = "127.0.0.1", Ports = [options.Port] },
                Endpoint = new EndpointConfig { AtsHostName = options.HostName, AcceptLocalhost = true, DefaultAuthorizerName = AuthorizerName, AllowAuthorizerOverride = true },
                Tls = new TlsConfig { CertificateFile = "server.crt", PrivateKeyFile = "server.key", CaFile = "ca.crt" },
                DomainConfigurations =
                [
                    new DomainConfigurationConfig
                    {
                        Name = "emulator-custom-auth", DomainName = domain, AuthenticationType = "CUSTOM_AUTH", ApplicationProtocol = "SECURE_MQTT",
                        AuthorizerConfig = new AuthorizerSelectionConfig { DefaultAuthorizerName = AuthorizerName, AllowAuthorizerOverride = false },
                    },
                ],
                Authorizers =
                [
                    new AuthorizerConfig
                    {
                        Name = AuthorizerName, Status = "ACTIVE", SigningDisabled = false, TokenKeyName = TokenKeyName,
                        PublicKeyFiles = [Path.Combine("authorizer", RsaKeyPairFiles.PublicKeyFileName)],
                        Kind = package is null ? "reference" : "lambda",
                        Lambda = package is null ? null : LambdaFor(package, new AwsAccountConfig()),
                        Reference = new ReferenceAuthorizerConfig { BackendClientIds = [BackendClientId] },
                    },
                ],
            };
            SecureFile.Write(configPath, ConfigLoader.ToJson(config), ownerOnly: false);

            string token = AuthToken.Create(DemoClientId, now.AddDays(30)).Encode();
            string signature;
            using (RSA key = RsaKeyFile.LoadPrivateKey(privatePath)) signature = TokenSignature.Sign(key, token);
            string topic = $"devices/{DemoClientId}/telemetry";
            string demoFile = Path.Combine(dir, "demo-device.json");
            SecureFile.Write(demoFile, DemoJson(DemoClientId, topic, token, signature), ownerOnly: true);

            return new InitResult
            {
                Host = options.HostName,
                ConnectHost = ConnectHost,
                Port = options.Port,
                ConfigFile = configPath,
                CaFile = Path.Combine(dir, "ca.crt"),
                DomainName = domain,
                AuthorizerName = AuthorizerName,
                TokenKeyName = TokenKeyName,
                PrivateKeyFile = privatePath,
                PublicKeyFile = publicPath,
                ClientId = DemoClientId,
                Topic = topic,
                Token = token,
                Signature = signature,
                DemoCredentialFile = demoFile,
                AuthorizerPackage = package,
            };
        }
        catch (CustomAuthException e)
        {
            throw new EmulatorConfigException(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EmulatorConfigException($"{dir}: cannot write ({e.Message})");
        }
    }

    /// <summary>
    /// The lambda authorizer settings for <paramref name="package"/>: the same environment variables the CloudFormation
    /// template of <c>iotctl aws setup</c> sets (account, topic prefix, refresh), so the local run is the deployed one.
    /// </summary>
    public static LambdaAuthorizerConfig LambdaFor(string package, AwsAccountConfig aws) => new()
    {
        Package = package,
        FunctionName = AuthorizerName + "-function",
        TimeoutSeconds = 5,
        Environment = new Dictionary<string, string>
        {
            ["AUTHORIZER_ACCOUNT_ID"] = aws.Account,
            ["AUTHORIZER_TOPIC_PREFIX"] = "devices",
            ["AUTHORIZER_REFRESH_AFTER_SECONDS"] = "300",
        },
    };

    /// <summary>The result as one JSON object (for scripts; includes the demo token and signature).</summary>
    public static string ToJson(InitResult r)
    {
        using var stream = new MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(stream, new System.Text.Json.JsonWriterOptions { Indented = false }))
        {
            w.WriteStartObject();
            w.WriteString("connectHost", r.ConnectHost);
            w.WriteNumber("port", r.Port);
            w.WriteString("sni", r.Host);
            w.WriteString("configFile", r.ConfigFile);
            w.WriteString("caFile", r.CaFile);
            w.WriteString("domainName", r.DomainName);
            w.WriteString("authorizerName", r.AuthorizerName);
            w.WriteString("tokenKeyName", r.TokenKeyName);
            w.WriteString("privateKeyFile", r.PrivateKeyFile);
            w.WriteString("publicKeyFile", r.PublicKeyFile);
            w.WriteString("clientId", r.ClientId);
            w.WriteString("topic", r.Topic);
            w.WriteString("token", r.Token);
            w.WriteString("signature", r.Signature);
            w.WriteString("demoCredentialFile", r.DemoCredentialFile);
            if (r.AuthorizerPackage is not null) w.WriteString("authorizerPackage", r.AuthorizerPackage);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string DemoJson(string clientId, string topic, string token, string signature)
    {
        using var stream = new MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(stream, new System.Text.Json.JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("clientId", clientId);
            w.WriteString("topic", topic);
            w.WriteString("authorizerName", AuthorizerName);
            w.WriteString("tokenKeyName", TokenKeyName);
            w.WriteString("token", token);
            w.WriteString("signature", signature);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
