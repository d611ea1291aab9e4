using System.Collections.Concurrent;
using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.TestSupport;

/// <summary>The device's log kept line by line (for assertions and for failure messages).</summary>
public sealed class RecordingLog : ILog
{
    private readonly ConcurrentQueue<string> _lines = new();

    public void Info(string message) => _lines.Enqueue("INFO " + message);

    public void Warn(string message) => _lines.Enqueue("WARN " + message);

    public string Text => string.Join('\n', _lines);
}
