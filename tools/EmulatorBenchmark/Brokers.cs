using AwsIotDevice.Emulator.Config;
using AwsIotDevice.Emulator.Server;
using AwsIotDevice.Emulator.Logging;
using AwsIotDevice.TestSupport;

namespace AwsIotDevice.EmulatorBenchmark;

/// <summary>Counts emulator log outcomes instead of keeping them: thousands of connects must not grow memory or cost formatting.</summary>
internal sealed class CountingLogSink : ILogSink
{
    private int _refused;
    private int _throttled;

    /// <summary>Connections the emulator refused or closed for a rule (any reason).</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Of those, THROTTLED (connect interval or publish rate).</summary>
    public int Throttled => Volatile.Read(ref _throttled);

    /// <inheritdoc />
    public void Write(LogEntry entry)
    {
        if (entry.Event is LogEvents.Refused or LogEvents.Denied)
        {
            Interlocked.Increment(ref _refused);
        }

        if (entry.Reason == LogReasons.Throttled)
        {
            Interlocked.Increment(ref _throttled);
        }
    }
}

/// <summary>One emulator instance in-process on an ephemeral 127.0.0.1 port.</summary>
internal sealed class EmulatorBroker : IAsyncDisposable
{
    private readonly EmulatorServer _host;

    private EmulatorBroker(EmulatorServer host, CountingLogSink log)
    {
        _host = host;
        Log = log;
    }

    /// <summary>The bound port.</summary>
    public int Port => _host.Ports[0];

    /// <summary>Outcome counters.</summary>
    public CountingLogSink Log { get; }

    /// <summary>Loads <paramref name="configFile"/> (a fresh copy each call), lets <paramref name="adjust"/> change it, starts it.</summary>
    public static async Task<EmulatorBroker> StartAsync(string configFile, Action<EmulatorConfig> adjust, CancellationToken ct)
    {
        LoadedConfig loaded = ConfigLoader.Load(configFile);
        adjust(loaded.Config);
        var log = new CountingLogSink();
        EmulatorServer host = await EmulatorServer.StartAsync(loaded, new EmulatorServerOptions { Log = log }, ct).ConfigureAwait(false);
        return new EmulatorBroker(host, log);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}

/// <summary>
/// mosquitto 2.0 (tools/TestSupport's launcher) with a TLS listener on 127.0.0.1 using the emulator init's CA and
/// server certificate/key, anonymous access, errors-only logging. Killed on dispose.
/// </summary>
internal static class MosquittoBroker
{
    /// <summary>Starts mosquitto from <paramref name="binary"/> and waits (bounded) until its port accepts TCP.</summary>
    public static Mosquitto Start(string binary, string initDir)
    {
        try
        {
            // The emulator sets NoDelay on accepted sockets; without this mosquitto's small handshake/CONNACK writes
            // meet the client's delayed ACK and each connect stalls ~40 ms, which would measure Nagle, not mosquitto.
            return Mosquitto.Start(
                new MosquittoTlsFiles(Path.Combine(initDir, "ca.crt"), Path.Combine(initDir, "server.crt"), Path.Combine(initDir, "server.key")),
                ["set_tcp_nodelay true"],
                binary,
                logAll: false);
        }
        catch (InvalidOperationException e)
        {
            throw new BenchmarkException($"{e.Message} (install mosquitto 2.x or pass --mosquitto PATH)");
        }
    }
}

/// <summary>A problem that ends the benchmark with one line (no stack trace).</summary>
internal sealed class BenchmarkException(string message) : Exception(message);
