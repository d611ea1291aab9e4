using System.Diagnostics;
using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.VirtualDevice;

/// <summary>The host's clocks: uptime from a <see cref="Stopwatch"/> started at construction (monotonic), wall time from the system.</summary>
public sealed class SystemClock : IClock
{
    private readonly Stopwatch _uptime = Stopwatch.StartNew();

    /// <inheritdoc />
    public long UptimeMs => _uptime.ElapsedMilliseconds;

    /// <inheritdoc />
    public DateTime UtcNow => DateTime.UtcNow;

    /// <inheritdoc />
    public void Sleep(int milliseconds) => Thread.Sleep(Math.Max(0, milliseconds));
}
