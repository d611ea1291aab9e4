using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.Demo;

/// <summary>One line the device logged, with when (milliseconds on the demo's clock).</summary>
internal sealed record DeviceLogLine(long AtMs, bool Warning, string Message);

/// <summary>A backoff the supervisor chose: "retry in <see cref="DelayMs"/> ms, backoff attempt <see cref="Attempt"/>".</summary>
internal sealed record BackoffRecord(long AtMs, int DelayMs, int Attempt, string Line);

/// <summary>
/// The device's <see cref="ILog"/>: keeps every line with a timestamp (the soak test reads CONNECT attempts and
/// backoff delays from them) and passes it on to <see cref="Forward"/>. The core never logs secrets, so neither does
/// this. Thread-safe.
/// </summary>
internal sealed partial class DeviceLogRecorder : ILog
{
    private readonly Stopwatch _clock;
    private readonly List<DeviceLogLine> _lines = [];
    private readonly object _gate = new();

    public DeviceLogRecorder(Stopwatch clock) => _clock = clock;

    /// <summary>Called for every line after it is recorded; exceptions from it are swallowed.</summary>
    public Action<DeviceLogLine>? Forward { get; set; }

    public void Info(string message) => Add(false, message);

    public void Warn(string message) => Add(true, message);

    /// <summary>A snapshot of every line so far.</summary>
    public IReadOnlyList<DeviceLogLine> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>When the supervisor started each CONNECT attempt ("connecting to ... (attempt N)").</summary>
    public IReadOnlyList<long> ConnectAttemptTimes() =>
        Lines.Where(l => ConnectingLine().IsMatch(l.Message)).Select(l => l.AtMs).ToList();

    /// <summary>Every backoff the supervisor announced.</summary>
    public IReadOnlyList<BackoffRecord> Backoffs() =>
        Lines.Select(l => (Line: l, Match: RetryLine().Match(l.Message)))
            .Where(x => x.Match.Success)
            .Select(x => new BackoffRecord(
                x.Line.AtMs,
                int.Parse(x.Match.Groups["delay"].Value, CultureInfo.InvariantCulture),
                x.Match.Groups["attempt"].Success ? int.Parse(x.Match.Groups["attempt"].Value, CultureInfo.InvariantCulture) : -1,
                x.Line.Message))
            .ToList();

    private void Add(bool warning, string message)
    {
        var line = new DeviceLogLine(_clock.ElapsedMilliseconds, warning, message ?? string.Empty);
        lock (_gate)
        {
            _lines.Add(line);
        }

        try
        {
            Forward?.Invoke(line);
        }
        catch (Exception)
        {
            // Display problems must not reach the supervisor's thread.
        }
    }

    [GeneratedRegex(@"^connecting to \S+ as \S+ \(attempt \d+\)")]
    private static partial Regex ConnectingLine();

    [GeneratedRegex(@"retry in (?<delay>\d+) ms(, backoff attempt (?<attempt>\d+))?")]
    private static partial Regex RetryLine();
}
