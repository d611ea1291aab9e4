using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Backoff;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.Core.Supervision;
using AwsIotDevice.Core.Telemetry;
using AwsIotDevice.Emulator.Init;
using AwsIotDevice.Emulator.Logging;
using AwsIotDevice.VirtualDevice.Tests.Support;

namespace AwsIotDevice.VirtualDevice.Tests;

/// <summary>
/// A backlog drained by the real Core supervisor over the board's link (wss) against the emulator, which enforces AWS's
/// per-connection limits (100 publishes/s, 512 KiB/s) and closes a connection past them THROTTLED. First the same
/// backlog is sent unpaced on the same route, to show the emulator does throttle it; then the supervisor drains it
/// paced, on one session, with nothing throttled and every reading delivered.
/// </summary>
public sealed class PacedDrainEndToEndTests
{
    [Theory]
    [InlineData(256, 600)]    // ~200 messages of 3 readings: over 100 publishes/s unpaced
    [InlineData(8192, 4000)]  // ~600 KB in 8 KB batches: over 512 KiB/s unpaced
    public async Task ABacklogDrainsPacedUnderTheEmulatorsAwsLimits(int batchBytes, int readings)
    {
        await using var emu = await EmulatorFixture.StartAsync();
        InitResult init = emu.Init;
        MemoryLogSink emulatorLog = emu.Log;
        DeviceSettings settings = emu.Settings(init.ClientId);
        settings.Mode = DeviceSettings.ModeWss;
        settings.IntervalSeconds = 3600;
        settings.BatchBytes = batchBytes;
        Assert.Empty(SettingsValidator.Validate(settings));
        SupervisorConfig config = SupervisorConfig.FromSettings(settings);
        TrustAnchors trust = TrustAnchors.FromPemFile(init.CaFile);

        // Control: the same batches, no pacer.
        long sent = 0;
        using (var unpaced = new VirtualDeviceLink(trust))
        {
            Assert.Equal(Fault.None, unpaced.Connect(config.BuildConnectRequest()));
            TelemetryQueue queue = Backlog(readings);
            var drain = new TelemetryDrain(queue, batchBytes);
            var writer = new PayloadWriter(init.ClientId);
            Fault fault = Fault.None;
            while (queue.Count > 0 && fault == Fault.None)
            {
                int length = drain.Compose(writer, 0);
                fault = unpaced.Publish(config.Topic, drain.Payload, length, 1, 10_000);
                sent += length;
                drain.Delivered();
            }

            Assert.True(Wait.Until(() => PublishThrottles(emulatorLog) == 1, TimeSpan.FromSeconds(10)),
                $"unpaced, the emulator must throttle this backlog (sent {sent} B, last fault {fault}):\n" + Describe(emulatorLog));
        }

        // The supervisor drains the same backlog through its pacer.
        // The backoff's jitter is seeded so a failing run can be replayed; every assertion below names the seed.
        int seed = Random.Shared.Next();
        string seeded = $"backoff seed {seed}";
        var log = new RecordingLog();
        TelemetryQueue backlog = Backlog(readings);
        using var link = new VirtualDeviceLink(trust);
        var supervisor = new Supervisor(new HostNetwork(), link, new SystemClock(), new HostSensors(), log, backlog,
            new BackoffOptions { Seed = seed }.Create(), new ConnectGate());
        Assert.Null(supervisor.ApplySettings(settings));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        // Background: a supervisor that never stops must not keep the test host alive after the failed Join.
        var run = new Thread(() => supervisor.Run(() => supervisor.GetStatus().Published >= readings || DateTime.UtcNow > deadline)) { IsBackground = true };
        run.Start();
        Assert.True(run.Join(TimeSpan.FromSeconds(90)), $"the supervisor stops by itself ({seeded})");

        SupervisorStatus status = supervisor.GetStatus();
        Assert.True(status.Published >= readings, $"published {status.Published} of {readings} ({seeded})\n{log.Text}\n{Describe(emulatorLog)}");
        Assert.True(PublishThrottles(emulatorLog) == 1, $"one throttle (the control's) ({seeded})\n{Describe(emulatorLog)}");
        Assert.True(status.Connects == 1, $"one session, not {status.Connects} ({seeded})\n{log.Text}");

        // The emulator allows 1 CONNECT/s per client id, so the supervisor's first CONNECT, right after the control's,
        // may be refused once; nothing else may go wrong, and no session may end.
        for (int f = 0; f < (int)Fault.Count; f++)
        {
            if ((Fault)f != Fault.ConnectRefused)
            {
                Assert.True(status.CountOf((Fault)f) == 0, $"fault {FaultNames.Of((Fault)f)} ({seeded})\n{log.Text}");
            }
        }
    }

    // Readings 1..count of the virtual device's own sensors, queued as an outage would leave them.
    private static TelemetryQueue Backlog(int count)
    {
        var queue = new TelemetryQueue(count);
        var sensors = new HostSensors();
        for (int i = 0; i < count; i++)
        {
            sensors.Sample(queue.Append(i * 1000L));
        }

        return queue;
    }

    // Connections the emulator closed for the per-connection publish rate (not CONNECT throttling).
    private static int PublishThrottles(MemoryLogSink log) =>
        log.Entries.Count(e => e.Reason == LogReasons.Throttled && e.Rule is { } rule && rule.Contains("per second on this connection", StringComparison.Ordinal));

    private static string Describe(MemoryLogSink log) => string.Join('\n', log.Entries.Select(e => $"{e.Event} {e.Reason} {e.Rule}"));
}
