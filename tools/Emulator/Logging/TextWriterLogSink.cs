namespace AwsIotDevice.Emulator.Logging;

/// <summary>Writes JSON lines to a <see cref="TextWriter"/> (stdout for <c>emulator run</c>).</summary>
public sealed class TextWriterLogSink : ILogSink
{
    private readonly TextWriter _writer;
    private readonly object _gate = new();

    /// <summary>Creates the sink.</summary>
    public TextWriterLogSink(TextWriter writer) => _writer = writer;

    /// <inheritdoc />
    public void Write(LogEntry entry)
    {
        string line = JsonLineFormatter.Format(entry);
        lock (_gate)
        {
            try { _writer.WriteLine(line); _writer.Flush(); }
            catch (Exception e) when (e is IOException or ObjectDisposedException) { }
        }
    }
}
