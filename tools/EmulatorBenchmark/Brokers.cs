using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using AwsIotDevice.Emulator.Config;
using AwsIotDevice.Emulator.Server;
using AwsIotDevice.Emulator.Logging;

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
/// mosquitto 2.0 as a child process with a temporary config: TLS listener on 127.0.0.1 with the emulator init's
/// CA and server certificate/key, anonymous access. Killed on dispose.
/// </summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _configFile;

    private MosquittoBroker(Process process, string configFile, int port)
    {
        _process = process;
        _configFile = configFile;
        Port = port;
    }

    /// <summary>The listener port.</summary>
    public int Port { get; }

    /// <summary>CPU time mosquitto has used so far.</summary>
    public TimeSpan Cpu
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Starts mosquitto and waits (at most 10 s) until its port accepts TCP.</summary>
    public static async Task<MosquittoBroker> StartAsync(string binary, string dir, CancellationToken ct)
    {
        if (!File.Exists(binary))
        {
            throw new BenchmarkException($"mosquitto not found at {binary}; install mosquitto 2.x or pass --mosquitto PATH");
        }

        int port = FreePort();
        string configFile = Path.Combine(dir, "mosquitto-bench.conf");
        // Running as root, mosquitto would drop to user "mosquitto", which cannot read the 0600 key: stay as the caller.
        string user = Environment.UserName == "root" ? "user root\n" : "";
        // The emulator sets NoDelay on accepted sockets; without this mosquitto's small handshake/CONNACK writes meet
        // the client's delayed ACK and each connect stalls ~40 ms, which would measure Nagle, not mosquitto.
        File.WriteAllText(configFile,
            $"{user}set_tcp_nodelay true\nper_listener_settings false\nallow_anonymous true\npersistence false\nlog_type error\n" +
            $"listener {port} 127.0.0.1\ncafile {Path.Combine(dir, "ca.crt")}\ncertfile {Path.Combine(dir, "server.crt")}\nkeyfile {Path.Combine(dir, "server.key")}\n");
        var psi = new ProcessStartInfo(binary, ["-c", configFile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(psi) ?? throw new BenchmarkException($"could not start {binary}");
        _ = process.StandardOutput.ReadToEndAsync(ct);
        Task<string> stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var broker = new MosquittoBroker(process, configFile, port);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (process.HasExited)
            {
                string err = await stderr.ConfigureAwait(false);
                throw new BenchmarkException($"mosquitto exited with {process.ExitCode} at start: {err.Trim()}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port, ct).ConfigureAwait(false);
                return broker;
            }
            catch (SocketException)
            {
                await Task.Delay(50, ct).ConfigureAwait(false);
            }
        }

        await broker.DisposeAsync().ConfigureAwait(false);
        throw new BenchmarkException($"mosquitto did not listen on 127.0.0.1:{port} within 10 s");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or it did not die in time: nothing more to do for a benchmark.
        }

        _process.Dispose();
        File.Delete(_configFile);
    }

    // A just-released ephemeral port: a small race with other processes, acceptable for a hand-run benchmark.
    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}

/// <summary>A problem that ends the benchmark with one line (no stack trace).</summary>
internal sealed class BenchmarkException(string message) : Exception(message);
