using System.Runtime.InteropServices;
using AwsIotDevice.Emulator.Config;
using AwsIotDevice.Emulator.Init;
using AwsIotDevice.Emulator.Logging;

namespace AwsIotDevice.Emulator.Server;

/// <summary>
/// The bodies of <c>iotctl emulator init</c> and <c>iotctl emulator run</c>, independent of the command-line
/// parser so they can be tested with captured streams. Exit codes: 0 ok, 2 bad input (one line per problem on
/// stderr), 70 internal error (one line, no stack trace).
/// </summary>
public static class EmulatorCli
{
    /// <summary>Exit code for success.</summary>
    public const int Ok = 0;
    /// <summary>Exit code for bad input.</summary>
    public const int BadInput = 2;
    /// <summary>Exit code for a bug.</summary>
    public const int InternalError = 70;

    /// <summary>
    /// Runs init. With <paramref name="json"/>: one JSON object on stdout (host, port, caFile, authorizerName,
    /// tokenKeyName, privateKeyFile, clientId, topic, token, signature, ...), the only place the demo token and
    /// signature are printed. Without: a human summary that never shows them.
    /// </summary>
    public static int Init(InitOptions options, bool json, TextWriter output, TextWriter error)
    {
        try
        {
            var r = EmulatorInit.Run(options);
            if (json)
            {
                output.WriteLine(EmulatorInit.ToJson(r));
                return Ok;
            }
            output.WriteLine($"emulator config:   {r.ConfigFile}");
            output.WriteLine($"trust this CA:     {r.CaFile}");
            output.WriteLine($"connect to:        {r.ConnectHost}:{r.Port}, TLS with SNI {r.Host} (or '{r.ConnectHost}'): MQTT over WebSockets (wss) with no ALPN, or raw MQTT with ALPN 'mqtt'");
            output.WriteLine($"no-ALPN endpoint:  {r.DomainName} (domain configuration CUSTOM_AUTH + SECURE_MQTT)");
            output.WriteLine($"authorizer:        {r.AuthorizerName}, token key '{r.TokenKeyName}', public key {r.PublicKeyFile}");
            if (r.AuthorizerPackage is not null)
                output.WriteLine($"authorizer Lambda: {r.AuthorizerPackage} (run as Lambda runs it: bootstrap behind a local Runtime API, 5 s timeout)");
            output.WriteLine($"signing key:       {r.PrivateKeyFile} (owner-only; never copy it to a device). Sign device tokens with it (--sign-with), or add your own public.pem to the authorizer's publicKeyFiles");
            output.WriteLine($"demo device:       client id {r.ClientId}, topic {r.Topic}; token and signature in {r.DemoCredentialFile} (owner-only)");
            output.WriteLine($"start it:          iotctl emulator run --config {r.ConfigFile}");
            return Ok;
        }
        catch (EmulatorConfigException e)
        {
            foreach (var p in e.Problems) error.WriteLine($"iotctl emulator init: {p}");
            return BadInput;
        }
        catch (Exception e)
        {
            error.WriteLine($"iotctl emulator init: internal error ({e.GetType().Name}); please report it");
            return InternalError;
        }
    }

    /// <summary>
    /// Loads the configuration and serves until <paramref name="cancellationToken"/> fires or SIGINT/SIGTERM
    /// arrives; log lines go to <paramref name="output"/> as JSON lines. Returns the exit code.
    /// </summary>
    public static async Task<int> RunAsync(string configPath, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        LoadedConfig loaded;
        try
        {
            loaded = ConfigLoader.Load(configPath);
        }
        catch (EmulatorConfigException e)
        {
            foreach (var p in e.Problems) error.WriteLine($"iotctl emulator run: {p}");
            return BadInput;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        try
        {
            await using var host = await EmulatorServer.StartAsync(loaded, new EmulatorServerOptions { Log = new TextWriterLogSink(output) }, stop.Token).ConfigureAwait(false);
            try { await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { }
            return Ok;
        }
        catch (EmulatorConfigException e)
        {
            foreach (var p in e.Problems) error.WriteLine($"iotctl emulator run: {p}");
            return BadInput;
        }
        catch (OperationCanceledException)
        {
            return Ok;
        }
        catch (Exception e)
        {
            error.WriteLine($"iotctl emulator run: internal error ({e.GetType().Name}); please report it");
            return InternalError;
        }
    }
}
