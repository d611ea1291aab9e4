using AwsIotDevice.Core.Boot;
using AwsIotDevice.Core.Telemetry;
using Xunit.Abstractions;

namespace AwsIotDevice.VirtualDevice.Tests;

/// <summary>
/// The host measurement behind <see cref="QueueBudget.BytesPerSlot"/>: what one preallocated queue slot costs on .NET
/// (64-bit), and that the budget keeps its margin over it. If a Reading grows, this fails before a board runs out of heap.
/// </summary>
public sealed class QueueSlotSizeTests(ITestOutputHelper output)
{
    [Fact]
    public void OneQueueSlotFitsItsBudgetWithMargin()
    {
        const int slots = 1000;
        _ = new TelemetryQueue(1); // JIT and type loading out of the measurement

        long before = GC.GetAllocatedBytesForCurrentThread();
        var queue = new TelemetryQueue(slots);
        long after = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(queue);

        double perSlot = (after - before) / (double)slots;
        output.WriteLine($"one queue slot: {perSlot:F1} B on the host; budgeted {QueueBudget.BytesPerSlot} B");
        Assert.InRange(perSlot, 100, QueueBudget.BytesPerSlot / 1.5);
    }
}
