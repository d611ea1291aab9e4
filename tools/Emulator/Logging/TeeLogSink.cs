namespace AwsIotDevice.Emulator.Logging;

/// <summary>Sends each entry to several sinks.</summary>
public sealed class TeeLogSink(params ILogSink[] sinks) : ILogSink
{
    /// <inheritdoc />
    public void Write(LogEntry entry)
    {
        foreach (var s in sinks) s.Write(entry);
    }
}
