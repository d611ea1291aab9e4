using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AwsIotDevice.VirtualDevice.Tests.Support;

/// <summary>
/// A real mosquitto 2.x broker on 127.0.0.1 with a TLS listener whose certificate (for "localhost") is issued by a
/// test CA. Anonymous clients are allowed; everything is logged to its captured output. Killed on dispose.
/// </summary>
internal sealed class MosquittoTls : IDisposable
{
    private readonly TempDir _dir;
    private readonly ExternalProcess _process;

    private MosquittoTls(TestPki pki, int port, ExternalProcess process, string caPath, TempDir dir)
    {
        _dir = dir;
        Pki = pki;
        Port = port;
        _process = process;
        CaPath = caPath;
    }

    public TestPki Pki { get; }

    public int Port { get; }

    /// <summary>The CA file (PEM) that trusts the broker's certificate.</summary>
    public string CaPath { get; }

    /// <summary>The broker's log so far (from its log file: mosquitto flushes it per line, unlike a piped stdout).</summary>
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

    public static MosquittoTls Start()
    {
        ExternalProcess.Find("mosquitto");
        var pki = TestPki.Create();
        var dir = new TempDir();
        string ca = pki.WriteCaPem(dir.Path);
        (string cert, string key) = TestPki.WriteServerPem(pki.IssueServer("localhost"), dir.Path);

        // Started as root, mosquitto drops to the 'mosquitto' user before reading TLS files: let it reach them
        // (a throw-away test key; the directory is not listable).
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dir.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            File.WriteAllText(dir.File("mosquitto.log"), string.Empty);
            File.SetUnixFileMode(dir.File("mosquitto.log"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
            foreach (string file in new[] { ca, cert, key })
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }
        }

        for (int attempt = 0; attempt < 3; attempt++)
        {
            int port = TestPki.FreePort();
            string config = dir.File("mosquitto.conf");
            File.WriteAllText(config, string.Join('\n',
                $"listener {port} 127.0.0.1",
                $"cafile {ca}",
                $"certfile {cert}",
                $"keyfile {key}",
                "allow_anonymous true",
                "persistence false",
                "log_dest stderr",
                $"log_dest file {dir.File("mosquitto.log")}",
                "log_type all",
                string.Empty));
            var process = ExternalProcess.Start("mosquitto", "-c", config);
            if (WaitListening(port, process))
            {
                return new MosquittoTls(pki, port, process, ca, dir);
            }

            string output = process.Output;
            process.Dispose();
            if (!output.Contains("Address already in use", StringComparison.Ordinal))
            {
                dir.Dispose();
                Assert.Fail($"mosquitto did not start a TLS listener on 127.0.0.1:{port}: {output}");
            }
        }

        dir.Dispose();
        Assert.Fail("mosquitto could not find a free port in 3 attempts");
        return null!;
    }

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
                Thread.Sleep(100);
            }
        }

        return false;
    }
}
