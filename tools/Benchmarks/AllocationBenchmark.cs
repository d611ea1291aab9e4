using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Backoff;
using AwsIotDevice.Core.Mqtt;
using AwsIotDevice.Core.Supervision;
using AwsIotDevice.Core.Telemetry;

namespace AwsIotDevice.Benchmarks;

/// <summary>
/// (a) Managed bytes allocated per telemetry cycle in the device core, measured with
/// GC.GetAllocatedBytesForCurrentThread (everything runs on this thread): first the bare cycle (queue slot, sample,
/// JSON payload, publish to a null link, remove), then the whole supervisor in steady Publishing state with a fake
/// clock, where one cycle is one sample taken and delivered; then Core's own MQTT client (CoreMqttLink) publishing QoS 1
/// over raw TLS and over its WebSocket transport into an in-memory broker (<see cref="LoopbackBroker"/>), alone and under
/// the supervisor. The broker's own allocation is measured by driving it alone with the same bytes and subtracted.
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
        double brokerAlone = BrokerAlone();
        output.WriteLine($"    in-memory broker alone (raw MQTT and WebSocket frames written and answered, {Cycles:N0} times): {brokerAlone:0.###} B/publish (subtracted below)");
        foreach (TransportMode mode in new[] { TransportMode.Wss, TransportMode.Domain })
        {
            string route = mode == TransportMode.Wss ? "wss (MQTT over Core's WebSocket)" : "raw TLS (alpn/domain)";
            (double client, long wire) = CoreClientPublishes(mode);
            output.WriteLine($"    CoreMqttLink.Publish QoS 1 + PUBACK, {route}, ~{wire} B per publish+PUBACK above TLS: {Math.Max(0, client - brokerAlone):0.###} B/publish");
            (double cycle, long steps2) = SupervisedCoreCycle(mode);
            output.WriteLine($"    Supervisor.Step in Publishing over CoreMqttLink {route}, per reading delivered ({Cycles:N0} readings, {steps2:N0} steps): {Math.Max(0, cycle - brokerAlone):0.###} B/cycle");
        }
    }

    private static MqttConnectRequest Request(TransportMode mode) => new()
    {
        Host = "bench.example.com",
        Port = 443,
        Mode = mode,
        ClientId = "bench-01",
        Username = mode == TransportMode.Wss ? "device" : "device?x-amz-customauthorizer-name=Bench&x-amz-customauthorizer-signature=c2ln&token=t",
        KeepAliveSeconds = 60,
        CleanSession = true,
        AuthorizerName = "Bench",
        TokenKeyName = "token",
        Token = "t",
        Signature = "c2ln",
    };

    private static (double PerPublish, long WireBytes) CoreClientPublishes(TransportMode mode)
    {
        var clock = new FakeClock();
        var connector = new LoopbackConnector(clock);
        var link = new CoreMqttLink(connector, clock, new FixedRandom(), null);
        Check(link.Connect(Request(mode)), link);
        var queue = new TelemetryQueue(4);
        var writer = new PayloadWriter("bench-01");
        new ChangingSensors().Sample(queue.Append(1000));
        int length = writer.Write(queue.Peek()!, 0);
        for (int i = 0; i < Warmup; i++)
        {
            Check(link.Publish(Topic, writer.Buffer, length, 1, 10_000), link);
        }

        LoopbackBroker broker = connector.Last!;
        long bytesBefore = broker.BytesFromClient + broker.BytesToClient;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Cycles; i++)
        {
            link.Publish(Topic, writer.Buffer, length, 1, 10_000);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (broker.Publishes != Warmup + Cycles)
        {
            throw new InvalidOperationException($"the broker got {broker.Publishes} publishes, expected {Warmup + Cycles}");
        }

        return ((double)allocated / Cycles, (broker.BytesFromClient + broker.BytesToClient - bytesBefore) / Cycles);
    }

    private static (double PerCycle, long Steps) SupervisedCoreCycle(TransportMode mode)
    {
        var clock = new FakeClock();
        var link = new CoreMqttLink(new LoopbackConnector(clock), clock, new FixedRandom(), null);
        var supervisor = new Supervisor(new UpNetwork(), link, clock, new ChangingSensors(), new QuietLog(), new TelemetryQueue(16),
            new BackoffPolicy(new FixedRandom()), new ConnectGate());
        var config = new SupervisorConfig
        {
            WifiSsid = "bench",
            Host = "bench.example.com",
            Port = 443,
            Mode = mode,
            ClientId = "bench-01",
            AuthorizerName = "Bench",
            TokenKeyName = "token",
            Token = "t",
            Signature = "c2ln",
            Topic = Topic,
            SampleIntervalMs = 1000,
            Qos = 1,
        };
        if (supervisor.ApplyConfig(config) is { } problem)
        {
            throw new InvalidOperationException("benchmark configuration rejected: " + problem);
        }

        long published = 0;
        while ((published = supervisor.GetStatus().Published) < Warmup)
        {
            supervisor.Step();
        }

        // GetStatus allocates its snapshot: count the published readings from the clock instead (one per second).
        long startMs = clock.UptimeMs;
        long steps = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        while (clock.UptimeMs - startMs < Cycles * 1000L)
        {
            supervisor.Step();
            steps++;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        SupervisorStatus status = supervisor.GetStatus();
        if (supervisor.State != SupervisorState.Publishing || status.Published - published < Cycles - 1)
        {
            throw new InvalidOperationException($"the supervisor left Publishing or fell behind during the measurement: {status.Describe()}");
        }

        return ((double)allocated / Cycles, steps);
    }

    private static double BrokerAlone()
    {
        // A QoS 1 PUBLISH as raw MQTT and as a masked WebSocket frame, written into a set-up broker and the answer read.
        var clock = new FakeClock();
        byte[] publish = [0x32, 0x0D, 0x00, 0x07, (byte)'b', (byte)'e', (byte)'n', (byte)'c', (byte)'h', (byte)'/', (byte)'t', 0x00, 0x01, (byte)'h', (byte)'i'];
        byte[] frame = new byte[6 + publish.Length];
        frame[0] = 0x82;
        frame[1] = (byte)(0x80 | publish.Length);
        Array.Copy(publish, 0, frame, 6, publish.Length);
        var raw = new LoopbackBroker(clock);
        var ws = new LoopbackBroker(clock);
        byte[] upgrade = System.Text.Encoding.ASCII.GetBytes("GET /mqtt HTTP/1.1\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
        ws.Write(upgrade, 0, upgrade.Length, 1000);
        byte[] answer = new byte[512];
        ws.Read(answer, 0, answer.Length, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Cycles; i++)
        {
            raw.Write(publish, 0, publish.Length, 1000);
            raw.Read(answer, 0, answer.Length, 0);
            ws.Write(frame, 0, frame.Length, 1000);
            ws.Read(answer, 0, answer.Length, 0);
        }

        return (double)(GC.GetAllocatedBytesForCurrentThread() - before) / Cycles / 2;
    }

    private static void Check(Fault fault, CoreMqttLink link)
    {
        if (fault != Fault.None)
        {
            throw new InvalidOperationException($"{FaultNames.Of(fault)}: {link.LastErrorDetail}");
        }
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
        var link = new NullLink(new FakeClock());
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
        var link = new NullLink(clock);
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
