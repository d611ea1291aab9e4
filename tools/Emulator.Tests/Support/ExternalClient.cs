using System.Diagnostics;

namespace AwsIotDevice.Emulator.Tests.Support;

/// <summary>Runs a third-party client binary (mosquitto_pub, python3) bounded in time; the process tree is killed on timeout.</summary>
public static class ExternalClient
{
    /// <summary>Exit code and output of <paramref name="file"/>; fails the test when the binary is missing or overruns <paramref name="seconds"/>.</summary>
    public static async Task<(int Code, string Out, string Err)> RunAsync(string file, IEnumerable<string> args, int seconds = 20, IDictionary<string, string>? env = null)
    {
        if (!File.Exists(file)) Assert.Fail($"{file} is missing: apt-get install -y mosquitto-clients python3-paho-mqtt");
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (env is not null) foreach (var kv in env) psi.Environment[kv.Key] = kv.Value;
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try { await p.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { p.Kill(true); Assert.Fail($"{Path.GetFileName(file)} did not finish within {seconds} s"); }
        return (p.ExitCode, await stdout, await stderr);
    }
}
