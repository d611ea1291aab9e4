using System.Globalization;
using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.VirtualDevice;

/// <summary>
/// The core's log on a text writer (standard error by default), one timestamped line per message, safe from any
/// thread. The core promises its messages are secret-free; this writes them as they are.
/// </summary>
public sealed class ConsoleLog : ILog
{
    private readonly TextWriter _writer;
    private readonly string _prefix;
    private readonly object _sync = new();

    /// <summary>Writes to <paramref name="writer"/> (standard error when null), each line after <paramref name="prefix"/>.</summary>
    public ConsoleLog(TextWriter? writer = null, string prefix = "device")
    {
        _writer = writer ?? Console.Error;
        _prefix = prefix;
    }

    /// <inheritdoc />
    public void Info(string message) => Write("INFO", message);

    /// <inheritdoc />
    public void Warn(string message) => Write("WARN", message);

    private void Write(string level, string message)
    {
        string time = DateTime.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
        string line = $"{time} {_prefix} {level} {message.ReplaceLineEndings(" ")}";
        lock (_sync)
        {
            _writer.WriteLine(line);
            _writer.Flush();
        }
    }
}
