using AwsIotDevice.Emulator.Logging;

namespace AwsIotDevice.Demo;

/// <summary>
/// Keeps every emulator log entry (the soak test reads CONNECT times from them) and passes each one on to
/// <see cref="Forward"/> (the demo shows refusals live). Thread-safe; never throws.
/// </summary>
internal sealed class EmulatorLogRecorder : ILogSink
{
    private readonly List<LogEntry> _entries = [];
    private readonly object _gate = new();

    /// <summary>Called for every entry, after it is recorded; exceptions from it are swallowed.</summary>
    public Action<LogEntry>? Forward { get; set; }

    public void Write(LogEntry entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
        }

        try
        {
            Forward?.Invoke(entry);
        }
        catch (Exception)
        {
            // A display problem must never break the emulator's connection handling.
        }
    }

    /// <summary>A snapshot of the entries so far, oldest first.</summary>
    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>CONNECT outcomes (accepted or refused at the MQTT stage) of <paramref name="clientId"/>, oldest first.</summary>
    public IReadOnlyList<LogEntry> ConnectsOf(string clientId) =>
        Entries.Where(e => e.ClientId == clientId && (e.Event == LogEvents.ConnectOk || e.Event == LogEvents.Refused)).ToList();
}
