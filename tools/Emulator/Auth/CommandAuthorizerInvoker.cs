using System.Diagnostics;
using System.Text;
using AwsIotDevice.Emulator.Config;

namespace AwsIotDevice.Emulator.Auth;

/// <summary>
/// An external authorizer process: gets the AWS event JSON on stdin, must print the response JSON on stdout
/// and exit 0 within the timeout (default 5 s, AWS's limit). Its stderr is drained and dropped (it could echo secrets).
/// </summary>
public sealed class CommandAuthorizerInvoker : IAuthorizerInvoker
{
    private const int MaxOutputChars = 64 * 1024;
    private readonly string _baseDirectory;

    /// <summary>Creates the invoker; relative command paths resolve against <paramref name="baseDirectory"/>.</summary>
    public CommandAuthorizerInvoker(string baseDirectory) => _baseDirectory = baseDirectory;

    /// <inheritdoc />
    public async Task<AuthorizerInvocation> InvokeAsync(LoadedAuthorizer authorizer, string eventJson, CancellationToken cancellationToken)
    {
        var cmd = authorizer.Config.Command ?? throw new InvalidOperationException("authorizer has no command");
        string path = cmd.Path.Contains('/') ? ConfigLoader.Resolve(_baseDirectory, cmd.Path) : cmd.Path;
        var psi = new ProcessStartInfo(path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            WorkingDirectory = _baseDirectory,
        };
        foreach (var a in cmd.Args) psi.ArgumentList.Add(a);

        Process process;
        try { process = Process.Start(psi) ?? throw new InvalidOperationException(); }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return AuthorizerInvocation.Failed($"authorizer command '{cmd.Path}' could not be started ({e.Message})");
        }

        using (process)
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(cmd.TimeoutSeconds));
            try
            {
                var stdout = ReadLimitedAsync(process.StandardOutput, timeout.Token);
                var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
                try
                {
                    await process.StandardInput.WriteAsync(eventJson.AsMemory(), timeout.Token).ConfigureAwait(false);
                    process.StandardInput.Close();
                }
                catch (IOException) { /* the process may exit without reading stdin; its output decides */ }
                string output = await stdout.ConfigureAwait(false);
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                try { await stderr.ConfigureAwait(false); } catch (IOException) { }
                if (process.ExitCode != 0)
                    return AuthorizerInvocation.Failed($"authorizer command exited with code {process.ExitCode} (AWS treats a failing Lambda as a refusal)");
                if (output.Length >= MaxOutputChars)
                    return AuthorizerInvocation.Failed($"authorizer command printed more than {MaxOutputChars} characters");
                return AuthorizerInvocation.Returned(output.Trim());
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Kill(process);
                return AuthorizerInvocation.Failed($"authorizer command did not answer within {cmd.TimeoutSeconds} s (AWS's authorizer timeout is 5 s)");
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                throw;
            }
        }
    }

    private static async Task<string> ReadLimitedAsync(StreamReader reader, CancellationToken ct)
    {
        var sb = new StringBuilder();
        var buffer = new char[4096];
        while (sb.Length < MaxOutputChars)
        {
            int n = await reader.ReadAsync(buffer.AsMemory(), ct).ConfigureAwait(false);
            if (n == 0) break;
            sb.Append(buffer, 0, n);
        }
        return sb.ToString();
    }

    private static void Kill(Process p)
    {
        try { if (!p.HasExited) p.Kill(entireProcessTree: true); }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception) { }
    }
}
