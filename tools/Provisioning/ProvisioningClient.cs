using System.Diagnostics;
using System.Globalization;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Provisioning;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.SerialLines;

namespace AwsIotDevice.Provisioning;

/// <summary>
/// Speaks the provisioning protocol (<see cref="ProvisioningProtocol"/>) to a device: one command line out, one
/// reply line back, each within its timeout (<see cref="ProvisioningTimeouts"/>). Device refusals come back as
/// <see cref="DeviceReply"/> with <see cref="DeviceReply.IsOk"/> false; no answer, a closed line or a reply that is
/// not the protocol throws <see cref="ProvisioningException"/>. Values are escaped with
/// <see cref="SettingsCodec.EscapeValue"/>. Nothing here writes output, so no secret can leak from it: callers
/// describe commands with <see cref="Describe"/>. One thread uses a client at a time.
/// </summary>
public sealed class ProvisioningClient
{
    private const string SecretShown = "<secret>";

    private readonly ISerialLine _line;
    private readonly int _baud;

    /// <summary>
    /// A client on <paramref name="line"/>; <paramref name="portName"/> and <paramref name="baud"/> are only used in
    /// messages (the port is opened and configured by the caller).
    /// </summary>
    public ProvisioningClient(ISerialLine line, string portName, ProvisioningTimeouts? timeouts = null, int baud = ProvisioningProtocol.BaudRate)
    {
        _line = line ?? throw new ArgumentNullException(nameof(line));
        PortName = portName ?? throw new ArgumentNullException(nameof(portName));
        Timeouts = timeouts ?? ProvisioningTimeouts.Default;
        _baud = baud;
    }

    /// <summary>A client on <paramref name="port"/> through a <see cref="SerialLineReader"/>.</summary>
    public ProvisioningClient(ISerialChannel port, ProvisioningTimeouts? timeouts = null, int baud = ProvisioningProtocol.BaudRate)
        : this(new SerialLineReader(port), port.Name, timeouts, baud)
    {
    }

    /// <summary>The port, for messages.</summary>
    public string PortName { get; }

    /// <summary>The reply timeouts in use.</summary>
    public ProvisioningTimeouts Timeouts { get; }

    /// <summary>
    /// <c>SET key=value</c> for progress lines, or <c>SET key=&lt;secret&gt;</c> for a secret key
    /// (<see cref="SettingKeys.IsSecret"/>); the value is escaped so it stays on one line.
    /// </summary>
    public static string Describe(string key, string value) =>
        $"{ProvisioningProtocol.Set} {key}={(SettingKeys.IsSecret(key) ? SecretShown : SettingsCodec.EscapeValue(value))}";

    /// <summary>
    /// Sends HELLO (after a blank line that ends any half-received line on the device) and checks the protocol
    /// version. Lines that are not replies (boot messages) are skipped while waiting.
    /// </summary>
    /// <exception cref="ProvisioningException">No answer within <see cref="ProvisioningTimeouts.Hello"/>, a device
    /// refusal, or a protocol version this tool does not speak.</exception>
    public HelloInfo Hello()
    {
        Drain();
        _line.WriteLine(string.Empty);
        _line.WriteLine(ProvisioningProtocol.Hello);
        DeviceReply? reply = WaitForReply(ProvisioningProtocol.Hello, Timeouts.Hello, skipNonReplies: true, sentSecret: null);
        if (reply is null)
        {
            string speed = _baud == ProvisioningProtocol.BaudRate
                ? $"{_baud} baud"
                : $"{_baud} baud (the firmware uses {ProvisioningProtocol.BaudRate})";
            throw new ProvisioningException(
                $"no answer from the device on {PortName} within {Seconds(Timeouts.Hello)} s: is it in provisioning mode (hold the provisioning pin at reset), wired RX<->TX, {speed}?",
                ProvisioningFailure.Communication);
        }

        if (!reply.IsOk || !HelloInfo.TryParse(reply.Message, out HelloInfo info))
        {
            throw new ProvisioningException($"the device on {PortName} answered HELLO with '{Clip(reply.Line)}': is this port the device's provisioning UART?", ProvisioningFailure.Communication);
        }

        if (info.Protocol != ProvisioningProtocol.Version)
        {
            throw new ProvisioningException(
                $"the device on {PortName} speaks provisioning protocol {info.Protocol}, this tool speaks {ProvisioningProtocol.Version}: use the iotctl built from the same source as the firmware",
                ProvisioningFailure.Communication);
        }

        return info;
    }

    /// <summary><c>GET key</c>: the reply's message is <c>key=value</c> (secrets shown as &lt;set&gt;/&lt;not set&gt;).</summary>
    public DeviceReply Get(string key)
    {
        CheckKey(key);
        return Send($"{ProvisioningProtocol.Get} {key}", Timeouts.Command);
    }

    /// <summary>
    /// <c>SET key value</c> with the value escaped. Refused locally (<see cref="ProvisioningFailure.BadInput"/>,
    /// nothing sent) when <see cref="SettableProblem"/> finds a problem.
    /// </summary>
    public DeviceReply Set(string key, string value)
    {
        CheckKey(key);
        value ??= string.Empty;
        string? problem = SettableProblem(key, value);
        if (problem is not null)
        {
            throw new ProvisioningException(problem, ProvisioningFailure.BadInput);
        }

        string line = SetLine(key, value);
        return Send(line, Timeouts.Command, SettingKeys.IsSecret(key) ? value : null);
    }

    /// <summary>
    /// Why <c>SET key value</c> cannot be sent faithfully (the line would be longer than
    /// <see cref="ProvisioningProtocol.MaxLineLength"/>, or the value ends in white space, which the device trims from
    /// every line), or null when it can. The message names the key, never a secret value (nor a secret's length).
    /// </summary>
    public static string? SettableProblem(string key, string value)
    {
        value ??= string.Empty;
        if (value.Length > 0 && char.IsWhiteSpace(value[^1]))
        {
            return $"{Describe(key, value)}: the value ends with white space, which the device's line protocol trims: remove it (a Wi-Fi passphrase with a trailing space cannot be provisioned over serial)";
        }

        string line = SetLine(key, value);
        if (line.Length > ProvisioningProtocol.MaxLineLength)
        {
            string size = SettingKeys.IsSecret(key) ? "too long" : $"{SettingsCodec.EscapeValue(value).Length} characters once escaped";
            return $"{Describe(key, value)}: the value is {size}; the device accepts command lines of at most {ProvisioningProtocol.MaxLineLength} characters";
        }

        return null;
    }

    /// <summary><c>COMMIT</c>: validate and store the staged settings; on ERR the device keeps its previous settings.</summary>
    public DeviceReply Commit() => Send(ProvisioningProtocol.Commit, Timeouts.Commit);

    /// <summary><c>ABORT</c>: drop the staged changes.</summary>
    public DeviceReply Abort() => Send(ProvisioningProtocol.Abort, Timeouts.Command);

    /// <summary><c>STATUS</c>: one secret-free line about the device's state.</summary>
    public DeviceReply Status() => Send(ProvisioningProtocol.Status, Timeouts.Command);

    /// <summary><c>REBOOT</c>: the device answers, then restarts.</summary>
    public DeviceReply Reboot() => Send(ProvisioningProtocol.Reboot, Timeouts.Command);

    /// <summary>
    /// Sends <paramref name="commandLine"/> exactly as given (no escaping, no checks) and waits for its reply.
    /// For diagnostics and tests; never pass a line holding a secret unless it is named in
    /// <paramref name="secretInLine"/>, which is then hidden from any error message.
    /// </summary>
    /// <exception cref="ProvisioningException">No reply in time, the line closed, or the reply is not the protocol.</exception>
    public DeviceReply Send(string commandLine, TimeSpan timeout, string? secretInLine = null)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        string verb = Verb(commandLine);
        Drain();
        _line.WriteLine(commandLine);
        DeviceReply? reply = WaitForReply(verb, timeout, skipNonReplies: false, sentSecret: secretInLine);
        return reply ?? throw new ProvisioningException(
            $"no answer from the device on {PortName} to {verb} within {Seconds(timeout)} s: was it reset or unplugged? Run the command again",
            ProvisioningFailure.Communication);
    }

    private static string SetLine(string key, string value)
    {
        string escaped = SettingsCodec.EscapeValue(value);
        return escaped.Length == 0 ? $"{ProvisioningProtocol.Set} {key}" : $"{ProvisioningProtocol.Set} {key} {escaped}";
    }

    private static void CheckKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException("a setting key has no white space or control characters", nameof(key));
        }
    }

    private static string Verb(string commandLine)
    {
        string trimmed = commandLine.Trim();
        int space = trimmed.IndexOf(' ');
        string verb = space < 0 ? trimmed : trimmed[..space];
        return verb.Length == 0 ? "an empty line" : Clip(verb);
    }

    private static string Seconds(TimeSpan timeout) => timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Clip(string text) => text.Length <= 80 ? text : text[..77] + "...";

    // Answers to earlier commands that came after their timeout would otherwise be taken as this command's reply.
    private void Drain()
    {
        for (int i = 0; i < 1000 && _line.ReadLine(0, ProvisioningProtocol.MaxLineLength, out _) is LineStatus.Line or LineStatus.Overflow; i++)
        {
        }
    }

    private DeviceReply? WaitForReply(string verb, TimeSpan timeout, bool skipNonReplies, string? sentSecret)
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            long remainingMs = Math.Max(0, (deadline - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency);
            LineStatus status = _line.ReadLine((int)Math.Min(remainingMs, int.MaxValue), ProvisioningProtocol.MaxLineLength, out string text);
            switch (status)
            {
                case LineStatus.Timeout:
                    return null;
                case LineStatus.Closed:
                    throw new ProvisioningException($"{PortName} closed while waiting for the answer to {verb}: was the device unplugged or reset? reconnect it and run the command again", ProvisioningFailure.LineClosed);
                case LineStatus.Overflow:
                    if (skipNonReplies)
                    {
                        continue;
                    }

                    throw new ProvisioningException($"the device on {PortName} answered {verb} with a line longer than {ProvisioningProtocol.MaxLineLength} characters: is this port the device's provisioning UART?", ProvisioningFailure.Communication);
            }

            if (text.Trim().Length == 0)
            {
                continue;
            }

            if (DeviceReply.TryParse(text, out DeviceReply reply))
            {
                return reply;
            }

            if (!skipNonReplies)
            {
                throw new ProvisioningException(
                    $"the device on {PortName} answered {verb} with '{Redact(text, sentSecret)}', which is neither OK nor ERR: is something else (a console, a boot log, an echo) on this port?",
                    ProvisioningFailure.Communication);
            }
        }
    }

    // An echoing line or a confused peer could send our own command back: never let a secret through that way.
    private static string Redact(string text, string? secret)
    {
        if (!string.IsNullOrEmpty(secret))
        {
            text = text.Replace(SettingsCodec.EscapeValue(secret), SecretShown, StringComparison.Ordinal)
                       .Replace(secret, SecretShown, StringComparison.Ordinal);
            if (text.StartsWith(ProvisioningProtocol.Set + " ", StringComparison.OrdinalIgnoreCase))
            {
                return "(an echo of the SET command)";
            }
        }

        return Clip(text);
    }
}
