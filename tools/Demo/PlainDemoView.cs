using System.Diagnostics;
using AwsIotDevice.Emulator.Logging;

namespace AwsIotDevice.Demo;

/// <summary>One timestamped line per event: works when output is redirected to a file or a CI log.</summary>
internal sealed class PlainDemoView : IDemoView
{
    private readonly TextWriter _out;
    private readonly Stopwatch _clock;
    private readonly object _gate = new();
    private long _lastProgressSecond = -1;

    public PlainDemoView(TextWriter output, Stopwatch clock)
    {
        _out = output;
        _clock = clock;
    }

    public Task<T> ShowAsync<T>(Func<Task<T>> body) => body();

    public void Step(string text) => Line("demo    ", "✓ " + text);

    public void Inject(string text) => Line("demo    ", "⚡ " + text);

    public void Device(DeviceLogLine line) => Line("device  ", (line.Warning ? "WARN " : string.Empty) + line.Message);

    public void Emulator(LogEntry entry)
    {
        if (entry.Event is LogEvents.Started or LogEvents.Stopped or LogEvents.ConnectOk or LogEvents.Refused or LogEvents.Disconnect or LogEvents.Denied)
        {
            Line("emulator", DemoText.Describe(entry));
        }
    }

    public void Viewer(string text) => Line("viewer  ", text);

    public void Reading(TelemetryMessage message, bool first, int delivered) =>
        Line("viewer  ", first
            ? $"reading seq={message.Sequence} ({delivered} delivered) {DemoText.Values(message)}"
            : $"reading seq={message.Sequence} again (duplicate: its PUBACK was lost, so the device sent it twice)");

    public void Progress(DemoProgress p)
    {
        // A progress line every 5 s is enough in a log; the live view shows every tick.
        long second = (long)p.Elapsed.TotalSeconds;
        if (second % 5 != 0 || second == _lastProgressSecond)
        {
            return;
        }

        _lastProgressSecond = second;
        Line("progress", $"{p.Phase} {p.Elapsed.TotalSeconds:0}/{p.Duration.TotalSeconds:0}s device={p.DeviceState}{(p.Connected ? "(connected)" : string.Empty)} produced={p.Produced} delivered={p.Delivered} duplicates={p.Duplicates} queued={p.Queued} reconnects={p.Reconnects} lastFault={p.LastFault}");
    }

    private void Line(string source, string text)
    {
        lock (_gate)
        {
            _out.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:0.0}s] {source} {text}");
            _out.Flush();
        }
    }
}
