using System.Diagnostics;
using System.Text;

namespace AwsIotDevice.Emulator.MqttCodec.Tests.Support;

/// <summary>
/// A child process (mosquitto, mosquitto_pub) with captured output, killed on dispose if still running.
/// Missing binaries fail the test (never skip) with the command that installs them.
/// </summary>
internal sealed class ExternalProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ExternalProcess(Process p)
    {
        _process = p;
        p.OutputDataReceived += (_, e) => Append(e.Data);
        p.ErrorDataReceived += (_, e) => Append(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static ExternalProcess Start(string binary, params string[] args)
    {
        var psi = new ProcessStartInfo(Find(binary))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        return new ExternalProcess(Process.Start(psi) ?? throw new InvalidOperationException($"could not start {binary}"));
    }

    public async Task WaitForExitAsync(CancellationToken ct)
    {
        await _process.WaitForExitAsync(ct);
        _process.WaitForExit(); // flush the async output readers
    }

    /// <summary>Full path of <paramref name="name"/> from PATH or the sbin directories (mosquitto lives in /usr/sbin).</summary>
    public static string Find(string name)
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Concat(["/usr/sbin", "/usr/local/sbin", "/sbin", "/usr/bin", "/usr/local/bin"]);
        foreach (var d in dirs.Where(d => d.Length > 0))
        {
            var path = Path.Combine(d, name);
            if (File.Exists(path)) return path;
        }
        Assert.Fail($"'{name}' is not installed: run .ci/run, or `apt-get install -y mosquitto mosquitto-clients`, then rerun the tests.");
        return "";
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }
}
