using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AwsIotDevice.TestSupport;

/// <summary>
/// A real mosquitto 2.x broker on 127.0.0.1 (child process, temporary config, anonymous access), killed on dispose.
/// <see cref="StartTls"/> gives it a TLS listener for "localhost" from a fresh <see cref="TestPki"/>; <see cref="Start"/>
/// takes any certificate files (e.g. emulator init's) or none. Everything it logs goes to a file it flushes per line.
/// </summary>
public sealed class Mosquitto : IDisposable
{
    private readonly TempDir _dir;
    private readonly ExternalProcess _process;

    private readonly string? _caPath;

    private Mosquitto(TempDir dir, ExternalProcess process, int port, string? caPath)
    {
        _dir = dir;
        _process = process;
        Port = port;
        _caPath = caPath;
    }

    /// <summary>The listener's port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The CA file (PEM) that trusts the broker's certificate (a TLS listener only).</summary>
    public string CaPath => _caPath ?? throw new InvalidOperationException("this mosquitto listens on plain TCP: it has no CA");

    /// <summary>CPU time the broker has used so far.</summary>
    public TimeSpan Cpu
    {
        get
        {
            _process.Process.Refresh();
            return _process.Process.TotalProcessorTime;
        }
    }

    /// <summary>The broker's log so far (its log file, then what it printed).</summary>
    public string Log
    {
        get
        {
            try
            {
                using var stream = new FileStream(_dir.File("mosquitto.log"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream);
                return reader.ReadToEnd() + _process.Output;
            }
            catch (IOException)
            {
                return _process.Output;
            }
        }
    }

    /// <summary>mosquitto with a TLS listener whose certificate (for "localhost") a new test CA issued.</summary>
    public static Mosquitto StartTls()
    {
        var pki = TestPki.Create("Mosquitto Test CA");
        var dir = new TempDir("mosquitto-");
        string ca = pki.WriteCaPem(dir.Path);
        (string cert, string key) = TestPki.WriteServerPem(pki.IssueServer("localhost"), dir.Path);
        return Start(dir, new MosquittoTlsFiles(ca, cert, key), [], "mosquitto", logAll: true);
    }

    /// <summary>
    /// mosquitto with <paramref name="tls"/> (null: plain TCP) and <paramref name="extraConfig"/> lines (global
    /// options), from <paramref name="binary"/> (default: found on PATH or in /usr/sbin). <paramref name="logAll"/>
    /// false logs errors only (for load, where logging every packet would be measured).
    /// </summary>
    public static Mosquitto Start(MosquittoTlsFiles? tls = null, IReadOnlyList<string>? extraConfig = null, string binary = "mosquitto", bool logAll = true) =>
        Start(new TempDir("mosquitto-"), tls, extraConfig ?? [], binary, logAll);

    /// <summary>Waits (bounded) until the log contains <paramref name="text"/>; true when it did.</summary>
    public bool WaitForLog(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (Log.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            Thread.Sleep(50);
        }

        return Log.Contains(text, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _process.Dispose();
        _dir.Dispose();
    }

    private static Mosquitto Start(TempDir dir, MosquittoTlsFiles? tls, IReadOnlyList<string> extraConfig, string binary, bool logAll)
    {
        try
        {
            string program = ExternalProcess.Find(binary);
            for (int attempt = 0; attempt < 3; attempt++)
            {
                int port = TestPki.FreePort();
                string config = dir.File("mosquitto.conf");
                File.WriteAllLines(config, extraConfig.Concat(Config(port, tls, dir.File("mosquitto.log"), logAll)));
                var process = ExternalProcess.Start(program, "-c", config);
                if (WaitListening(port, process))
                {
                    return new Mosquitto(dir, process, port, tls?.CaFile);
                }

                string output = process.Output;
                process.Dispose();
                if (!output.Contains("Address already in use", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"mosquitto did not start a listener on 127.0.0.1:{port}: {output.Trim()}");
                }
            }

            throw new InvalidOperationException("mosquitto could not find a free port in 3 attempts");
        }
        catch
        {
            dir.Dispose();
            throw;
        }
    }

    private static IEnumerable<string> Config(int port, MosquittoTlsFiles? tls, string logFile, bool logAll)
    {
        // Started as root, mosquitto drops to user "mosquitto", which cannot read owner-only keys nor the temp dir.
        if (Environment.UserName == "root")
        {
            yield return "user root";
        }

        yield return $"listener {port} 127.0.0.1";
        if (tls is not null)
        {
            yield return $"cafile {tls.CaFile}";
            yield return $"certfile {tls.CertFile}";
            yield return $"keyfile {tls.KeyFile}";
        }

        yield return "allow_anonymous true";
        yield return "persistence false";
        yield return "log_dest stderr";
        yield return $"log_dest file {logFile}";
        yield return logAll ? "log_type all" : "log_type error";
    }

    private static bool WaitListening(int port, ExternalProcess process)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (process.HasExited)
            {
                return false;
            }

            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        return false;
    }
}

/// <summary>The PEM files of a TLS listener: the CA that clients trust, the server certificate and its key.</summary>
public sealed record MosquittoTlsFiles(string CaFile, string CertFile, string KeyFile);
