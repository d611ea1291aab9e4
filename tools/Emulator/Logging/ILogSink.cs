namespace AwsIotDevice.Emulator.Logging;

/// <summary>Receives log entries; implementations must be thread-safe and must not throw.</summary>
public interface ILogSink
{
    /// <summary>Records one entry.</summary>
    void Write(LogEntry entry);
}
