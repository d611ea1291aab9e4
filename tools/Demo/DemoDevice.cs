using AwsIotDevice.Core.Settings;
using AwsIotDevice.Core.Supervision;
using AwsIotDevice.Provisioning;
using AwsIotDevice.SerialLines;
using AwsIotDevice.VirtualDevice;

namespace AwsIotDevice.Demo;

/// <summary>
/// A virtual device that starts with NO settings and a pseudo-terminal as its provisioning UART, exactly as a new
/// board on the bench: <see cref="Provision"/> talks to it through the pty with the real protocol (HELLO, SET ...,
/// COMMIT) using the host tool's <see cref="ProvisioningClient"/>.
/// </summary>
internal sealed class DemoDevice : IDisposable
{
    private readonly PseudoTerminal _pty;

    private DemoDevice(PseudoTerminal pty, VirtualDeviceRunner runner, string settingsPath)
    {
        _pty = pty;
        Runner = runner;
        SettingsPath = settingsPath;
    }

    /// <summary>The running virtual device (status, supervisor, link for fault injection).</summary>
    public VirtualDeviceRunner Runner { get; }

    /// <summary>The device's settings file (created by COMMIT).</summary>
    public string SettingsPath { get; }

    /// <summary>The path a tool opens to talk to the device's provisioning line.</summary>
    public string SerialPath => _pty.SlavePath;

    /// <summary>The supervisor's current status.</summary>
    public SupervisorStatus Status => Runner.GetStatus();

    /// <summary>
    /// Starts a device with an empty settings file in <paramref name="directory"/>, trusting <paramref name="caFile"/>;
    /// <paramref name="loopbackHost"/> (e.g. the emulator's domain-configuration name) resolves to 127.0.0.1;
    /// <paramref name="backoff"/> replaces the board's backoff bounds (null: the defaults).
    /// </summary>
    /// <exception cref="PlatformNotSupportedException">No pseudo-terminals here (Windows).</exception>
    public static DemoDevice Start(string directory, string caFile, DeviceLogRecorder log, CancellationToken cancellationToken, string? loopbackHost = null, BackoffOptions? backoff = null)
    {
        string settingsPath = Path.Combine(directory, "device-settings.txt");
        PseudoTerminal pty = PseudoTerminal.OpenPair();
        try
        {
            var runner = VirtualDeviceRunner.Start(
                new VirtualDeviceOptions
                {
                    SettingsPath = settingsPath,
                    Trust = TrustAnchors.FromPemFile(caFile),
                    Serial = new SerialLineReader(pty.Master),
                    Log = log,
                    LinkOptions = loopbackHost is null ? null : new HostLinkOptions { Resolver = HostLinkOptions.Loopback(loopbackHost) },
                    Backoff = backoff,
                },
                cancellationToken);
            return new DemoDevice(pty, runner, settingsPath);
        }
        catch
        {
            pty.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Provisions the device over its pseudo-terminal: HELLO, STATUS, each SET, COMMIT. <paramref name="progress"/>
    /// gets one secret-free line per exchange. Throws <see cref="DemoException"/> when the device refuses, <see cref="ProvisioningException"/> when it does not answer.
    /// </summary>
    public void Provision(IReadOnlyList<KeyValuePair<string, string>> settings, Action<string> progress)
    {
        using ISerialChannel port = SerialPortChannel.Open(_pty.SlavePath, Core.Provisioning.ProvisioningProtocol.BaudRate);
        var client = new ProvisioningClient(port);
        HelloInfo hello = client.Hello();
        progress($"HELLO -> device={hello.Device} protocol={hello.Protocol} on {_pty.SlavePath}");
        DeviceReply status = client.Status();
        progress($"STATUS -> {Shorten(status.Message)}");
        foreach (var (key, value) in settings)
        {
            DeviceReply reply = client.Set(key, value);
            string shown = ProvisioningClient.Describe(key, value);
            if (!reply.IsOk)
            {
                throw new DemoException($"provisioning: {shown} refused by the device: {reply.Line}");
            }

            progress($"{shown} -> OK");
        }

        DeviceReply commit = client.Commit();
        if (!commit.IsOk)
        {
            throw new DemoException($"provisioning: COMMIT refused by the device: {commit.Line}");
        }

        progress($"COMMIT -> OK (written atomically to {SettingsPath})");
    }

    /// <summary>
    /// The settings a demo device needs to reach the emulator as <paramref name="clientId"/> in <paramref name="mode"/>
    /// (wss and alpn: the default endpoint, localhost; domain: the emulator's domain configuration).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> SettingsFor(DemoEmulator emulator, string clientId, string topic, int intervalSeconds, string mode = DeviceSettings.ModeWss)
    {
        (string token, string signature) = emulator.SignToken(clientId);
        return
        [
            new(SettingKeys.WifiSsid, "demo-lan"),
            new(SettingKeys.AwsEndpoint, mode == DeviceSettings.ModeDomain ? emulator.Init.DomainName : emulator.Host),
            new(SettingKeys.AwsPort, emulator.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(SettingKeys.AwsMode, mode),
            new(SettingKeys.AwsWssCredentials, DeviceSettings.WssCredentialsHeaders),
            new(SettingKeys.AwsAuthorizer, emulator.Init.AuthorizerName),
            new(SettingKeys.AwsTokenKeyName, emulator.Init.TokenKeyName),
            new(SettingKeys.AwsToken, token),
            new(SettingKeys.AwsSignature, signature),
            new(SettingKeys.MqttClientId, clientId),
            new(SettingKeys.MqttKeepAliveSeconds, "30"),
            new(SettingKeys.TelemetryTopic, topic),
            new(SettingKeys.TelemetryIntervalSeconds, intervalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(SettingKeys.TelemetryQos, "1"),
        ];
    }

    public void Dispose()
    {
        Runner.Stop();
        _pty.Dispose();
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..117] + "...";
}
