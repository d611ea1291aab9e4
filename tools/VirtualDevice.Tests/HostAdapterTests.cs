using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Telemetry;
using AwsIotDevice.VirtualDevice.Tests.Support;

namespace AwsIotDevice.VirtualDevice.Tests;

/// <summary>The small host adapters: sensors, log, clock, network, random.</summary>
public sealed class HostAdapterTests
{
    [Fact]
    public void SensorsReportTheProcessUnderConstantNames()
    {
        var reading = new Reading();

        new HostSensors().Sample(reading);

        string[] names = reading.Names.Take(reading.Count).ToArray();
        Assert.Equal([HostSensors.WorkingSetBytes, HostSensors.GcHeapBytes, HostSensors.Threads, HostSensors.CpuMs], names);
        Assert.True(reading.Values[0] > 0, "working set");
        Assert.True(reading.Values[2] >= 1, "threads");
    }

    [Fact]
    public void LogWritesOneTimestampedLinePerMessage()
    {
        var writer = new StringWriter();
        var log = new ConsoleLog(writer, "dev1");

        log.Info("connected");
        log.Warn("two\nlines");

        string[] lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^\d\d:\d\d:\d\d\.\d{3} dev1 INFO connected$", lines[0]);
        Assert.EndsWith("dev1 WARN two lines", lines[1]);
    }

    [Fact]
    public void ClockUptimeIsMonotonicAndSleepWaits()
    {
        var clock = new SystemClock();
        long before = clock.UptimeMs;

        clock.Sleep(30);

        Assert.InRange(clock.UptimeMs - before, 25, 5000);
        Assert.InRange(clock.UtcNow, DateTime.UtcNow.AddSeconds(-5), DateTime.UtcNow.AddSeconds(1));
    }

    [Fact]
    public void NetworkIsUpUntilATestTakesItDown()
    {
        var network = new HostNetwork();
        Assert.Equal(Fault.None, network.Join("ssid", "password", 1000));
        Assert.True(network.IsUp && network.IsTimeValid);

        network.SetDown(true);

        Assert.False(network.IsUp);
        Assert.Equal(Fault.NetworkDown, network.Join("ssid", "password", 1000));
        Assert.DoesNotContain("password", network.LastErrorDetail);
        network.SetDown(false);
        Assert.True(network.IsUp);
    }

    [Fact]
    public void NetworkReportsTheSsidItJoinedUntilItLeaves()
    {
        var network = new HostNetwork();
        Assert.Null(network.CurrentSsid);
        Assert.Equal(Fault.None, network.Join("bench-ap", "password", 1000));
        Assert.Equal("bench-ap", network.CurrentSsid);
        Assert.Equal(Fault.None, network.Join("lab-ap", "password", 1000));
        Assert.Equal("lab-ap", network.CurrentSsid);

        network.SetDown(true);
        Assert.Null(network.CurrentSsid);
        network.SetDown(false);
        network.Leave();

        Assert.Null(network.CurrentSsid);
    }

    [Fact]
    public void RandomStaysInRange()
    {
        var random = new SystemRandom();
        int[] values = Enumerable.Range(0, 1000).Select(_ => random.Next(7)).ToArray();

        Assert.All(values, v => Assert.InRange(v, 0, 6));
        Assert.Equal(7, values.Distinct().Count());
        Assert.Equal(0, random.Next(1));
    }

    [Fact]
    public void ASeededRandomRepeatsItsSequenceAndStaysInRange()
    {
        int[] first = Draw(new SystemRandom(1234));
        int[] again = Draw(new SystemRandom(1234));

        Assert.Equal(first, again);
        Assert.All(first, v => Assert.InRange(v, 0, 6));
        Assert.Equal(7, first.Distinct().Count());
        Assert.Equal(0, new SystemRandom(1).Next(0));

        static int[] Draw(SystemRandom random) => Enumerable.Range(0, 200).Select(_ => random.Next(7)).ToArray();
    }

    [Fact]
    public void DeviceKeepsRunningWhenTheSerialLineCloses()
    {
        using var dir = new TempDir();
        var serial = new MemorySerialLine();
        var log = new RecordingLog();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var device = VirtualDeviceRunner.Start(dir.File("settings.txt"), null, serial, log, stop.Token);
        Assert.StartsWith("OK HELLO", serial.Send("HELLO"));

        serial.Close();

        Assert.True(Wait.Until(() => log.Text.Contains("serial line closed", StringComparison.Ordinal), TimeSpan.FromSeconds(10)), log.Text);
        Assert.False(device.Completion.IsCompleted);
        Assert.Contains("state=Provisioning", device.DescribeStatus());
    }
}
