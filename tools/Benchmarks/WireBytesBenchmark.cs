using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.Core.Supervision;
using AwsIotDevice.Core.Telemetry;
using AwsIotDevice.Demo;
using AwsIotDevice.VirtualDevice;

namespace AwsIotDevice.Benchmarks;

/// <summary>
/// (b) Bytes on the wire per reading in each mode: the virtual device's link (Core's clients over host TLS, what the
/// board sends) against the in-process emulator, counting the TCP payload both ways under TLS (so TLS records,
/// WebSocket frames and MQTT are all in it). Each mode connects once (set-up bytes reported apart), then publishes the
/// same reading payload QoS 1 a number of times, paced under AWS's 100 publishes/s; per reading = (up + down) / readings.
/// </summary>
internal static class WireBytesBenchmark
{
    private const int Readings = 60;

    // AWS (and the emulator) allow 100 publishes per second per connection: 60 readings 20 ms apart stay well below.
    private const int PaceMs = 20;

    public static async Task RunAsync(TextWriter output)
    {
        output.WriteLine($"(b) bytes on the wire (TCP payload, both ways) per QoS 1 reading, {Readings} readings per mode against the emulator");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using DemoEmulator emulator = await DemoEmulator.StartAsync(cancel.Token, watched: "devices/*/telemetry");
        foreach (string mode in new[] { DeviceSettings.ModeWss, DeviceSettings.ModeAlpn, DeviceSettings.ModeDomain })
        {
            output.WriteLine("    " + Measure(emulator, mode));
        }
    }

    private static string Measure(DemoEmulator emulator, string mode)
    {
        string clientId = $"bench-wire-{mode[0]}"; // same length in every mode, so the payloads are the same size
        var settings = new DeviceSettings();
        foreach (var (key, value) in DemoDevice.SettingsFor(emulator, clientId, $"devices/{clientId}/telemetry", 1, mode))
        {
            settings.Set(key, value);
        }

        SupervisorConfig config = SupervisorConfig.FromSettings(settings);
        var up = new long[1];
        var down = new long[1];
        var options = new HostLinkOptions
        {
            Resolver = HostLinkOptions.Loopback(emulator.Init.DomainName),
            TcpStreamWrapper = tcp => new CountingStream(tcp, up, down),
        };
        using var link = new VirtualDeviceLink(TrustAnchors.FromPemFile(emulator.Init.CaFile), options);
        Fault fault = link.Connect(config.BuildConnectRequest());
        if (fault != Fault.None)
        {
            return $"{mode}: could not connect ({FaultNames.Of(fault)}: {link.LastErrorDetail})";
        }

        long setupUp = Interlocked.Read(ref up[0]);
        long setupDown = Interlocked.Read(ref down[0]);
        var queue = new TelemetryQueue(4);
        new ChangingSensors().Sample(queue.Append(1000));
        var writer = new PayloadWriter(clientId);
        int length = writer.Write(queue.Peek()!, 0);
        for (int i = 0; i < Readings; i++)
        {
            fault = link.Publish(config.Topic, writer.Buffer, length, 1, 10_000);
            if (fault != Fault.None)
            {
                return $"{mode}: publish {i + 1} failed ({FaultNames.Of(fault)}: {link.LastErrorDetail})";
            }

            Thread.Sleep(PaceMs);
        }

        long readingsUp = Interlocked.Read(ref up[0]) - setupUp;
        long readingsDown = Interlocked.Read(ref down[0]) - setupDown;
        int mqtt = Core.Mqtt.MqttEncoder.PublishSize(config.Topic.Length, 1, length) + 4;
        link.Close();
        return $"{mode,-6}: {(double)(readingsUp + readingsDown) / Readings:0.0} B per reading ({(double)readingsUp / Readings:0.0} up, {(double)readingsDown / Readings:0.0} down; "
            + $"MQTT alone {mqtt} B with a {length} B payload); connection set-up {setupUp + setupDown} B (TLS handshake{(mode == DeviceSettings.ModeWss ? ", WebSocket upgrade" : string.Empty)}, CONNECT/CONNACK)";
    }

    /// <summary>Passes every call through to the TCP stream and counts the bytes each way.</summary>
    private sealed class CountingStream(Stream inner, long[] up, long[] down) : Stream
    {
        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => false;

        public override bool CanWrite => inner.CanWrite;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            Interlocked.Add(ref up[0], count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref up[0], buffer.Length);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Counted(int read)
        {
            Interlocked.Add(ref down[0], read);
            return read;
        }
    }
}
