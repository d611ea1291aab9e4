using System.Collections.Concurrent;
using System.Diagnostics;
using AwsIotDevice.Emulator.Logging;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AwsIotDevice.Demo;

/// <summary>
/// A live terminal view (Spectre.Console): a status table with a progress bar, the latest readings and the latest
/// events, redrawn a few times a second. Only for an interactive terminal; <see cref="PlainDemoView"/> otherwise.
/// Events may come from any thread: they are queued and drawn by the live loop.
/// </summary>
internal sealed class LiveDemoView : IDemoView
{
    private const int EventLines = 14;
    private const int ReadingLines = 6;

    private readonly IAnsiConsole _console;
    private readonly Stopwatch _clock;
    private readonly ConcurrentQueue<string> _incoming = new();
    private readonly Queue<string> _events = new();
    private readonly Queue<string> _readings = new();
    private DemoProgress? _progress;

    public LiveDemoView(IAnsiConsole console, Stopwatch clock)
    {
        _console = console;
        _clock = clock;
    }

    public async Task<T> ShowAsync<T>(Func<Task<T>> body)
    {
        T result = default!;
        await _console.Live(Render()).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).StartAsync(async ctx =>
        {
            Task<T> work = body();
            while (!work.IsCompleted)
            {
                ctx.UpdateTarget(Render());
                await Task.WhenAny(work, Task.Delay(200)).ConfigureAwait(false);
            }

            ctx.UpdateTarget(Render());
            result = await work.ConfigureAwait(false);
        }).ConfigureAwait(false);
        return result;
    }

    public void Step(string text) => Add($"[green]✓[/] {Fit(text, 12)}");

    public void Inject(string text) => Add($"[yellow bold]⚡ {Fit(text, 12)}[/]");

    public void Device(DeviceLogLine line) =>
        Add($"[blue]device[/]   {(line.Warning ? "[red]" + Fit(line.Message, 20) + "[/]" : Fit(line.Message, 20))}");

    public void Emulator(LogEntry entry)
    {
        string color = entry.Event switch
        {
            LogEvents.Refused or LogEvents.Denied => "red",
            LogEvents.ConnectOk => "green",
            LogEvents.Disconnect => "yellow",
            _ => "grey",
        };
        Add($"[magenta]emulator[/] [{color}]{Fit(DemoText.Describe(entry), 20)}[/]");
    }

    public void Viewer(string text) => Add($"[cyan]viewer[/]   {Fit(text, 20)}");

    public void Reading(TelemetryMessage message, bool first, int delivered) =>
        _incoming.Enqueue("R" + (first
            ? $"[green]#{message.Sequence}[/] {Fit(DemoText.Values(message), 14)}"
            : $"[yellow]#{message.Sequence} duplicate[/]"));

    public void Progress(DemoProgress progress) => Volatile.Write(ref _progress, progress);

    private void Add(string markup) => _incoming.Enqueue("E" + $"[grey]{_clock.Elapsed.TotalSeconds,6:0.0}s[/] " + markup);

    private static Markup OneLine(string markup) => new Markup(markup);

    // One screen line per event (the panel border and timestamp take the rest): long emulator rules end in an
    // ellipsis instead of pushing older events off the screen. Returns escaped markup text.
    private string Fit(string text, int reserved)
    {
        int width = Math.Max(20, _console.Profile.Width - reserved - 8);
        return Markup.Escape(text.Length <= width ? text : text[..(width - 1)] + "…");
    }

    private IRenderable Render()
    {
        while (_incoming.TryDequeue(out string? item))
        {
            Queue<string> target = item[0] == 'R' ? _readings : _events;
            target.Enqueue(item[1..]);
            while (target.Count > (item[0] == 'R' ? ReadingLines : EventLines))
            {
                target.Dequeue();
            }
        }

        DemoProgress? p = Volatile.Read(ref _progress);
        var status = new Table().Border(TableBorder.Rounded).Title("[bold]iotctl demo[/]: virtual device -> AWS IoT custom-auth emulator -> viewer");
        status.AddColumn("phase");
        status.AddColumn("device");
        status.AddColumn("produced");
        status.AddColumn("delivered");
        status.AddColumn("dup");
        status.AddColumn("queued");
        status.AddColumn("reconnects");
        status.AddColumn("last fault");
        if (p is not null)
        {
            status.AddRow(
                Markup.Escape(p.Phase),
                (p.Connected ? "[green]" : "[yellow]") + Markup.Escape(p.DeviceState) + "[/]",
                p.Produced.ToString(System.Globalization.CultureInfo.InvariantCulture),
                p.Delivered.ToString(System.Globalization.CultureInfo.InvariantCulture),
                p.Duplicates.ToString(System.Globalization.CultureInfo.InvariantCulture),
                p.Queued.ToString(System.Globalization.CultureInfo.InvariantCulture),
                p.Reconnects.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(p.LastFault));
        }

        double fraction = p is null || p.Duration <= TimeSpan.Zero ? 0 : Math.Clamp(p.Elapsed / p.Duration, 0, 1);
        int filled = (int)(fraction * 40);
        string bar = $"[green]{new string('█', filled)}[/][grey]{new string('░', 40 - filled)}[/] {(p?.Elapsed.TotalSeconds ?? 0):0}/{(p?.Duration.TotalSeconds ?? 0):0} s";

        var readings = new Panel(new Rows(_readings.Count == 0 ? [new Markup("[grey]waiting for the first reading...[/]")] : _readings.Select(r => (IRenderable)OneLine(r)).ToArray()))
            .Header("latest readings at the viewer").Expand();
        var events = new Panel(new Rows(_events.Select(e => (IRenderable)OneLine(e)).ToArray())).Header("events").Expand();
        return new Rows(status, new Markup(bar), readings, events);
    }
}
