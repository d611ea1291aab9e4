using System.CommandLine;
using AwsIotDevice.CustomAuth.Files;
using AwsIotDevice.Provisioning;

namespace AwsIotDevice.Iotctl.Commands;

/// <summary>
/// <c>iotctl provision --port PATH [--baud 115200] (--set key=value ... | --file FILE) [--sign-with private.pem] [--status]</c>:
/// sends settings to a device in provisioning mode over its serial line (HELLO, SET..., COMMIT), printing one line
/// per step with secrets shown as &lt;secret&gt;; on any refusal it sends ABORT, so the device keeps its previous
/// settings, and exits 1 with the device's message. Bad input exits 2 before anything is sent. The logic lives in
/// <see cref="Provisioner"/> (tools/Provisioning); this file only maps options to a <see cref="ProvisionRequest"/>.
/// <para>
/// <c>iotctl provision --nanoff --file FILE [--sign-with private.pem] --out DIR [--port PORT] [--force]</c>: no provisioning
/// UART needed; writes DIR/device.import and DIR/deploy.json for <c>nanoff --filedeployment</c> over the flashing cable
/// (<see cref="NanoffProvisioner"/>) and prints the command.
/// </para>
/// </summary>
public static class ProvisionCommands
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var port = CommonOptions.Optional<string?>("--port", "Serial port of the device's provisioning UART: /dev/ttyUSB0, /dev/cu.usbserial-1, COM3, or a pseudo-terminal such as /dev/pts/5 (with --nanoff: the board's flashing port, written into deploy.json)", "PATH");
        var baud = new Option<int>("--baud")
        {
            Description = "Line speed (the firmware uses 115200, 8N1)",
            HelpName = "BAUD",
            DefaultValueFactory = _ => 115200,
        };
        var set = new Option<string[]>("--set")
        {
            Description = "A setting as key=value, value taken literally; repeat for more (e.g. --set wifi.ssid=Home --set wifi.password=...). Unknown keys are refused before anything is sent",
            HelpName = "KEY=VALUE",
        };
        var file = CommonOptions.Optional<string?>("--file", "Settings file: key=value lines as the device stores them (# comments; \\\\ \\n \\r escapes); only the keys it names are sent", "FILE");
        var signWith = CommonOptions.Optional<string?>("--sign-with", "Sign aws.token with this RSA-2048 private key PEM and send the base64 signature as aws.signature (same bytes as openssl dgst -sha256 -sign)", "FILE");
        var status = new Option<bool>("--status")
        {
            Description = "Print the device's STATUS line (after committing, when settings are given)",
        };
        var nanoff = new Option<bool>("--nanoff")
        {
            Description = "Provision over the flashing cable instead: write DIR/device.import (the whole configuration from --file, checked with the device's rules) and DIR/deploy.json, and print the 'nanoff --filedeployment' command that copies it to the board",
        };
        var outDir = CommonOptions.Optional<string?>("--out", "With --nanoff: directory for device.import and deploy.json (owner-only; they hold secrets)", "DIR");
        var force = new Option<bool>("--force")
        {
            Description = "With --nanoff: replace an existing device.import / deploy.json in DIR",
        };
        var command = new Command("provision", "Provision a device over its serial line: HELLO, SET each setting, COMMIT (ABORT and exit 1 if the device refuses anything)")
        {
            port,
            baud,
            set,
            file,
            signWith,
            status,
            nanoff,
            outDir,
            force,
        };
        CommandContext.SetAction(command, context =>
        {
            if (context.Get(file) is { } settingsFile && SecureFile.ReadableByOthersWarning(settingsFile) is { } warning)
            {
                context.Error.WriteLine($"{context.CommandPath}: {warning}");
            }

            if (context.Get(nanoff))
            {
                string? problem = context.Get(set) is { Length: > 0 } ? "--nanoff takes the settings from --file FILE, not --set"
                    : context.Get(file) is null ? "--nanoff needs --file FILE: the whole configuration the board will use"
                    : context.Get(outDir) is null ? "--nanoff needs --out DIR for device.import and deploy.json"
                    : context.Get(status) ? "--status needs the provisioning UART; it cannot be combined with --nanoff"
                    : null;
                if (problem is not null)
                {
                    context.Error.WriteLine($"{context.CommandPath}: {problem}");
                    return IotctlApp.BadInput;
                }

                var import = new NanoffImportRequest
                {
                    SettingsFile = context.Get(file)!,
                    SignWith = context.Get(signWith),
                    OutDirectory = context.Get(outDir)!,
                    Port = context.Get(port),
                    Force = context.Get(force),
                };
                return NanoffProvisioner.Run(import, context.Out, context.Error, context.CommandPath);
            }

            if (context.Get(port) is null)
            {
                context.Error.WriteLine($"{context.CommandPath}: --port is required: give the provisioning UART (e.g. /dev/ttyUSB1), or use --nanoff --file FILE --out DIR to provision over the flashing cable");
                return IotctlApp.BadInput;
            }

            if (context.Get(outDir) is not null || context.Get(force))
            {
                context.Error.WriteLine($"{context.CommandPath}: --out and --force are for --nanoff");
                return IotctlApp.BadInput;
            }

            var request = new ProvisionRequest
            {
                Port = context.Get(port)!,
                Baud = context.Get(baud),
                Set = context.Get(set) ?? [],
                SettingsFile = context.Get(file),
                SignWith = context.Get(signWith),
                Status = context.Get(status),
            };
            return Provisioner.Run(request, context.Out, context.Error, context.CommandPath);
        });
        return command;
    }
}
