using System.Diagnostics;
using AwsIotDevice.Emulator.Logging;
using Spectre.Console;

namespace AwsIotDevice.Demo.Tests;

public sealed class LiveDemoViewTests
{
    [Fact]
    public async Task Live_view_draws_status_readings_and_events_one_line_each()
    {
        var writer = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 100;
        var view = new LiveDemoView(console, Stopwatch.StartNew());

        int result = await view.ShowAsync(async () =>
        {
            view.Step("emulator listening on 127.0.0.1:1234");
            view.Inject("cutting the device's TLS connection");
            view.Device(new DeviceLogLine(0, true, "fault ConnectRefused in Connecting: " + new string('x', 300)));
            view.Emulator(new LogEntry { Event = LogEvents.Refused, ClientId = "dev-1", Reason = LogReasons.AuthorizationFailure, Rule = "[not markup] refused" });
            view.Reading(new TelemetryMessage { Device = "dev-1", Sequence = 7, Readings = [new("temperature", 21.5)] }, true, 7);
            view.Progress(new DemoProgress(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), "publishing", "Publishing", true, 15, 14, 0, 1, 1, "-"));
            await Task.Yield();
            return 42;
        });

        string text = writer.ToString();
        Assert.Equal(42, result);
        Assert.Contains("emulator listening on 127.0.0.1:1234", text);
        Assert.Contains("cutting the device's TLS connection", text);
        Assert.Contains("REFUSED dev-1 AUTHORIZATION_FAILURE: [not markup] refused", text);
        Assert.Contains("#7 temperature=21.5", text);
        Assert.Contains("Publishing", text);
        Assert.Contains("15/30 s", text);

        // The 300-character detail is cut to the width with an ellipsis instead of wrapping over several lines.
        Assert.Contains("…", text);
        Assert.DoesNotContain(new string('x', 60), text);
    }
}
