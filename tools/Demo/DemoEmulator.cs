using AwsIotDevice.CustomAuth.Signing;
using AwsIotDevice.CustomAuth.Tokens;
using AwsIotDevice.Emulator.Auth;
using AwsIotDevice.Emulator.Config;
using AwsIotDevice.Emulator.Server;
using AwsIotDevice.Emulator.Init;

namespace AwsIotDevice.Demo;

/// <summary>
/// A throw-away emulator: <c>emulator init</c> into a fresh temporary directory, then the emulator in-process on
/// 127.0.0.1 with an ephemeral port, its authorizer wrapped by <see cref="DemoAuthorizer"/> and its log kept in
/// <see cref="Log"/>. Can be restarted on the same port. Disposing stops it and deletes the directory unless
/// <see cref="KeepFiles"/> is set.
/// </summary>
internal sealed class DemoEmulator : IAsyncDisposable
{
    /// <summary>The client id the demo's subscriber uses.</summary>
    public const string ViewerClientId = "demo-viewer";

    private readonly LoadedConfig _config;
    private readonly KindDispatchInvoker _realAuthorizer;
    private readonly SemaphoreSlim _hostLock = new(1, 1);
    private EmulatorServer? _host;

    private DemoEmulator(string directory, InitResult init, LoadedConfig config, KindDispatchInvoker real, DemoAuthorizer authorizer, EmulatorLogRecorder log)
    {
        _realAuthorizer = real;
        Directory = directory;
        Init = init;
        _config = config;
        Authorizer = authorizer;
        Log = log;
    }

    /// <summary>The setup directory (emulator.json, ca.crt, keys).</summary>
    public string Directory { get; }

    /// <summary>What <c>emulator init</c> created (endpoint, CA, authorizer, demo client id and topic).</summary>
    public InitResult Init { get; }

    /// <summary>The authorizer switch (refuse the device) and its counters.</summary>
    public DemoAuthorizer Authorizer { get; }

    /// <summary>Everything the emulator logged.</summary>
    public EmulatorLogRecorder Log { get; }

    /// <summary>The bound port (fixed after the first start, so restarts keep it).</summary>
    public int Port { get; private set; }

    /// <summary>The host name clients use: resolves to the loopback address and is in the server certificate.</summary>
    public string Host => "localhost";

    /// <summary>Leave the setup directory on disk when disposing.</summary>
    public bool KeepFiles { get; set; }

    /// <summary>How often the emulator was started.</summary>
    public int Starts { get; private set; }

    /// <summary>
    /// Creates the setup in a new temporary directory and starts the emulator. Viewers may watch
    /// <paramref name="watched"/> (policy syntax; null: only the demo device's topic). With
    /// <paramref name="authorizerPackage"/> the authorizer is that Lambda deployment zip, run as Lambda would.
    /// </summary>
    public static async Task<DemoEmulator> StartAsync(CancellationToken cancellationToken, string? watched = null, string? authorizerPackage = null)
    {
        string dir = Path.Combine(Path.GetTempPath(), "iotctl-demo-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            InitResult init = EmulatorInit.Run(new InitOptions { Directory = dir, Port = 0, AuthorizerPackage = authorizerPackage });
            LoadedConfig config = ConfigLoader.Load(init.ConfigFile);
            var real = KindDispatchInvoker.For(config);
            var authorizer = new DemoAuthorizer(real, config.Config.Aws, init.ClientId, ViewerClientId, watched ?? init.Topic);
            var emulator = new DemoEmulator(dir, init, config, real, authorizer, new EmulatorLogRecorder());
            await emulator.StartHostAsync(cancellationToken).ConfigureAwait(false);
            return emulator;
        }
        catch
        {
            TryDelete(dir);
            throw;
        }
    }

    /// <summary>A token for <paramref name="clientId"/> valid for a day, and its signature by the authorizer's private key.</summary>
    public (string Token, string Signature) SignToken(string clientId)
    {
        string token = AuthToken.Create(clientId, DateTimeOffset.UtcNow.AddDays(1)).Encode();
        using var key = RsaKeyFile.LoadPrivateKey(Init.PrivateKeyFile);
        return (token, TokenSignature.Sign(key, token));
    }

    /// <summary>The full custom-authorizer MQTT username for <paramref name="clientId"/> (a secret: it carries the token).</summary>
    public string UsernameFor(string clientId)
    {
        (string token, string signature) = SignToken(clientId);
        return Core.Auth.AuthUsername.Build(string.Empty, Init.AuthorizerName, signature, Init.TokenKeyName, token);
    }

    /// <summary>Stops the emulator (every connection drops), waits <paramref name="downtime"/>, starts it again on the same port.</summary>
    public async Task RestartAsync(TimeSpan downtime, CancellationToken cancellationToken)
    {
        await StopHostAsync().ConfigureAwait(false);
        await Task.Delay(downtime, cancellationToken).ConfigureAwait(false);
        await StartHostAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopHostAsync().ConfigureAwait(false);
        await _realAuthorizer.DisposeAsync().ConfigureAwait(false); // ends a Lambda environment, if one runs
        if (!KeepFiles)
        {
            TryDelete(Directory);
        }
    }

    private async Task StartHostAsync(CancellationToken cancellationToken)
    {
        await _hostLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Port != 0)
            {
                _config.Config.Listen.Ports = [Port];
            }

            // The old listener's port can take a moment to be free again after a restart.
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    _host = await EmulatorServer.StartAsync(_config, new EmulatorServerOptions { Log = Log, Invoker = Authorizer }, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (EmulatorConfigException) when (Port != 0 && attempt < 20)
                {
                    await Task.Delay(100, cancellationToken).ConfigureAwait(false);
                }
            }

            Port = _host.Ports[0];
            Starts++;
        }
        finally
        {
            _hostLock.Release();
        }
    }

    private async Task StopHostAsync()
    {
        await _hostLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_host is not null)
            {
                await _host.DisposeAsync().ConfigureAwait(false);
                _host = null;
            }
        }
        finally
        {
            _hostLock.Release();
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            if (System.IO.Directory.Exists(dir))
            {
                System.IO.Directory.Delete(dir, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A temp directory left behind is harmless.
        }
    }
}
