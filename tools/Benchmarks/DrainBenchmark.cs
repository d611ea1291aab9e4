using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Mqtt;
using AwsIotDevice.Core.Telemetry;

namespace AwsIotDevice.Benchmarks;

/// <summary>
/// (d) Draining a backlog after an outage: 500 queued readings (four values each, as <see cref="ChangingSensors"/>)
/// published through Core's <see cref="PacedPublisher"/> (the pacer the supervisor uses: 80 msg/s burst 10,
/// 400 KiB/s burst 40 KiB) on a fake clock, once batched by <see cref="TelemetryDrain"/> (telemetry.batchBytes 5120)
/// and once one reading per message (what the firmware did before batching). Printed: messages, payload bytes and
/// whole PUBLISH packet bytes, AWS's metered 5 KB units, the time the pacer alone imposes (a link that answers at
/// once), and the time with a 40 ms PUBACK round trip per QoS 1 message (the supervisor waits for each PUBACK).
/// </summary>
internal static class DrainBenchmark
{
    private const int Backlog = 500;
    private const int RoundTripMs = 40;
    private const string Topic = "devices/bench-01/telemetry";

    public static void Run(TextWriter output)
    {
        output.WriteLine($"(d) draining a {Backlog}-reading backlog through the pacer (80 msg/s, 400 KiB/s), QoS 1");
        foreach (bool batched in new[] { true, false })
        {
            Figures pacerOnly = Drain(batched, 0);
            Figures withRtt = Drain(batched, RoundTripMs);
            string how = batched ? "batched (telemetry.batchBytes 5120)" : "one reading per message";
            output.WriteLine($"    {how}: {pacerOnly.Messages} messages, {pacerOnly.PayloadBytes} B payload ({pacerOnly.PacketBytes} B of PUBLISH packets), {pacerOnly.MeteredUnits} metered 5 KB units; "
                + $"{pacerOnly.ElapsedMs} ms under the pacer alone, {withRtt.ElapsedMs} ms with a {RoundTripMs} ms PUBACK round trip");
        }
    }

    private readonly record struct Figures(int Messages, long PayloadBytes, long PacketBytes, long MeteredUnits, long ElapsedMs);

    private static Figures Drain(bool batched, int roundTripMs)
    {
        var clock = new FakeClock();
        var link = new SlowLink(clock, roundTripMs);
        var publisher = new PacedPublisher(link, clock, new PublishPacer());
        var queue = new TelemetryQueue(Backlog);
        var sensors = new ChangingSensors();
        for (int i = 0; i < Backlog; i++)
        {
            sensors.Sample(queue.Append(i * 10_000L));
        }

        var writer = new PayloadWriter("bench-01");
        var drain = new TelemetryDrain(queue, TelemetryDrain.DefaultBatchBytes);
        int topicBytes = System.Text.Encoding.UTF8.GetByteCount(Topic);
        int messages = 0;
        long payloadBytes = 0, packetBytes = 0, units = 0;
        long start = clock.UptimeMs;
        while (queue.Count > 0)
        {
            byte[] payload;
            int length;
            if (batched)
            {
                length = drain.Compose(writer, 0);
                payload = drain.Payload;
            }
            else
            {
                length = writer.Write(queue.Peek()!, 0);
                payload = writer.Buffer;
            }

            if (!publisher.TryPublish(Topic, payload, length, 1, 10_000, out Fault fault))
            {
                clock.Advance(publisher.DelayMs(Topic, length, 1));
                continue;
            }

            if (fault != Fault.None)
            {
                throw new InvalidOperationException($"benchmark link failed: {fault}");
            }

            if (batched)
            {
                drain.Delivered();
            }
            else
            {
                queue.RemoveOldest();
            }

            messages++;
            payloadBytes += length;
            packetBytes += MqttEncoder.PublishSize(topicBytes, 1, length);
            units += (length + 5119) / 5120;
        }

        return new Figures(messages, payloadBytes, packetBytes, units, clock.UptimeMs - start);
    }

    /// <summary>Accepts every publish after a fixed PUBACK round trip on the fake clock.</summary>
    private sealed class SlowLink(FakeClock clock, int roundTripMs) : IMqttLink
    {
        public bool IsConnected => true;

        public string LastErrorDetail => string.Empty;

        public Fault Connect(MqttConnectRequest request) => Fault.None;

        public Fault Publish(string topic, byte[] payload, int length, int qos, int timeoutMs)
        {
            clock.Advance(roundTripMs);
            return Fault.None;
        }

        public Fault Process(int timeoutMs)
        {
            clock.Advance(timeoutMs);
            return Fault.None;
        }

        public Fault Subscribe(string filter, int qos, int timeoutMs) => Fault.None;

        public AwsIotDevice.Core.Mqtt.IMqttMessageHandler? MessageHandler { get; set; }

        public void Close()
        {
        }
    }
}
