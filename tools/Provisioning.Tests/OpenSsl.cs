using System.Diagnostics;

namespace AwsIotDevice.Provisioning.Tests;

/// <summary>Runs the openssl command line (installed by .ci/install) with a time limit.</summary>
internal static class OpenSsl
{
    /// <summary><c>printf %s TOKEN | openssl dgst -sha256 -sign KEY | base64</c>.</summary>
    public static string SignBase64(string keyFile, string token)
    {
        var start = new ProcessStartInfo("openssl", ["dgst", "-sha256", "-sign", keyFile])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("openssl did not start (is it installed? see .ci/install)");
        process.StandardInput.Write(token);
        process.StandardInput.Close();
        using var signature = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(signature);
        if (!process.WaitForExit(10_000))
        {
            process.Kill();
            throw new TimeoutException("openssl did not finish within 10 s");
        }

        Assert.Equal(0, process.ExitCode);
        return Convert.ToBase64String(signature.ToArray());
    }
}
