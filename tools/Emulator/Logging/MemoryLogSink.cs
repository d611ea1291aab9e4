namespace AwsIotDevice.Emulator.Logging;

/// <summary>Keeps entries in memory and lets a test wait for one.</summary>
public sealed class MemoryLogSink : ILogSink
{
    private readonly List<LogEntry> _entries = [];
    private readonly object _gate = new();
    private readonly SemaphoreSlim _signal = new(0);

    /// <summary>A snapshot of every entry so far.</summary>
    public IReadOnlyList<LogEntry> Entries
    {
        get { lock (_gate) return [.. _entries]; }
    }

    /// <inheritdoc />
    public void Write(LogEntry entry)
    {
        lock (_gate) _entries.Add(entry);
        _signal.Release();
    }

    /// <summary>Waits until an entry matching <paramref name="predicate"/> exists, or throws <see cref="TimeoutException"/>.</summary>
    public async Task<LogEntry> WaitForAsync(Func<LogEntry, bool> predicate, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            lock (_gate)
            {
                var hit = _entries.FirstOrDefault(predicate);
                if (hit is not null) return hit;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException("no matching log entry; have: " + string.Join(" | ", Entries.Select(JsonLineFormatter.Format)));
            await _signal.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200)).ConfigureAwait(false);
        }
    }
}
