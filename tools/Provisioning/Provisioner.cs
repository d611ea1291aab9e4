using AwsIotDevice.SerialLines;

namespace AwsIotDevice.Provisioning;

/// <summary>
/// The logic of <c>iotctl provision</c>, independent of the command-line parser: HELLO, the credential-binding
/// preflight (<see cref="CredentialPreflight"/>), the SETs of a <see cref="ProvisionPlan"/>, COMMIT, optionally STATUS. One progress line per step on the output writer; on any
/// refusal or failure one line on the error writer, ABORT when something was staged, and a non-zero exit code.
/// Secrets are shown only as &lt;secret&gt; (the device itself never echoes them).
/// </summary>
public static class Provisioner
{
    /// <summary>Everything was sent and committed (or the status printed).</summary>
    public const int ExitOk = 0;

    /// <summary>The device refused a command (ERR), did not answer, or did not speak the protocol.</summary>
    public const int ExitDeviceFailed = 1;

    /// <summary>Bad arguments, files, keys or port: nothing was sent.</summary>
    public const int ExitBadInput = 2;

    /// <summary>
    /// Builds the plan, opens <see cref="ProvisionRequest.Port"/> and provisions. <paramref name="errorPrefix"/> starts
    /// every error line (e.g. "iotctl provision"). Never throws for bad input or device failures.
    /// </summary>
    public static int Run(ProvisionRequest request, TextWriter output, TextWriter error, string errorPrefix = "iotctl provision", ProvisioningTimeouts? timeouts = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ProvisionPlan plan;
        ISerialChannel port;
        try
        {
            plan = ProvisionPlan.From(request);
            port = SerialPortChannel.Open(request.Port, request.Baud);
        }
        catch (ProvisioningException e)
        {
            error.WriteLine($"{errorPrefix}: {e.Message}");
            return ExitBadInput;
        }
        catch (SerialLineException e)
        {
            error.WriteLine($"{errorPrefix}: {e.Message}");
            return ExitBadInput;
        }
        catch (PlatformNotSupportedException e)
        {
            error.WriteLine($"{errorPrefix}: {e.Message}");
            return ExitBadInput;
        }

        using (port)
        {
            var client = new ProvisioningClient(port, timeouts, request.Baud);
            return Execute(plan, client, output, error, errorPrefix);
        }
    }

    /// <summary>
    /// Runs <paramref name="plan"/> over an open <paramref name="client"/> (e.g. on a pseudo-terminal). Returns
    /// <see cref="ExitOk"/>, <see cref="ExitDeviceFailed"/> or <see cref="ExitBadInput"/>.
    /// </summary>
    public static int Execute(ProvisionPlan plan, ProvisioningClient client, TextWriter output, TextWriter error, string errorPrefix = "iotctl provision")
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(client);
        bool staged = false;
        try
        {
            HelloInfo hello = client.Hello();
            output.WriteLine($"HELLO {client.PortName}: OK protocol={hello.Protocol} device={hello.Device}");
            // Refused before the first SET rather than at COMMIT: the device keeps its credentials with their endpoint.
            string? rebound = CredentialPreflight.Check(plan, client);
            if (rebound is not null)
            {
                error.WriteLine($"{errorPrefix}: {rebound}");
                return ExitBadInput;
            }

            if (plan.SignedWith is not null)
            {
                output.WriteLine($"SIGN aws.token with {plan.SignedWith}: aws.signature=<secret>");
            }

            foreach (KeyValuePair<string, string> setting in plan.Settings)
            {
                string step = ProvisioningClient.Describe(setting.Key, setting.Value);
                staged = true;
                DeviceReply reply = client.Set(setting.Key, setting.Value);
                if (!Report(step, reply, output, error, errorPrefix))
                {
                    return AbortAfterRefusal(client, output, error, errorPrefix);
                }
            }

            if (plan.Settings.Count > 0)
            {
                DeviceReply commit = client.Commit();
                if (!Report("COMMIT", commit, output, error, errorPrefix))
                {
                    return AbortAfterRefusal(client, output, error, errorPrefix);
                }

                staged = false;
            }

            if (plan.Status)
            {
                DeviceReply status = client.Status();
                if (!Report("STATUS", status, output, error, errorPrefix))
                {
                    return ExitDeviceFailed;
                }
            }

            return ExitOk;
        }
        catch (ProvisioningException e)
        {
            error.WriteLine($"{errorPrefix}: {e.Message}");

            // On a closed line an ABORT can only fail (slowly); the device drops staged changes when it restarts.
            if (staged && e.Kind != ProvisioningFailure.LineClosed)
            {
                TryAbort(client, output, error, errorPrefix);
            }

            return e.Kind == ProvisioningFailure.BadInput ? ExitBadInput : ExitDeviceFailed;
        }
        catch (SerialLineException e)
        {
            error.WriteLine($"{errorPrefix}: {e.Message}");
            return ExitDeviceFailed;
        }
    }

    private static bool Report(string step, DeviceReply reply, TextWriter output, TextWriter error, string errorPrefix)
    {
        if (reply.IsOk)
        {
            output.WriteLine(reply.Message.Length == 0 ? $"{step}: OK" : $"{step}: OK {reply.Message}");
            return true;
        }

        error.WriteLine($"{errorPrefix}: {step}: the device refused ({reply.Code}): {reply.Message}");
        return false;
    }

    private static int AbortAfterRefusal(ProvisioningClient client, TextWriter output, TextWriter error, string errorPrefix)
    {
        TryAbort(client, output, error, errorPrefix);
        return ExitDeviceFailed;
    }

    // The staged changes must not linger on the device for a later COMMIT (from another tool run) to pick up.
    private static void TryAbort(ProvisioningClient client, TextWriter output, TextWriter error, string errorPrefix)
    {
        try
        {
            DeviceReply reply = client.Abort();
            if (reply.IsOk)
            {
                output.WriteLine("ABORT: OK staged changes dropped; the device keeps its previous settings");
            }
            else
            {
                error.WriteLine($"{errorPrefix}: ABORT: the device refused ({reply.Code}): {reply.Message}");
            }
        }
        catch (Exception e) when (e is ProvisioningException or SerialLineException)
        {
            error.WriteLine($"{errorPrefix}: ABORT failed too ({e.Message}); the device drops staged changes when it restarts");
        }
    }
}
