using System.Diagnostics;
using System.Text;

namespace AwsIotDevice.TestSupport;

/// <summary>The real openssl command line (installed by .ci/install), bounded in time: the reference our signing must equal.</summary>
public static class OpenSsl
{
    /// <summary>Runs <c>openssl ARGS</c> with <paramref name="stdin"/>; returns its standard output. Throws on a non-zero exit.</summary>
    public static byte[] Run(byte[]? stdin, params string[] args)
    {
        var info = new ProcessStartInfo(ExternalProcess.Find("openssl"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(info) ?? throw new InvalidOperationException("openssl did not start");
        using (Stream input = process.StandardInput.BaseStream)
        {
            if (stdin is not null)
            {
                input.Write(stdin);
            }
        }

        var output = new MemoryStream();
        Task copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("openssl did not finish within 60 s");
        }

        copy.Wait();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl {string.Join(' ', args)} failed ({process.ExitCode}): {error.Result}");
        }

        return output.ToArray();
    }

    /// <summary><c>printf %s TOKEN | openssl dgst -sha256 -sign KEY | base64</c>.</summary>
    public static string SignBase64(string keyFile, string token) =>
        Convert.ToBase64String(Run(Encoding.UTF8.GetBytes(token), "dgst", "-sha256", "-sign", keyFile));
}
