using System.Diagnostics;
using System.Text;

namespace AwsIotDevice.VirtualDevice.Tests.Support;

/// <summary>
/// A child process (mosquitto, mosquitto_sub) with captured output, killed on dispose if still running.
/// A missing binary fails the test (never skips) with the command that installs it.
/// </summary>
internal sealed class ExternalProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ExternalProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static ExternalProcess Start(string binary, params string[] args)
    {
        var info = new ProcessStartInfo(Find(binary))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return new ExternalProcess(Process.Start(info) ?? throw new InvalidOperationException($"could not start {binary}"));
    }

    /// <summary>Waits at most <paramref name="timeout"/>; true when the process exited.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        _process.WaitForExit(); // flush the asynchronous output readers
        return true;
    }

    /// <summary>Full path of <paramref name="name"/> from PATH or the sbin directories (mosquitto lives in /usr/sbin).</summary>
    public static string Find(string name)
    {
        IEnumerable<string> directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Concat(["/usr/sbin", "/usr/local/sbin", "/sbin", "/usr/bin", "/usr/local/bin"]);
        foreach (string directory in directories.Where(d => d.Length > 0))
        {
            string path = Path.Combine(directory, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        Assert.Fail($"'{name}' is not installed: run .ci/install, or `apt-get install -y mosquitto mosquitto-clients`, then rerun the tests.");
        return string.Empty;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
