using System.Collections;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Backoff;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.Core.Supervision;
using AwsIotDevice.Core.Telemetry;

namespace AwsIotDevice.VirtualDevice;

/// <summary>
/// One power-on of the virtual device: what a board has in RAM from boot to reset (uptime clock, telemetry queue,
/// backoff state, MQTT link, supervisor and its counters) and the supervisor's thread. A reboot is a new instance.
/// </summary>
internal sealed class DeviceBoot
{
    private readonly ILog _log;
    private readonly CancellationTokenSource _stop;
    private readonly Thread _thread;

    private DeviceBoot(DeviceSettings settings, string? settingsProblem, TrustAnchors trust, INetwork network, ILog log, HostLinkOptions? linkOptions, BackoffOptions? backoff, CancellationToken deviceStopping)
    {
        _log = log;
        Settings = settings;
        SettingsProblem = settingsProblem;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(deviceStopping);
        var clock = new SystemClock();
        Link = new VirtualDeviceLink(trust, linkOptions, _stop.Token);
        int capacity = settings.QueueCapacity > 0 ? settings.QueueCapacity : DeviceSettings.DefaultQueueCapacity;
        Supervisor = new Supervisor(network, Link, clock, new HostSensors(), log, new TelemetryQueue(capacity), (backoff ?? new BackoffOptions()).Create(), new ConnectGate());
        _thread = new Thread(Run) { IsBackground = true, Name = "virtual-device-supervisor" };
    }

    /// <summary>The settings read at boot (possibly incomplete); the provisioning session starts from them.</summary>
    public DeviceSettings Settings { get; }

    /// <summary>Why the stored settings cannot run (null when they were adopted).</summary>
    public string? SettingsProblem { get; private set; }

    /// <summary>The boot's MQTT link: Core's link over host TLS.</summary>
    public VirtualDeviceLink Link { get; }

    public Supervisor Supervisor { get; }

    /// <summary>Reads the settings from <paramref name="store"/>, builds the boot and starts its supervisor thread.</summary>
    public static DeviceBoot Start(FileSettingsStore store, TrustAnchors trust, INetwork network, ILog log, HostLinkOptions? linkOptions, BackoffOptions? backoff, CancellationToken deviceStopping)
    {
        (DeviceSettings settings, string? problem, bool parsedOk) = Read(store);
        var boot = new DeviceBoot(settings, problem, trust, network, log, linkOptions, backoff, deviceStopping);
        if (problem is not null)
        {
            log.Warn($"not provisioned: {problem}; waiting for provisioning (SET ..., COMMIT) on the serial line");
        }

        // Even incomplete settings go to the supervisor: its refusal is counted and shown by STATUS with the reason.
        if (parsedOk)
        {
            string? refused = boot.Supervisor.ApplySettings(settings);
            boot.SettingsProblem ??= refused;
        }

        boot._thread.Start();
        return boot;
    }

    /// <summary>Stops the supervisor (bounded), closes the link. Safe to call more than once.</summary>
    public void Stop()
    {
        _stop.Cancel();
        Supervisor.RequestStop();

        // A publish waiting for PUBACK holds the thread up to its timeout: aborting the link releases it.
        if (!_thread.Join(TimeSpan.FromMilliseconds(1500)))
        {
            Link.Abort();
            _thread.Join(TimeSpan.FromSeconds(10));
        }

        Link.Close();
    }

    private void Run()
    {
        try
        {
            Supervisor.Run(() => _stop.IsCancellationRequested);
        }
        catch (Exception e)
        {
            _log.Warn($"supervisor stopped by an unexpected {e.GetType().Name}; restart the virtual device");
        }
        finally
        {
            Link.Close();
        }
    }

    /// <summary>Why the stored settings cannot run (missing, unreadable, malformed or invalid); null when they can.</summary>
    public static string? ProblemWith(FileSettingsStore store) => Read(store).Problem;

    private static (DeviceSettings Settings, string? Problem, bool ParsedOk) Read(FileSettingsStore store)
    {
        string? text;
        try
        {
            text = store.Load();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (new DeviceSettings(), $"settings file {store.Path} cannot be read ({e.GetType().Name}: {e.Message})", false);
        }

        if (text is null)
        {
            return (new DeviceSettings(), $"no settings file at {store.Path}", true);
        }

        SettingsParseResult parsed = SettingsCodec.Parse(text);
        ArrayList problems = parsed.Errors.Count > 0 ? parsed.Errors : SettingsValidator.Validate(parsed.Settings);
        if (problems.Count == 0)
        {
            return (parsed.Settings, null, true);
        }

        var first = (SettingProblem)problems[0]!;
        string more = problems.Count > 1 ? $" (and {problems.Count - 1} more)" : string.Empty;
        return (parsed.Settings, $"settings file {store.Path}: {first.Message}{more}", parsed.Ok);
    }
}
