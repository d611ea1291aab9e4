using AwsIotDevice.CustomAuth.Signing;
using AwsIotDevice.CustomAuth.Tokens;
using AwsIotDevice.Emulator.Config;

namespace AwsIotDevice.Emulator.Tests.Support;

/// <summary>In-memory configurations and credentials.</summary>
public static class TestConfigs
{
    public const string Authorizer = "TestAuthorizer";
    public const string TokenKey = "token";

    public static EmulatorConfig Default() => new()
    {
        Listen = new ListenConfig { Address = "127.0.0.1", Ports = [0] },
        Endpoint = new EndpointConfig { AtsHostName = EmulatorTestPki.AtsHost, DefaultAuthorizerName = Authorizer, AllowAuthorizerOverride = true },
        DomainConfigurations =
        [
            new DomainConfigurationConfig
            {
                Name = "custom", DomainName = EmulatorTestPki.DomainHost, AuthenticationType = "CUSTOM_AUTH", ApplicationProtocol = "SECURE_MQTT",
                AuthorizerConfig = new AuthorizerSelectionConfig { DefaultAuthorizerName = Authorizer, AllowAuthorizerOverride = false },
            },
        ],
        Authorizers =
        [
            new AuthorizerConfig { Name = Authorizer, TokenKeyName = TokenKey, PublicKeyFiles = ["mem:1"], Kind = "reference" },
            new AuthorizerConfig { Name = "Inactive", Status = "INACTIVE", TokenKeyName = TokenKey, PublicKeyFiles = ["mem:1"], Kind = "reference" },
            new AuthorizerConfig { Name = "NoSigning", SigningDisabled = true, Kind = "command", Command = new CommandAuthorizerConfig { Path = "unused" } },
        ],
        Limits = new LimitsConfig { ConnectIntervalMilliseconds = 0, ConnectTimeoutSeconds = 5 },
        Tls = new TlsConfig { HandshakeTimeoutSeconds = 5 },
    };

    /// <summary>Loads <paramref name="config"/> with the in-memory certificate; every "mem:1" key is <see cref="EmulatorTestPki.AuthorizerKey"/>.</summary>
    public static LoadedConfig Load(EmulatorConfig config)
    {
        var problems = ConfigValidator.Validate(config);
        if (problems.Count > 0) throw new EmulatorConfigException(problems);
        var authorizers = config.Authorizers.ToDictionary(a => a.Name,
            a => new LoadedAuthorizer(a, a.PublicKeyFiles.Select(f => f == "mem:2" ? EmulatorTestPki.OtherKey : EmulatorTestPki.AuthorizerKey).ToList()));
        return new LoadedConfig(config, EmulatorTestPki.Server, null, authorizers, Path.GetTempPath());
    }

    public static string Token(string clientId, TimeSpan? life = null) =>
        AuthToken.Create(clientId, DateTimeOffset.UtcNow + (life ?? TimeSpan.FromHours(1))).Encode();

    public static string Sign(string token) => TokenSignature.Sign(EmulatorTestPki.AuthorizerKey, token);

    /// <summary>The username a well-behaved device sends (every value percent-encoded).</summary>
    public static string Username(string token, string signature, string? authorizer = Authorizer, string user = "device") =>
        $"{user}?" + (authorizer is null ? "" : $"x-amz-customauthorizer-name={Uri.EscapeDataString(authorizer)}&")
        + $"x-amz-customauthorizer-signature={Uri.EscapeDataString(signature)}&{TokenKey}={Uri.EscapeDataString(token)}";

    public static string GoodUsername(string clientId) { string t = Token(clientId); return Username(t, Sign(t)); }
}
