using AwsIotDevice.Core.Settings;
using AwsIotDevice.CustomAuth.Signing;
using AwsIotDevice.Emulator.Config;
using AwsIotDevice.Emulator.Init;
using AwsIotDevice.Emulator.Logging;
using AwsIotDevice.Emulator.Server;
using AwsIotDevice.Provisioning;

namespace AwsIotDevice.VirtualDevice.Tests.Support;

/// <summary>
/// One in-process emulator (127.0.0.1, a free port) as <c>emulator init</c> sets it up, in a temporary directory, with
/// its log in memory; and the ways the tests give a virtual device its settings (a settings file, a storage folder).
/// </summary>
internal sealed class EmulatorFixture : IAsyncDisposable
{
    private readonly EmulatorServer _server;

    private EmulatorFixture(TempDir dir, InitResult init, EmulatorServer server, MemoryLogSink log)
    {
        Dir = dir;
        Init = init;
        _server = server;
        Log = log;
    }

    /// <summary>The temporary directory (the emulator's files in <c>emu</c>, the tests' files beside it).</summary>
    public TempDir Dir { get; }

    public InitResult Init { get; }

    public MemoryLogSink Log { get; }

    public int Port => _server.Ports[0];

    public static async Task<EmulatorFixture> StartAsync()
    {
        var dir = new TempDir();
        InitResult init = EmulatorInit.Run(new InitOptions { Directory = dir.File("emu"), HostName = "localhost", Port = 0 });
        var log = new MemoryLogSink();
        EmulatorServer server = await EmulatorServer.StartAsync(ConfigLoader.Load(init.ConfigFile), new EmulatorServerOptions { Log = log });
        return new EmulatorFixture(dir, init, server, log);
    }

    /// <summary>A token signed with the emulator's authorizer key.</summary>
    public (string Token, string Signature) Sign(string token)
    {
        using var key = RsaKeyFile.LoadPrivateKey(Init.PrivateKeyFile);
        return (token, TokenSignature.Sign(key, token));
    }

    /// <summary>Valid settings for <paramref name="clientId"/> against this emulator (default mode, a reading a second).</summary>
    public DeviceSettings Settings(string clientId) => new()
    {
        WifiSsid = "host-network",
        Endpoint = "localhost",
        Port = Port,
        AuthorizerName = Init.AuthorizerName,
        TokenKeyName = Init.TokenKeyName,
        Token = Init.Token,
        Signature = Init.Signature,
        ClientId = clientId,
        Topic = Init.Topic,
        IntervalSeconds = 1,
    };

    /// <summary>Writes a valid settings file for this emulator; returns its path.</summary>
    public string WriteSettings(string endpoint, string mode, string token, string signature, string clientId, string credentials, string renewalKey = "")
    {
        DeviceSettings settings = Settings(clientId);
        settings.Endpoint = endpoint;
        settings.Mode = mode;
        settings.WssCredentials = credentials;
        settings.Token = token;
        settings.Signature = signature;
        settings.RenewalKey = renewalKey;
        Assert.Empty(SettingsValidator.Validate(settings));
        string path = Dir.File($"device-{Guid.NewGuid():N}.settings");
        new FileSettingsStore(path).Save(SettingsCodec.FormatForStorage(settings));
        return path;
    }

    /// <summary>Runs what <c>iotctl provision --nanoff --file F --out DIR</c> runs; returns DIR/device.import.</summary>
    public string ProvisionNanoff(DeviceSettings settings)
    {
        string name = Guid.NewGuid().ToString("N");
        string file = Dir.File(name + ".settings");
        File.WriteAllText(file, SettingsCodec.FormatForStorage(settings));
        NanoffImportResult result = NanoffImport.Write(new NanoffImportRequest { SettingsFile = file, OutDirectory = Dir.File(name) });
        return result.ImportFile;
    }

    /// <summary>The device on a settings file, with the emulator's CA, the domain-configuration name resolved to 127.0.0.1.</summary>
    public VirtualDeviceRunner Start(string settingsPath, RecordingLog log, CancellationToken ct) => VirtualDeviceRunner.Start(
        new VirtualDeviceOptions
        {
            SettingsPath = settingsPath,
            Trust = TrustAnchors.FromPemFile(Init.CaFile),
            Log = log,
            LinkOptions = new HostLinkOptions { Resolver = HostLinkOptions.Loopback(Init.DomainName) },
        },
        ct);

    /// <summary>The device on a storage folder (the board's <c>I:\</c>), with the emulator's CA.</summary>
    public VirtualDeviceRunner StartWithStorage(string storage, RecordingLog log, CancellationToken ct) => VirtualDeviceRunner.Start(
        new VirtualDeviceOptions { StorageDirectory = storage, Trust = TrustAnchors.FromPemFile(Init.CaFile), Log = log },
        ct);

    /// <summary>The emulator's log, one entry a line, for assertion messages.</summary>
    public string Describe() => string.Join('\n', Log.Entries.Select(e => $"{e.Event} {e.Reason} {e.Rule} {e.Hint}"));

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Dir.Dispose();
    }
}
