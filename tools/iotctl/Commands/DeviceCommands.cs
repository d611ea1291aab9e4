using System.CommandLine;
using System.Net;
using System.Runtime.InteropServices;
using AwsIotDevice.VirtualDevice;

namespace AwsIotDevice.Iotctl.Commands;

/// <summary>
/// <c>iotctl device run (--settings FILE | --storage DIR) [--serial PATH] [--ca FILE] [--resolve HOST=ADDRESS]</c>: the virtual device,
/// i.e. the firmware's portable core on this machine over real TLS, in whatever aws.mode its settings say (wss, alpn or
/// domain), until Ctrl+C (SIGINT) or SIGTERM.
/// </summary>
public static class DeviceCommands
{
    /// <summary>Creates the <c>device</c> command group.</summary>
    public static Command Create()
    {
        return new Command("device", "The virtual device: the firmware's portable core running on this machine over real TLS")
        {
            CreateRun(),
        };
    }

    private static Command CreateRun()
    {
        var settings = CommonOptions.Optional<string?>("--settings", "Settings file (key=value, as COMMIT stores it; contains secrets, kept owner-only). Created by provisioning when missing", "FILE");
        var storage = CommonOptions.Optional<string?>("--storage", "A folder standing for the board's I:\\ drive instead of --settings: awsiot.settings, device.import (what 'iotctl provision --nanoff' writes; applied at boot, then deleted) and awsiot.crash", "DIR");
        var serial = CommonOptions.Optional<string?>("--serial", "Provisioning line: an existing serial port, or a new path that becomes a link to a fresh pseudo-terminal (then: iotctl provision --port PATH). Also serves STATUS while running", "PATH");
        var ca = CommonOptions.Optional<string?>("--ca", "PEM file of the root CA to trust instead of the Amazon roots (e.g. the local emulator's CA)", "FILE");
        var resolve = CommonOptions.Optional<string?>("--resolve", "Connect to ADDRESS when aws.endpoint is HOST, keeping HOST as the TLS SNI and certificate name (like curl's --resolve), e.g. custom-auth.localhost=127.0.0.1 for the emulator's domain configuration in aws.mode=domain", "HOST=ADDRESS");
        var command = new Command("run", "Run the virtual device: provision over --serial if needed, then connect and publish telemetry until Ctrl+C")
        {
            settings,
            storage,
            serial,
            ca,
            resolve,
        };
        CommandContext.SetAction(command, context =>
        {
            try
            {
                return Run(context, context.Get(settings), context.Get(storage), context.Get(serial), context.Get(ca), ParseResolve(context.Get(resolve)));
            }
            catch (VirtualDeviceException e)
            {
                context.Error.WriteLine($"{context.CommandPath}: {e.Message}");
                return IotctlApp.BadInput;
            }
        });
        return command;
    }

    private static (string Host, IPAddress Address)? ParseResolve(string? value)
    {
        if (value is null)
        {
            return null;
        }

        int equals = value.IndexOf('=');
        if (equals <= 0 || !IPAddress.TryParse(value[(equals + 1)..], out IPAddress? address))
        {
            throw new VirtualDeviceException($"--resolve '{value}' is not HOST=ADDRESS; use e.g. custom-auth.localhost=127.0.0.1");
        }

        return (value[..equals], address);
    }

    private static int Run(CommandContext context, string? settingsPath, string? storageDirectory, string? serialPath, string? caFile, (string Host, IPAddress Address)? resolve)
    {
        // Exactly one of --settings and --storage: VirtualDeviceRunner.Start checks it (one wording, for every caller).
        using var stop = new CancellationTokenSource();
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => Stop(signal, stop));
        using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => Stop(signal, stop));

        using DeviceSerialPort? port = serialPath is null ? null : DeviceSerialPort.Open(serialPath);
        var log = new ConsoleLog(context.Error);
        using VirtualDeviceRunner device = VirtualDeviceRunner.Start(
            new VirtualDeviceOptions
            {
                SettingsPath = settingsPath,
                StorageDirectory = storageDirectory,
                Trust = caFile is null ? null : TrustAnchors.FromPemFile(caFile),
                Serial = port?.Line,
                Log = log,
                LinkOptions = resolve is not { } r ? null : new HostLinkOptions
                {
                    Resolver = async (name, ct) => string.Equals(name, r.Host, StringComparison.OrdinalIgnoreCase) ? [r.Address] : await Dns.GetHostAddressesAsync(name, ct),
                },
            },
            stop.Token);
        context.Out.WriteLine($"virtual device running: settings {device.SettingsPath}, trusting {caFile ?? "the Amazon root CAs"}");
        if (port is not null)
        {
            string via = port.PseudoTerminalPath is null ? string.Empty : $" (pseudo-terminal {port.PseudoTerminalPath})";
            context.Out.WriteLine($"serial: {port.ToolPath}{via}; provision or ask for status with: iotctl provision --port {port.ToolPath}");
        }

        context.Out.WriteLine("press Ctrl+C to stop");
        context.Out.Flush();
        device.Completion.Wait();
        return IotctlApp.Ok;
    }

    private static void Stop(PosixSignalContext signal, CancellationTokenSource stop)
    {
        // Handled here: the device closes its MQTT session (DISCONNECT) and removes its serial link before exiting.
        signal.Cancel = true;
        stop.Cancel();
    }
}
