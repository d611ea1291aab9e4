using System.CommandLine;
using AwsIotDevice.Demo;

namespace AwsIotDevice.Iotctl.Commands;

/// <summary>
/// <c>iotctl demo [--duration 30s] [--interval 1s] [--mode wss|alpn|domain] [--keep] [--authorizer-package ZIP]</c>: the whole system working on this machine, nothing to
/// install: emulator, virtual device provisioned over a pseudo-terminal, live telemetry, injected faults and a summary
/// (exit 1 when a reading was lost). The work is in tools/Demo (<see cref="DemoApp"/>).
/// </summary>
public static class DemoCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var duration = new Option<string>("--duration")
        {
            Description = "How long the device publishes after provisioning, e.g. 30s, 2m (at least 15s); a drain of up to 45 s follows",
            HelpName = "TIME",
            DefaultValueFactory = _ => "30s",
        };
        var interval = new Option<string>("--interval")
        {
            Description = "Time between readings in whole seconds, e.g. 1s, 5s",
            HelpName = "TIME",
            DefaultValueFactory = _ => "1s",
        };
        var mode = new Option<string>("--mode")
        {
            Description = "How the device connects: wss (default: MQTT over WebSockets, no ALPN, what a stock nanoFramework board uses), alpn (raw MQTT with ALPN mqtt) or domain (raw MQTT to the emulator's domain configuration)",
            HelpName = "MODE",
            DefaultValueFactory = _ => Core.Settings.DeviceSettings.ModeWss,
        };
        mode.AcceptOnlyFromAmong(Core.Settings.DeviceSettings.ModeWss, Core.Settings.DeviceSettings.ModeAlpn, Core.Settings.DeviceSettings.ModeDomain);
        var keep = new Option<bool>("--keep")
        {
            Description = "After the summary, leave the emulator and device running (Ctrl+C stops them) and print how to watch with mosquitto_sub",
        };
        var package = new Option<string?>("--authorizer-package")
        {
            Description = "Run the whole demo through this authorizer deployment zip (from 'iotctl aws package'), run as Lambda would, instead of the built-in authorizer",
            HelpName = "ZIP",
        };
        var command = new Command("demo", "Show the whole system working: local AWS IoT custom-auth emulator, a virtual device provisioned over a pseudo-terminal, live telemetry, a cut connection and refused auth it recovers from")
        {
            duration,
            interval,
            mode,
            keep,
            package,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            TextWriter output = parseResult.InvocationConfiguration.Output;
            TextWriter error = parseResult.InvocationConfiguration.Error;
            TimeSpan? parsedDuration = DemoOptions.ParseDuration(parseResult.GetValue(duration));
            TimeSpan? parsedInterval = DemoOptions.ParseDuration(parseResult.GetValue(interval));
            if (parsedDuration is null || parsedInterval is null)
            {
                string which = parsedDuration is null ? $"--duration '{parseResult.GetValue(duration)}'" : $"--interval '{parseResult.GetValue(interval)}'";
                await error.WriteLineAsync($"iotctl demo: {which} is not a duration; use e.g. 30s, 2m, 1s (see 'iotctl demo --help')").ConfigureAwait(false);
                return DemoApp.ExitBadInput;
            }

            var options = new DemoOptions
            {
                Duration = parsedDuration.Value,
                Interval = parsedInterval.Value,
                Mode = parseResult.GetValue(mode)!,
                Keep = parseResult.GetValue(keep),
                AuthorizerPackage = parseResult.GetValue(package),
            };
            try
            {
                return await DemoApp.RunAsync(options, output, error, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // As every iotctl command: a bug is one line naming the exception type, never a stack trace.
                await error.WriteLineAsync($"iotctl demo: internal error ({e.GetType().Name}); please report it").ConfigureAwait(false);
                return IotctlApp.InternalError;
            }
        });
        return command;
    }
}
