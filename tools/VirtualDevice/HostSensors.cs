using System.Diagnostics;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Telemetry;

namespace AwsIotDevice.VirtualDevice;

/// <summary>
/// The host process as the virtual device's sensors: working set, managed heap, thread count and CPU time,
/// under constant names so payloads look like a board's (name, number) pairs.
/// </summary>
public sealed class HostSensors : ISensors
{
    /// <summary>Process working set in bytes.</summary>
    public const string WorkingSetBytes = "workingSetBytes";

    /// <summary>Managed heap in use, in bytes.</summary>
    public const string GcHeapBytes = "gcHeapBytes";

    /// <summary>Threads in the process.</summary>
    public const string Threads = "threads";

    /// <summary>CPU time used by the process, in milliseconds.</summary>
    public const string CpuMs = "cpuMs";

    /// <inheritdoc />
    public void Sample(Reading into)
    {
        try
        {
            using var process = Process.GetCurrentProcess();
            into.Add(WorkingSetBytes, Environment.WorkingSet);
            into.Add(GcHeapBytes, GC.GetTotalMemory(false));
            into.Add(Threads, process.Threads.Count);
            into.Add(CpuMs, Math.Round(process.TotalProcessorTime.TotalMilliseconds));
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or System.ComponentModel.Win32Exception)
        {
            // The contract says never throw: a reading with fewer values beats a dead supervisor thread.
        }
    }
}
