using System.CommandLine;
using AwsIotDevice.Emulator.Server;
using AwsIotDevice.Emulator.Init;

namespace AwsIotDevice.Iotctl.Commands;

// Wiring (owned by iotctl): iotctl.csproj needs <ProjectReference Include="../Emulator/Emulator.csproj" /> and
// IotctlApp.CreateRootCommand() needs the entry EmulatorCommands.Create(). Tested in tools/AwsIotDevice.Emulator.Tests (CliTests).

/// <summary>
/// <c>iotctl emulator init --dir DIR [--json] [--host NAME] [--port N] [--force] [--authorizer-package ZIP]</c> and
/// <c>iotctl emulator run --config DIR/emulator.json</c>: the local AWS IoT Core custom-auth emulator
/// (tools/Emulator). Self-contained: it uses only System.CommandLine and the Emulator library.
/// </summary>
public static class EmulatorCommands
{
    /// <summary>Creates the <c>emulator</c> command group.</summary>
    public static Command Create()
    {
        var dir = new Option<string>("--dir") { Description = "Directory for emulator.json, the local CA, the server certificate, the authorizer key pair and the demo credential (created if missing)", Required = true, HelpName = "DIR" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (host, port, caFile, authorizerName, tokenKeyName, privateKeyFile, clientId, topic, token, signature, ...) for scripts; the only output that shows the demo token and signature" };
        var host = new Option<string>("--host") { Description = "ATS-style endpoint host name clients send as SNI", HelpName = "NAME", DefaultValueFactory = _ => new InitOptions { Directory = "." }.HostName };
        var port = new Option<int>("--port") { Description = "TCP port the emulator listens on (127.0.0.1)", HelpName = "N", DefaultValueFactory = _ => 8443 };
        var force = new Option<bool>("--force") { Description = "Replace an existing emulator.json and every key in DIR" };
        var package = new Option<string?>("--authorizer-package") { Description = "Run this authorizer deployment zip (from 'iotctl aws package') as Lambda would, instead of the built-in reference authorizer", HelpName = "ZIP" };
        var init = new Command("init", "Create a local CA, a server certificate, an authorizer RSA-2048 key pair, emulator.json and a demo device credential")
        {
            dir, json, host, port, force, package,
        };
        init.SetAction(parseResult =>
        {
            var options = new InitOptions
            {
                Directory = parseResult.GetValue(dir)!,
                HostName = parseResult.GetValue(host)!,
                Port = parseResult.GetValue(port),
                Force = parseResult.GetValue(force),
                AuthorizerPackage = parseResult.GetValue(package),
            };
            var cfg = parseResult.InvocationConfiguration;
            return EmulatorCli.Init(options, parseResult.GetValue(json), cfg.Output, cfg.Error);
        });

        var config = new Option<string>("--config") { Description = "The emulator.json written by 'iotctl emulator init'", Required = true, HelpName = "FILE" };
        var run = new Command("run", "Serve MQTT with AWS IoT Core's custom-authentication rules until Ctrl+C / SIGTERM; one JSON log line per connection outcome on stdout")
        {
            config,
        };
        run.SetAction((parseResult, cancellationToken) =>
        {
            var cfg = parseResult.InvocationConfiguration;
            return EmulatorCli.RunAsync(parseResult.GetValue(config)!, cfg.Output, cfg.Error, cancellationToken);
        });

        return new Command("emulator", "Local emulator of AWS IoT Core's custom-authentication data plane: tells exactly why a connection was refused")
        {
            init,
            run,
        };
    }
}
