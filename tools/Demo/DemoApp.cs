using System.Diagnostics;
using AwsIotDevice.Provisioning;
using AwsIotDevice.SerialLines;
using AwsIotDevice.VirtualDevice;
using AwsIotDevice.Emulator.Config;
using Spectre.Console;

namespace AwsIotDevice.Demo;

/// <summary>
/// <c>iotctl demo</c>: the whole system in one command, nothing to install. A temporary emulator setup, the emulator
/// on 127.0.0.1, a virtual device with empty settings provisioned over a pseudo-terminal, a viewer subscribed to its
/// telemetry, a severed connection and an auth-refusal window the device must ride out, and a summary judged by
/// sequence numbers.
/// </summary>
public static class DemoApp
{
    /// <summary>Exit code: every reading produced while the queue had room arrived.</summary>
    public const int ExitOk = 0;

    /// <summary>Exit code: a reading was lost, none arrived, or a step of the demo failed (one line on stderr says which).</summary>
    public const int ExitFailed = 1;

    /// <summary>Exit code: the options are unusable (one line on stderr says which and what to use).</summary>
    public const int ExitBadInput = 2;

    /// <summary>
    /// Runs the demo, writing progress and the summary to <paramref name="output"/> and problems (one line each) to
    /// <paramref name="error"/>; returns <see cref="ExitOk"/>, <see cref="ExitFailed"/> or <see cref="ExitBadInput"/>.
    /// <paramref name="cancellationToken"/> (Ctrl+C) stops it early, or ends a <see cref="DemoOptions.Keep"/> wait.
    /// </summary>
    public static async Task<int> RunAsync(DemoOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? problem = options.Validate();
        if (problem is not null)
        {
            await error.WriteLineAsync($"iotctl demo: {problem}").ConfigureAwait(false);
            return ExitBadInput;
        }

        var clock = Stopwatch.StartNew();
        bool live = options.Live ?? (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive);
        IDemoView view = live ? new LiveDemoView(AnsiConsole.Console, clock) : new PlainDemoView(output, clock);
        try
        {
            var run = new DemoScenario(options, view, clock);
            await using (run.ConfigureAwait(false))
            {
                DemoSummary summary = await view.ShowAsync(() => run.RunAsync(cancellationToken)).ConfigureAwait(false);
                run.Detach();
                WriteSummary(output, summary);
                if (!summary.Passed)
                {
                    await error.WriteLineAsync(summary.Delivered == 0
                        ? "iotctl demo: no reading reached the viewer; see the device and emulator lines above for the reason"
                        : summary.Lost > 0
                            ? $"iotctl demo: {summary.Lost} reading(s) produced while the queue had room never arrived (missing seq {string.Join(",", summary.MissingSample)})"
                            : $"iotctl demo: the credential renewal did not go as it should: {summary.Renewal}").ConfigureAwait(false);
                }

                if (options.Keep)
                {
                    await run.KeepAsync(output, cancellationToken).ConfigureAwait(false);
                }

                return summary.Passed ? ExitOk : ExitFailed;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("iotctl demo: cancelled").ConfigureAwait(false);
            return ExitFailed;
        }
        catch (Exception e) when (e is DemoException or ProvisioningException or VirtualDeviceException or EmulatorConfigException
            or PlatformNotSupportedException or SerialLineException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"iotctl demo: {FirstLine(e.Message)}").ConfigureAwait(false);
            return ExitFailed;
        }
    }

    private static void WriteSummary(TextWriter output, DemoSummary summary)
    {
        output.WriteLine();
        output.WriteLine(summary.Passed ? "Summary: PASS (nothing lost)" : "Summary: FAIL");
        foreach (string line in DemoText.Summary(summary))
        {
            output.WriteLine(line);
        }

        output.Flush();
    }

    private static string FirstLine(string message)
    {
        int end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
