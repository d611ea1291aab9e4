using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Backoff;
using AwsIotDevice.Core.Supervision;
using AwsIotDevice.Core.Telemetry;

namespace AwsIotDevice.Benchmarks;

/// <summary>
/// (a) Managed bytes allocated per telemetry cycle in the device core, measured with
/// GC.GetAllocatedBytesForCurrentThread (everything runs on this thread): first the bare cycle (queue slot, sample,
/// JSON payload, publish to a null link, remove), then the whole supervisor in steady Publishing state with a fake
/// clock, where one cycle is one sample taken and delivered.
/// </summary>
internal static class AllocationBenchmark
{
    private const int Warmup = 2_000;
    private const int Cycles = 100_000;
    private const string Topic = "devices/bench-01/telemetry";

    public static void Run(TextWriter output)
    {
        output.WriteLine("(a) managed bytes allocated per telemetry cycle in Core (fake link, fake sensors with 4 values)");
        (double bare, long payloadBytes) = BareCycle();
        output.WriteLine($"    sample + PayloadWriter.Write + publish ({Cycles:N0} cycles, ~{payloadBytes} B payload): {bare:0.###} B/cycle");
        (double supervised, long steps) = SupervisedCycle();
        output.WriteLine($"    Supervisor.Step in Publishing, per reading delivered ({Cycles:N0} readings, {steps:N0} steps): {supervised:0.###} B/cycle");
        output.WriteLine($"    control (the same loop allocating a 100-byte array per cycle, to show the counter sees allocations): {Control():0.###} B/cycle");
    }

    private static double Control()
    {
        byte[]? keep = null;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Cycles; i++)
        {
            keep = new byte[100];
            keep[0] = (byte)i;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(keep);
        return (double)allocated / Cycles;
    }

    private static (double PerCycle, long PayloadBytes) BareCycle()
    {
        var queue = new TelemetryQueue(8);
        var sensors = new ChangingSensors();
        var writer = new PayloadWriter("bench-01");
        var link = new NullLink();
        link.Connect(new MqttConnectRequest());
        long uptime = 0;
        void Cycle()
        {
            Reading reading = queue.Append(uptime += 1000);
            sensors.Sample(reading);
            int length = writer.Write(queue.Peek()!, queue.Dropped);
            link.Publish(Topic, writer.Buffer, length, 1, 10_000);
            queue.RemoveOldest();
        }

        for (int i = 0; i < Warmup; i++)
        {
            Cycle();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Cycles; i++)
        {
            Cycle();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return ((double)allocated / Cycles, link.Bytes / link.Publishes);
    }

    private static (double PerCycle, long Steps) SupervisedCycle()
    {
        var clock = new FakeClock();
        var link = new NullLink();
        var supervisor = new Supervisor(new UpNetwork(), link, clock, new ChangingSensors(), new QuietLog(), new TelemetryQueue(16),
            new BackoffPolicy(new FixedRandom()), new ConnectGate());
        var config = new SupervisorConfig
        {
            WifiSsid = "bench",
            Host = "bench.example.com",
            Port = 443,
            ClientId = "bench-01",
            Topic = Topic,
            SampleIntervalMs = 1000,
            Qos = 1,
        };
        string? problem = supervisor.ApplyConfig(config);
        if (problem is not null)
        {
            throw new InvalidOperationException("benchmark configuration rejected: " + problem);
        }

        while (link.Publishes < Warmup)
        {
            supervisor.Step();
        }

        long published = link.Publishes;
        long steps = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        while (link.Publishes - published < Cycles)
        {
            supervisor.Step();
            steps++;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (supervisor.State != SupervisorState.Publishing)
        {
            throw new InvalidOperationException("the supervisor left Publishing during the measurement");
        }

        return ((double)allocated / Cycles, steps);
    }
}
