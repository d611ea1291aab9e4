using System.CommandLine;
using System.Runtime.InteropServices;
using AwsIotDevice.VirtualDevice;

namespace AwsIotDevice.Iotctl.Commands;

/// <summary>
/// <c>iotctl device run --settings FILE [--serial PATH] [--ca FILE]</c>: the virtual device, i.e. the firmware's
/// portable core on this machine over real TLS, until Ctrl+C (SIGINT) or SIGTERM.
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
        var settings = CommonOptions.Required<string>("--settings", "Settings file (key=value, as COMMIT stores it; contains secrets, kept owner-only). Created by provisioning when missing", "FILE");
        var serial = CommonOptions.Optional<string?>("--serial", "Provisioning line: an existing serial port, or a new path that becomes a link to a fresh pseudo-terminal (then: iotctl provision --port PATH). Also serves STATUS while running", "PATH");
        var ca = CommonOptions.Optional<string?>("--ca", "PEM file of the root CA to trust instead of the Amazon roots (e.g. the local emulator's CA)", "FILE");
        var command = new Command("run", "Run the virtual device: provision over --serial if needed, then connect and publish telemetry until Ctrl+C")
        {
            settings,
            serial,
            ca,
        };
        CommandContext.SetAction(command, context =>
        {
            try
            {
                return Run(context, context.Get(settings)!, context.Get(serial), context.Get(ca));
            }
            catch (VirtualDeviceException e)
            {
                context.Error.WriteLine($"{context.CommandPath}: {e.Message}");
                return IotctlApp.BadInput;
            }
        });
        return command;
    }

    private static int Run(CommandContext context, string settingsPath, string? serialPath, string? caFile)
    {
        using var stop = new CancellationTokenSource();
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => Stop(signal, stop));
        using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => Stop(signal, stop));

        using DeviceSerialPort? port = serialPath is null ? null : DeviceSerialPort.Open(serialPath);
        var log = new ConsoleLog(context.Error);
        using VirtualDeviceRunner device = VirtualDeviceRunner.Start(settingsPath, caFile, port?.Line, log, stop.Token);
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
