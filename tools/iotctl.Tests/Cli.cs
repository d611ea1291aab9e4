using System.Diagnostics;

namespace AwsIotDevice.Iotctl.Tests;

/// <summary>Runs iotctl in-process (captured streams) or as a real process.</summary>
internal static class Cli
{
    public sealed record Result(int ExitCode, string Out, string Err)
    {
        public string All => Out + Err;
    }

    public static Result Run(params string[] args) => RunWithInput(string.Empty, args);

    public static Result RunWithInput(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = IotctlApp.Run(args, new StringReader(stdin), output, error);
        return new Result(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs the built iotctl.dll with 'dotnet', bounded to 60 s.</summary>
    public static Result RunProcess(string stdin, params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "iotctl.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(info)!;
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("iotctl did not finish within 60 s");
        }

        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static readonly TempDirectories TempDirs = new("iotctl-tests-");

    /// <summary>A fresh directory, deleted when the test process exits (it may hold test private keys).</summary>
    public static string TempDir() => TempDirs.Create();

    /// <summary>Asserts the failure is one line on stderr, nothing on stdout, and no stack trace.</summary>
    public static void AssertOneLineError(Result result, int exitCode, string contains)
    {
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal(string.Empty, result.Out);
        string[] lines = result.Err.TrimEnd('\n', '\r').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("iotctl", lines[0]);
        Assert.Contains(contains, lines[0]);
        Assert.DoesNotContain("   at ", result.Err);
        Assert.DoesNotContain("Exception", result.Err);
    }

    /// <summary>The base64 body lines of a PEM text.</summary>
    public static IEnumerable<string> SecretLines(string pem) =>
        pem.Split('\n').Select(l => l.Trim()).Where(l => l.Length >= 16 && !l.StartsWith("-----", StringComparison.Ordinal));
}
