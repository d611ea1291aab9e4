using System.Collections.Concurrent;
using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.TestSupport;

/// <summary>An in-memory serial line: the test is the host tool, the device reads what the test sends.</summary>
public sealed class MemorySerialLine : ISerialLine
{
    private readonly BlockingCollection<string> _toDevice = new();
    private readonly BlockingCollection<string> _fromDevice = new();

    public LineStatus ReadLine(int timeoutMs, int maxLength, out string line)
    {
        line = null!;
        try
        {
            if (!_toDevice.TryTake(out string? next, timeoutMs))
            {
                return _toDevice.IsCompleted ? LineStatus.Closed : LineStatus.Timeout;
            }

            if (next.Length > maxLength)
            {
                return LineStatus.Overflow;
            }

            line = next;
            return LineStatus.Line;
        }
        catch (InvalidOperationException)
        {
            return LineStatus.Closed;
        }
    }

    public void WriteLine(string line) => _fromDevice.Add(line);

    /// <summary>Sends <paramref name="command"/> and returns the device's reply (throws after 10 s without one).</summary>
    public string Send(string command)
    {
        _toDevice.Add(command);
        return _fromDevice.TryTake(out string? reply, TimeSpan.FromSeconds(10))
            ? reply
            : throw new TimeoutException($"no reply to '{command}' within 10 s");
    }

    /// <summary>Hangs up: the device's next read reports Closed.</summary>
    public void Close() => _toDevice.CompleteAdding();
}
