using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Telemetry;

namespace AwsIotDevice.Benchmarks;

/// <summary>A clock whose Sleep only advances time, so the supervisor runs thousands of cycles at once.</summary>
internal sealed class FakeClock : IClock
{
    public long UptimeMs { get; private set; }

    public DateTime UtcNow => new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(UptimeMs);

    public void Sleep(int milliseconds) => UptimeMs += milliseconds < 0 ? 0 : milliseconds;

    public void Advance(long milliseconds) => UptimeMs += milliseconds < 0 ? 0 : milliseconds;
}

/// <summary>A link that accepts everything and keeps nothing (Core must not depend on the link copying).</summary>
internal sealed class NullLink(FakeClock clock) : IMqttLink
{
    public long Publishes { get; private set; }

    public long Bytes { get; private set; }

    public bool IsConnected { get; private set; }

    public string LastErrorDetail => string.Empty;

    public Fault Connect(MqttConnectRequest request)
    {
        IsConnected = true;
        return Fault.None;
    }

    public Fault Publish(string topic, byte[] payload, int length, int qos, int timeoutMs)
    {
        Publishes++;
        Bytes += length;
        return Fault.None;
    }

    /// <summary>The supervisor idles here while connected: time passes as in a sleep.</summary>
    public Fault Process(int timeoutMs)
    {
        clock.Advance(timeoutMs);
        return IsConnected ? Fault.None : Fault.ConnectionLost;
    }

    public void Close() => IsConnected = false;
}

internal sealed class UpNetwork : INetwork
{
    public Fault Join(string ssid, string password, int timeoutMs) => Fault.None;

    public bool IsUp => true;

    public bool IsTimeValid => true;

    public string LastErrorDetail => string.Empty;

    public string? CurrentSsid => null;

    public void Leave()
    {
    }
}

/// <summary>Four values that change every sample, with constant names, as the firmware's sensors do.</summary>
internal sealed class ChangingSensors : ISensors
{
    private const string Temperature = "temperature";
    private const string Humidity = "humidity";
    private const string Rssi = "rssi";
    private const string HeapFree = "heapFree";
    private long _n;

    public void Sample(Reading into)
    {
        _n++;
        into.Add(Temperature, 20.0 + (_n % 100) * 0.01);
        into.Add(Humidity, 40.5 + (_n % 7));
        into.Add(Rssi, -60 - (_n % 20));
        into.Add(HeapFree, 123456 - (_n % 1000));
    }
}

internal sealed class QuietLog : ILog
{
    public void Info(string message)
    {
    }

    public void Warn(string message)
    {
    }
}

internal sealed class FixedRandom : IRandomSource
{
    public int Next(int maxExclusive) => 0;
}
