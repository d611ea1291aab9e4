using System.Diagnostics;

namespace AwsIotDevice.Emulator.Lambda;

/// <summary>
/// One execution environment: the package's <c>bootstrap</c> started as Lambda starts it, in the package directory
/// with a clean environment (Lambda's standard variables, the function's own, and AWS_LAMBDA_RUNTIME_API), its stdout
/// and stderr read line by line (in Lambda they go to CloudWatch Logs).
/// </summary>
internal sealed class FunctionProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FunctionProcess(Process process) => _process = process;

    /// <summary>Completes with the exit code when the process ends.</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>
    /// Starts <c>bootstrap</c> in <paramref name="directory"/> with exactly <paramref name="environment"/>;
    /// <paramref name="onLine"/> receives every output line (on a pool thread).
    /// </summary>
    public static FunctionProcess Start(string directory, IReadOnlyDictionary<string, string> environment, Action<string> onLine)
    {
        var psi = new ProcessStartInfo(Path.Combine(directory, LambdaPackage.Bootstrap))
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment.Clear();
        foreach (KeyValuePair<string, string> variable in environment)
        {
            psi.Environment[variable.Key] = variable.Value;
        }

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var running = new FunctionProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data); };
        process.Exited += (_, _) => running._exited.TrySetResult(SafeExitCode(process));
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new LambdaPackageException($"the package's bootstrap could not be started ({e.Message})");
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Ends the environment (as Lambda does after a timeout or an error).</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static int SafeExitCode(Process process)
    {
        try
        {
            return process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }
}
