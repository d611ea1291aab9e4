using System.Diagnostics;
using System.Text;

namespace AwsIotDevice.TestSupport;

/// <summary>
/// A third-party program the tests talk to (mosquitto, mosquitto_pub/sub, python3, socat): started in the background
/// with its output captured and killed with its children on dispose, or run to completion within a time limit.
/// A missing program fails the test (never skips) with the command that installs it.
/// </summary>
public sealed class ExternalProcess : IDisposable
{
    private const string Install = "run `bash .ci/install` (apt-get install -y mosquitto mosquitto-clients python3-paho-mqtt socat openssl), then rerun the tests";

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

    /// <summary>Standard output and error so far, interleaved by line.</summary>
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

    /// <summary>The operating system's process (e.g. for its CPU time).</summary>
    public Process Process => _process;

    /// <summary>Starts <paramref name="program"/> (a name looked up by <see cref="Find"/>, or a path).</summary>
    public static ExternalProcess Start(string program, params string[] args)
    {
        var info = StartInfo(program, args);
        return new ExternalProcess(Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}"));
    }

    /// <summary>
    /// Runs <paramref name="program"/> to completion; returns its exit code and output. Fails (throws) when it is
    /// missing or overruns <paramref name="seconds"/>, after killing it.
    /// </summary>
    public static async Task<(int Code, string Out, string Err)> RunAsync(string program, IEnumerable<string> args, int seconds = 20, IDictionary<string, string>? env = null)
    {
        var info = StartInfo(program, args);
        if (env is not null)
        {
            foreach (var (key, value) in env)
            {
                info.Environment[key] = value;
            }
        }

        using Process process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(program)} did not finish within {seconds} s");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Waits at most <paramref name="timeout"/>; true when the process exited (its output is then complete).</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        _process.WaitForExit(); // flush the asynchronous output readers
        return true;
    }

    /// <summary>Waits until the process exits or <paramref name="cancellationToken"/> fires.</summary>
    public async Task WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        _process.WaitForExit(); // flush the asynchronous output readers
    }

    /// <summary>
    /// The full path of <paramref name="program"/>: itself when it is a path, else from PATH or the sbin directories
    /// (mosquitto lives in /usr/sbin). Throws, naming the install command, when it is not there.
    /// </summary>
    public static string Find(string program)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(program) ? program : throw new InvalidOperationException($"{program} is missing: {Install}");
        }

        IEnumerable<string> directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Concat(["/usr/sbin", "/usr/local/sbin", "/sbin", "/usr/bin", "/usr/local/bin"]);
        foreach (string directory in directories.Where(d => d.Length > 0))
        {
            string path = Path.Combine(directory, program);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new InvalidOperationException($"'{program}' is not installed: {Install}");
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

    private static ProcessStartInfo StartInfo(string program, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(Find(program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
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
