using System.Diagnostics;
using AwsIotDevice.Core.Backoff;
using AwsIotDevice.Core.Supervision;
using AwsIotDevice.Emulator.Logging;
using AwsIotDevice.VirtualDevice;
using Xunit.Abstractions;

namespace AwsIotDevice.Demo.Tests;

/// <summary>
/// The soak: the virtual device (provisioned over a pseudo-terminal) against the in-process emulator on 127.0.0.1,
/// with random connection drops, an emulator restart and an auth-refusal window, then judged by sequence numbers,
/// CONNECT spacing (device log and emulator log) and the backoff delays the supervisor logged. Bounded: the whole run
/// is cancelled after <see cref="Budget"/>. Reproducible: SOAK_SEED (from the environment, or a random one) drives both
/// the test's timings and the device's backoff jitter, and a failure names it; the device's backoff is capped at
/// <see cref="BackoffCapMs"/> so the recovery bounds below hold whatever the draws (the board's 120 s cap would not).
/// </summary>
[Collection(EndToEnd.Name)]
public sealed class SoakTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(110);
    private const int BackoffCapMs = 8000;
    private readonly ITestOutputHelper _output;

    public SoakTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Device_rides_out_drops_restart_and_refused_auth_without_losing_a_reading()
    {
        string? given = Environment.GetEnvironmentVariable("SOAK_SEED");
        int seed = string.IsNullOrEmpty(given) ? Random.Shared.Next() : int.Parse(given, System.Globalization.CultureInfo.InvariantCulture);
        _output.WriteLine($"SOAK_SEED={seed}");
        try
        {
            await Soak(seed);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"soak failed with SOAK_SEED={seed} (rerun: SOAK_SEED={seed} dotnet test tools/Demo.Tests --filter FullyQualifiedName~SoakTests): {e.Message}", e);
        }
    }

    private async Task Soak(int seed)
    {
        var random = new Random(seed);
        var backoff = new BackoffOptions { CapMs = BackoffCapMs, Seed = seed };
        using var budget = new CancellationTokenSource(Budget);
        CancellationToken ct = budget.Token;
        var clock = Stopwatch.StartNew();

        await using DemoEmulator emulator = await DemoEmulator.StartAsync(ct);
        string clientId = emulator.Init.ClientId;
        var deviceLog = new DeviceLogRecorder(clock);
        using DemoDevice device = DemoDevice.Start(emulator.Directory, emulator.Init.CaFile, deviceLog, ct, backoff: backoff);
        var ledger = new DeliveryLedger(clock);
        await using var viewer = new TelemetrySubscriber(emulator.Host, () => emulator.Port, AwsIotDevice.CustomAuthMqttClient.CustomAuthMqttOptions.LoadTrust(emulator.Init.CaFile),
            DemoEmulator.ViewerClientId, () => emulator.UsernameFor(DemoEmulator.ViewerClientId), emulator.Init.Topic, ledger);
        viewer.Start();
        Assert.True(await viewer.WaitSubscribedAsync(TimeSpan.FromSeconds(15), ct), "the viewer never subscribed");

        device.Provision(DemoDevice.SettingsFor(emulator, clientId, emulator.Init.Topic, intervalSeconds: 1, mode: Core.Settings.DeviceSettings.ModeWss), line => _output.WriteLine(line));
        using var statusWatch = new StatusWatch(device, backoff);
        await Until(() => device.Status.Connected, TimeSpan.FromSeconds(15), ct, "the device never connected after provisioning");

        // Random drops: each at a random moment 3-6 s into a session (scenario timing, not a wait for an event).
        for (int drop = 1; drop <= 2; drop++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(3000, 6000)), ct);
            await Until(() => device.Status.Connected, TimeSpan.FromSeconds(30), ct, $"the device did not reconnect before drop {drop}");
            _output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0}s drop {drop}");
            device.Runner.Link.Sever();
            await Until(() => !device.Status.Connected, TimeSpan.FromSeconds(10), ct, $"the device did not notice drop {drop}");
        }

        // Emulator restart. The device is held off by the authorizer until the viewer is back, so no reading is
        // published into a broker with nobody subscribed (the viewer, not the device, would have lost it).
        await Until(() => device.Status.Connected, TimeSpan.FromSeconds(30), ct, "the device did not reconnect before the restart");
        await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1000, 3000)), ct); // scenario timing: a random moment into the session
        int subscriptions = viewer.Subscriptions;
        _output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0}s emulator restart");
        emulator.Authorizer.RefuseDevice = true;
        await emulator.RestartAsync(TimeSpan.FromSeconds(1), ct);
        await Until(() => !device.Status.Connected, TimeSpan.FromSeconds(10), ct, "the device did not notice the restart");
        await Until(() => viewer.Subscriptions > subscriptions, TimeSpan.FromSeconds(15), ct, "the viewer did not resubscribe after the restart");
        emulator.Authorizer.RefuseDevice = false;

        // Auth-refusal window: cut the session and refuse until at least one CONNECT was refused (2 s at least).
        await Until(() => device.Status.Connected, TimeSpan.FromSeconds(30), ct, "the device did not reconnect after the restart");
        await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1000, 3000)), ct); // scenario timing: a random moment into the session
        int refusedBefore = emulator.Authorizer.Refusals;
        _output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0}s auth refusal window opens");
        emulator.Authorizer.RefuseDevice = true;
        device.Runner.Link.Sever();
        TimeSpan windowOpened = clock.Elapsed;
        await Until(() => !device.Status.Connected, TimeSpan.FromSeconds(10), ct, "the device did not notice the cut that opened the refusal window");
        await Until(() => emulator.Authorizer.Refusals > refusedBefore && clock.Elapsed - windowOpened >= TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(40), ct, "the device never tried to reconnect during the refusal window");
        emulator.Authorizer.RefuseDevice = false;
        _output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0}s auth refusal window closes");

        // Everything produced so far must arrive once the device is back.
        await Until(() => device.Status.Connected, TimeSpan.FromSeconds(70), ct, "the device did not recover after the refusal window");
        SupervisorStatus atEnd = device.Status;
        long produced = atEnd.Published + atEnd.Queued + atEnd.Dropped;
        await Until(() => ledger.Missing(produced).Count == 0, TimeSpan.FromSeconds(30), ct, $"readings 1..{produced} did not all arrive");
        SupervisorStatus status = device.Status;
        Report(clock, emulator, deviceLog, ledger, status, produced);

        Assert.Equal(0, status.Dropped); // the queue (100) had room throughout, so every reading counts
        Assert.Empty(ledger.Missing(produced));
        Assert.True(produced >= 10, $"only {produced} readings produced");
        Assert.True(status.Connects >= 5, $"expected the initial session plus 4 recoveries, saw {status.Connects} accepted CONNECTs");
        Assert.True(emulator.Authorizer.Refusals >= 1, "no CONNECT was refused during the refusal window");
        Assert.Equal(2, emulator.Starts);

        AssertConnectSpacing(deviceLog, emulator, clientId);
        AssertBackoffWithinFullJitter(deviceLog, statusWatch, backoff);
    }

    private static void AssertConnectSpacing(DeviceLogRecorder deviceLog, DemoEmulator emulator, string clientId)
    {
        // The device's own attempts: the ConnectGate keeps them >= 1 s apart on the supervisor's clock; the log
        // timestamps are taken microseconds after, so 10 ms covers scheduling noise.
        IReadOnlyList<long> attempts = deviceLog.ConnectAttemptTimes();
        Assert.True(attempts.Count >= 6, $"only {attempts.Count} CONNECT attempts logged");
        for (int i = 1; i < attempts.Count; i++)
        {
            long gap = attempts[i] - attempts[i - 1];
            Assert.True(gap >= ConnectGate.DefaultMinIntervalMs - 10, $"device CONNECT attempts {i} and {i + 1} were {gap} ms apart (AWS allows 1 per second per client id)");
        }

        // What the broker saw. The emulator stamps CONNECT on arrival (after TCP + TLS) while the device's gate
        // counts from the start of the attempt, so handshake jitter can shave tens of ms off the device's 1 s (and
        // the emulator, strict like AWS, then answers THROTTLED: reported by Report, see the soak's output).
        // 900 ms still proves there is no burst.
        IReadOnlyList<LogEntry> seen = emulator.Log.ConnectsOf(clientId);
        Assert.True(seen.Count >= 6, $"the emulator logged only {seen.Count} CONNECTs of {clientId}");
        for (int i = 1; i < seen.Count; i++)
        {
            double gap = (seen[i].Time - seen[i - 1].Time).TotalMilliseconds;
            Assert.True(gap >= 900, $"the emulator saw CONNECTs of {clientId} {gap:0} ms apart: {JsonLineFormatter.Format(seen[i - 1])} / {JsonLineFormatter.Format(seen[i])}");
        }
    }

    private static void AssertBackoffWithinFullJitter(DeviceLogRecorder deviceLog, StatusWatch statusWatch, BackoffOptions backoff)
    {
        IReadOnlyList<BackoffRecord> backoffs = deviceLog.Backoffs();

        // 2 drops + restart + refusal window each cost at least one fault; the refused CONNECT another.
        Assert.True(backoffs.Count >= 5, $"only {backoffs.Count} backoffs logged");
        foreach (BackoffRecord b in backoffs)
        {
            Assert.True(b.Attempt >= 1, $"backoff line without an attempt count: {b.Line}");
            long ceiling = FullJitter.CeilingMs(b.Attempt, backoff.BaseMs, backoff.CapMs);
            Assert.True(b.DelayMs >= 0 && b.DelayMs <= ceiling, $"delay {b.DelayMs} ms is outside full jitter [0, {ceiling}] for attempt {b.Attempt}: {b.Line}");
        }

        // Consecutive failures without a 30 s session in between: the attempt count only grows.
        for (int i = 1; i < backoffs.Count; i++)
        {
            Assert.True(backoffs[i].Attempt == backoffs[i - 1].Attempt + 1, $"backoff attempt went {backoffs[i - 1].Attempt} -> {backoffs[i].Attempt} without a 30 s session: {backoffs[i].Line}");
        }

        // The supervisor's STATUS agrees: its last delay never exceeded the ceiling of the highest attempt seen so far.
        Assert.True(statusWatch.Samples > 50, $"only {statusWatch.Samples} status samples");
        Assert.Null(statusWatch.Violation);
    }

    private void Report(Stopwatch clock, DemoEmulator emulator, DeviceLogRecorder deviceLog, DeliveryLedger ledger, SupervisorStatus status, long produced)
    {
        _output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0}s produced={produced} delivered={ledger.Distinct} duplicates={ledger.Duplicates} refusals={emulator.Authorizer.Refusals}");
        _output.WriteLine("status: " + status.Describe());
        foreach (BackoffRecord b in deviceLog.Backoffs())
        {
            _output.WriteLine($"{b.AtMs / 1000.0,7:0.000}s backoff attempt {b.Attempt}: {b.DelayMs} ms");
        }

        foreach (long at in deviceLog.ConnectAttemptTimes())
        {
            _output.WriteLine($"{at / 1000.0,7:0.000}s device CONNECT attempt");
        }

        int throttled = emulator.Log.Entries.Count(e => e.ClientId == emulator.Init.ClientId && e.Reason == LogReasons.Throttled);
        _output.WriteLine($"THROTTLED answers to the device: {throttled} (a CONNECT arrived < 1000 ms after the previous one)");
        DateTimeOffset start = DateTimeOffset.UtcNow - clock.Elapsed;
        foreach (LogEntry e in emulator.Log.ConnectsOf(emulator.Init.ClientId))
        {
            _output.WriteLine($"{(e.Time - start).TotalSeconds,7:0.000}s emulator {e.Event} {e.Reason} {e.Rule}");
        }
    }

    private static async Task Until(Func<bool> condition, TimeSpan timeout, CancellationToken ct, string failure)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > timeout)
            {
                Assert.Fail(failure + $" within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(50, ct);
        }
    }

    /// <summary>Samples the supervisor's STATUS every 50 ms and checks LastDelayMs against the full-jitter ceiling.</summary>
    private sealed class StatusWatch : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private int _samples;

        public StatusWatch(DemoDevice device, BackoffOptions backoff)
        {
            _loop = Task.Run(async () =>
            {
                int highestAttempt = 0;
                while (!_stop.IsCancellationRequested)
                {
                    SupervisorStatus s = device.Status;
                    highestAttempt = Math.Max(highestAttempt, s.BackoffAttempt);
                    long ceiling = FullJitter.CeilingMs(highestAttempt, backoff.BaseMs, backoff.CapMs);
                    if (s.LastDelayMs < 0 || s.LastDelayMs > ceiling)
                    {
                        Violation ??= $"STATUS lastDelayMs={s.LastDelayMs} above the ceiling {ceiling} of attempt {highestAttempt}: {s.Describe()}";
                    }

                    Interlocked.Increment(ref _samples);
                    try
                    {
                        await Task.Delay(50, _stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            });
        }

        public int Samples => Volatile.Read(ref _samples);

        public string? Violation { get; private set; }

        public void Dispose()
        {
            _stop.Cancel();
            _loop.Wait(TimeSpan.FromSeconds(2));
            _stop.Dispose();
        }
    }
}
