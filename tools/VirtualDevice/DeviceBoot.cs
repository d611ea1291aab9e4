using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Backoff;
using AwsIotDevice.Core.Boot;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.Core.Supervision;

namespace AwsIotDevice.VirtualDevice;

/// <summary>
/// One power-on of the virtual device: what a board has in RAM from boot to reset (uptime clock, telemetry queue,
/// backoff state, MQTT link, supervisor and its counters) and the supervisor's thread. A reboot is a new instance.
/// The boot itself is the firmware's: <see cref="DeviceBootstrap"/> prepares (crash record, queue bound, settings, a
/// pending import file) and starts it; a crash is recorded as on the board and reported to the runner, which restarts.
/// </summary>
internal sealed class DeviceBoot
{
    private readonly ILog _log;
    private readonly CancellationTokenSource _stop;
    private readonly Thread _thread;
    private readonly Action<DeviceBoot> _crashed;

    // Join, connect and close run here, bounded, as on the board.
    private readonly HostCallWorker _callWorker = new();

    private DeviceBoot(BootPlan plan, IClock clock, DeviceStorage storage, VirtualDeviceOptions options, TrustAnchors trust, INetwork network, ILog log, IRestart restart, IProvisioningStarter? provisioning, Action<DeviceBoot> crashed, CancellationToken deviceStopping)
    {
        _log = log;
        _crashed = crashed;
        Plan = plan;
        FileSettingsStore store = storage.Settings;
        SettingsProblem = plan.Problem is null ? null : $"settings file {store.Path}: {plan.Problem}";
        _stop = CancellationTokenSource.CreateLinkedTokenSource(deviceStopping);
        Link = new VirtualDeviceLink(trust, options.LinkOptions, _stop.Token);
        Control = DeviceBootstrap.Start(plan, new BootParts
        {
            Network = network,
            Link = Link,
            Clock = clock,
            Sensors = options.Sensors?.Invoke() ?? new HostSensors(),
            Log = log,
            Backoff = (options.Backoff ?? new BackoffOptions()).Create(),
            Gate = new ConnectGate(),
            Restart = restart,
            Provisioning = provisioning,
            CallWorker = _callWorker,

            // Renewals as on the board; the one in progress where the storage keeps it (I:\awsiot.pending on the board).
            RenewalHmac = new HostHmacSha256(),
            RenewalPendingStore = storage.Pending,
        });
        _thread = new Thread(Run) { IsBackground = true, Name = "virtual-device-supervisor" };
    }

    /// <summary>What the boot decided (settings, import, queue, crash record).</summary>
    public BootPlan Plan { get; }

    /// <summary>The settings read at boot (possibly incomplete); the provisioning session starts from them.</summary>
    public DeviceSettings Settings => Plan.Settings;

    /// <summary>Why the stored settings cannot run, naming the file (null when they can).</summary>
    public string? SettingsProblem { get; }

    /// <summary>The boot's MQTT link: Core's link over host TLS.</summary>
    public VirtualDeviceLink Link { get; }

    /// <summary>The boot as the provisioning session sees it (STATUS, COMMIT, REBOOT).</summary>
    public BootControl Control { get; }

    public Supervisor Supervisor => Control.Supervisor;

    /// <summary>
    /// Prepares and starts one boot from <paramref name="storage"/> and starts its supervisor thread;
    /// <paramref name="crashed"/> is called (on that thread) after a crash was recorded.
    /// </summary>
    public static DeviceBoot Start(DeviceStorage storage, VirtualDeviceOptions options, TrustAnchors trust, INetwork network, ILog log, IRestart restart, IProvisioningStarter? provisioning, Action<DeviceBoot> crashed, CancellationToken deviceStopping)
    {
        var clock = new SystemClock();
        BootPlan plan = DeviceBootstrap.Prepare(new BootInputs
        {
            Store = storage.Settings,
            Import = storage.Import,
            CrashRecords = storage.Crashes,
            Memory = new HostMemory(options.FreeHeapBytes),
            Clock = clock,
            Log = log,
            Capabilities = PlatformCapabilities.Unrestricted,
        });
        var boot = new DeviceBoot(plan, clock, storage, options, trust, network, log, restart, provisioning, crashed, deviceStopping);
        boot._thread.Start();
        return boot;
    }

    /// <summary>Stops the supervisor (bounded), closes the link. Safe to call more than once.</summary>
    public void Stop()
    {
        _stop.Cancel();
        Supervisor.RequestStop();

        // A publish waiting for PUBACK holds the thread up to its timeout: aborting the link releases it.
        if (Thread.CurrentThread != _thread && !_thread.Join(TimeSpan.FromMilliseconds(1500)))
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
            Supervisor.Run(() => _stop.IsCancellationRequested || Plan.Crashes.PollStable());
        }
        catch (Exception e)
        {
            // As the board's Program: record it secret-free, then the runner restarts after the crash delay.
            string reason = Plan.Crashes.RecordCrash(e, Plan.Settings, timeValid: true);
            _log.Warn($"crashed ({Plan.Crashes.Record.Count} so far): {reason}; restarting");
            _crashed(this);
        }
        finally
        {
            Link.Close();
            _callWorker.Dispose();
        }
    }
}
