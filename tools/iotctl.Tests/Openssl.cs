using System.Diagnostics;

namespace AwsIotDevice.Iotctl.Tests;

/// <summary>Runs the real openssl binary (bounded in time); the tests need it installed.</summary>
internal static class Openssl
{
    public static byte[] Run(byte[]? stdin, params string[] args)
    {
        var info = new ProcessStartInfo("openssl")
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

        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("openssl is not installed (apt-get install -y openssl)", e);
        }

        using (process)
        {
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
    }
}
