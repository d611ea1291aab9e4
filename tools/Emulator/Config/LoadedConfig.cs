using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AwsIotDevice.Emulator.Config;

/// <summary>A validated configuration with its files read: what the running emulator needs.</summary>
public sealed class LoadedConfig
{
    /// <summary>Creates a loaded configuration (tests build one in memory; files go through <see cref="ConfigLoader"/>).</summary>
    public LoadedConfig(EmulatorConfig config, X509Certificate2 serverCertificate, X509Certificate2Collection? chain,
        IReadOnlyDictionary<string, LoadedAuthorizer> authorizers, string baseDirectory)
    {
        Config = config;
        ServerCertificate = serverCertificate;
        Chain = chain ?? [];
        Authorizers = authorizers;
        BaseDirectory = baseDirectory;
    }

    /// <summary>The configuration as written.</summary>
    public EmulatorConfig Config { get; }

    /// <summary>Server certificate with its private key.</summary>
    public X509Certificate2 ServerCertificate { get; }

    /// <summary>Intermediate certificates sent after the leaf (may be empty).</summary>
    public X509Certificate2Collection Chain { get; }

    /// <summary>Authorizers by name (ordinal).</summary>
    public IReadOnlyDictionary<string, LoadedAuthorizer> Authorizers { get; }

    /// <summary>Directory relative paths were resolved against.</summary>
    public string BaseDirectory { get; }
}

/// <summary>An authorizer with its public keys loaded.</summary>
public sealed class LoadedAuthorizer
{
    /// <summary>Creates it.</summary>
    public LoadedAuthorizer(AuthorizerConfig config, IReadOnlyList<RSA> publicKeys)
    {
        Config = config;
        PublicKeys = publicKeys;
    }

    /// <summary>The authorizer's configuration.</summary>
    public AuthorizerConfig Config { get; }

    /// <summary>Its 0..2 RSA-2048 token-signing public keys.</summary>
    public IReadOnlyList<RSA> PublicKeys { get; }

    /// <summary>Name.</summary>
    public string Name => Config.Name;

    /// <summary>True when status is ACTIVE.</summary>
    public bool IsActive => Config.Status == "ACTIVE";
}
