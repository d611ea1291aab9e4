using System.Diagnostics;
using System.Text;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Backoff;
using AwsIotDevice.Core.Telemetry;

namespace AwsIotDevice.Demo.Tests;

/// <summary>The demo's small parts, without sockets.</summary>
public sealed class DemoPartsTests
{
    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("2m", 120_000)]
    [InlineData("500ms", 500)]
    [InlineData("1.5s", 1_500)]
    [InlineData("45", 45_000)]
    [InlineData(" 1H ", 3_600_000)]
    public void ParseDuration_reads_the_units_the_help_shows(string text, long expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), DemoOptions.ParseDuration(text));

    [Theory]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("ten seconds")]
    [InlineData("-5s")]
    [InlineData("2d")]
    [InlineData("99999h")]
    public void ParseDuration_refuses_anything_else(string text) => Assert.Null(DemoOptions.ParseDuration(text));

    [Fact]
    public void Validate_accepts_the_defaults_and_names_the_bad_option()
    {
        Assert.Null(new DemoOptions().Validate());
        Assert.StartsWith("--duration 10s", new DemoOptions { Duration = TimeSpan.FromSeconds(10) }.Validate());
        Assert.StartsWith("--interval 1.5s", new DemoOptions { Interval = TimeSpan.FromSeconds(1.5) }.Validate());
        Assert.StartsWith("--interval 500ms", new DemoOptions { Interval = TimeSpan.FromMilliseconds(500) }.Validate());
        Assert.StartsWith("--interval 10s is too long", new DemoOptions { Duration = TimeSpan.FromSeconds(20), Interval = TimeSpan.FromSeconds(10) }.Validate());
        Assert.StartsWith("--mode 'mqtt' is not a mode: use wss", new DemoOptions { Mode = "mqtt" }.Validate());
        Assert.Equal("wss", new DemoOptions().Mode);
        Assert.Null(new DemoOptions { Mode = "alpn" }.Validate());
        Assert.Null(new DemoOptions { Mode = "domain" }.Validate());
    }

    [Fact]
    public void Ledger_counts_duplicates_and_finds_the_gaps()
    {
        var ledger = new DeliveryLedger(Stopwatch.StartNew());
        Assert.Null(ledger.FirstDeliveryAt);
        Assert.True(ledger.Record(1, 0));
        Assert.True(ledger.Record(2, 0));
        Assert.False(ledger.Record(2, 0));
        Assert.True(ledger.Record(4, 3));

        Assert.Equal(3, ledger.Distinct);
        Assert.Equal(1, ledger.Duplicates);
        Assert.Equal(4, ledger.MaxSequence);
        Assert.Equal(3, ledger.ReportedDropped);
        Assert.Equal([3L, 5L], ledger.Missing(5));
        Assert.NotNull(ledger.FirstDeliveryAt);
    }

    [Theory]
    [InlineData(0, 3, 2)] // 3 and 5 never arrived: both lost
    [InlineData(1, 3, 1)] // the device dropped one (queue full): one is excused
    [InlineData(5, 3, 0)] // more dropped than missing: nothing lost, never negative
    public void Ledger_judges_lost_readings_net_of_what_the_device_dropped(long dropped, int delivered, int lost)
    {
        var ledger = new DeliveryLedger(Stopwatch.StartNew());
        foreach (long seq in new long[] { 1, 2, 2, 4, 6 })
        {
            ledger.Record(seq, 0);
        }

        var judged = ledger.Judge(5, dropped);

        Assert.Equal((delivered, lost), (judged.Delivered, judged.Lost));
        Assert.Equal([3L, 5L], judged.Missing);
        Assert.Equal(lost == 0, new DemoSummary { Delivered = judged.Delivered, Lost = judged.Lost }.Passed);
    }

    [Fact]
    public void TelemetryMessage_reads_what_the_device_core_writes()
    {
        var queue = new TelemetryQueue(4);
        queue.Append(1000);
        Reading reading = queue.Append(2500);
        reading.Add("temperature", 21.5);
        reading.Add("rssi", -61);
        var writer = new PayloadWriter("dev-\"7\"");
        int length = writer.Write(reading, 3);

        TelemetryMessage? message = TelemetryMessage.TryParse(writer.Buffer.AsSpan(0, length));

        Assert.NotNull(message);
        Assert.Equal("dev-\"7\"", message.Device);
        Assert.Equal(2, message.Sequence);
        Assert.Equal(2500, message.UptimeMs);
        Assert.Equal(3, message.Dropped);
        Assert.Equal([new KeyValuePair<string, double?>("temperature", 21.5), new KeyValuePair<string, double?>("rssi", -61)], message.Readings);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"device\":\"d\"}")]
    [InlineData("{\"seq\":\"7\"}")]
    public void TelemetryMessage_ignores_other_payloads(string payload) =>
        Assert.Null(TelemetryMessage.TryParse(Encoding.UTF8.GetBytes(payload)));

    [Fact]
    public void FullJitter_ceiling_matches_the_device_backoff_policy_attempt_by_attempt()
    {
        var policy = new BackoffPolicy(new MaxRandom(), BackoffPolicy.DefaultBaseMs, BackoffPolicy.DefaultCapMs, BackoffPolicy.DefaultResetAfterMs);
        for (int i = 0; i < 12; i++)
        {
            // MaxRandom draws the top of the range: the delay IS the ceiling the policy used.
            int delay = policy.NextDelayMs();
            Assert.Equal(delay, FullJitter.CeilingMs(policy.Attempt, BackoffPolicy.DefaultBaseMs, BackoffPolicy.DefaultCapMs));
        }

        Assert.Equal(1000, FullJitter.CeilingMs(1, 1000, 120_000));
        Assert.Equal(64_000, FullJitter.CeilingMs(7, 1000, 120_000));
        Assert.Equal(120_000, FullJitter.CeilingMs(8, 1000, 120_000));
    }

    [Fact]
    public void DeviceLogRecorder_reads_connect_attempts_and_backoffs_from_the_supervisor_lines()
    {
        var log = new DeviceLogRecorder(Stopwatch.StartNew());
        var forwarded = new List<string>();
        log.Forward = line => forwarded.Add(line.Message);
        log.Info("connecting to localhost:8443 as dev-1 (attempt 3)");
        log.Warn("fault ConnectRefused in Connecting: closed (check aws.authorizer (and more)); retry in 1234 ms, backoff attempt 4");
        log.Info("connected (CONNACK accepted after 5 ms)");
        log.Warn("fault AlpnUnavailable again; retry in 120000 ms");

        Assert.Single(log.ConnectAttemptTimes());
        Assert.Equal(4, forwarded.Count);
        IReadOnlyList<BackoffRecord> backoffs = log.Backoffs();
        Assert.Equal(2, backoffs.Count);
        Assert.Equal((1234, 4), (backoffs[0].DelayMs, backoffs[0].Attempt));
        Assert.Equal((120000, -1), (backoffs[1].DelayMs, backoffs[1].Attempt));
    }

    private sealed class MaxRandom : IRandomSource
    {
        public int Next(int maxExclusive) => maxExclusive - 1;
    }

    [Theory]
    [InlineData("wss", "localhost")]
    [InlineData("alpn", "localhost")]
    [InlineData("domain", "custom-auth.localhost")]
    public async Task SettingsFor_points_each_mode_at_the_emulator_route_that_serves_it(string mode, string endpoint)
    {
        await using DemoEmulator emulator = await DemoEmulator.StartAsync(CancellationToken.None);

        var settings = DemoDevice.SettingsFor(emulator, "demo-device-01", "devices/demo-device-01/telemetry", 1, mode).ToDictionary(p => p.Key, p => p.Value);

        Assert.Equal(mode, settings["aws.mode"]);
        Assert.Equal(endpoint, settings["aws.endpoint"]);
        var device = new Core.Settings.DeviceSettings();
        foreach (var (key, value) in settings)
        {
            Assert.Null(device.Set(key, value));
        }

        Assert.Empty(Core.Settings.SettingsValidator.Validate(device));
        Assert.Equal("  mode                  " + mode, DemoText.Summary(new DemoSummary { Mode = mode }).First()[..(24 + mode.Length)]);
    }
}
