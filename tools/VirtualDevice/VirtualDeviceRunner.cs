using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Boot;
using AwsIotDevice.Core.Provisioning;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.Core.Supervision;

namespace AwsIotDevice.VirtualDevice;

/// <summary>
/// The virtual device: the firmware core's <see cref="Supervisor"/> on its own thread with host adapters, and, when a
/// serial line is given, the core's <see cref="ProvisioningSession"/> on another thread for the whole run, so a tool
/// can provision a new device and also ask a running one for STATUS. Settings come from a <see cref="FileSettingsStore"/>:
/// missing or invalid settings leave the supervisor in Provisioning until a COMMIT; a COMMIT hands the new settings to
/// the running supervisor; REBOOT (or <see cref="Reboot"/>) starts a fresh boot that reads the file again (RAM state
/// such as the queue and the counters is lost, as on a board).
/// <example>In a test, against the emulator:
/// <code>
/// using var device = VirtualDeviceRunner.Start(settingsPath, emulatorCaPem, serialLine, log, ct);
/// // ... device.GetStatus().State == SupervisorState.Publishing ...
/// </code></example>
/// Stops when the token passed to Start is cancelled, or on <see cref="Stop"/> / <see cref="Dispose"/>.
/// </summary>
public sealed class VirtualDeviceRunner : IDisposable, IDeviceControl, IRestart, IProvisioningStarter
{
    private readonly VirtualDeviceOptions _options;
    private readonly DeviceStorage _storage;
    private readonly FileSettingsStore _store;
    private readonly TrustAnchors _trust;
    private readonly ILog _log;
    private readonly CancellationTokenSource _stopping;
    private readonly object _bootLock = new();
    private readonly Thread? _serialThread;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _externalStop;
    private DeviceBoot _boot;
    private ProvisioningSession? _session;
    private volatile bool _rebootRequested;
    private int _boots;
    private int _stopped;

    private VirtualDeviceRunner(VirtualDeviceOptions options, CancellationToken cancellationToken)
    {
        _options = options;
        _storage = DeviceStorage.For(options);
        _store = _storage.Settings;
        _trust = options.Trust ?? TrustAnchors.AmazonRoots();
        _log = options.Log ?? new ConsoleLog();
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _boot = BootNow();

        // Without a serial line nothing could ever fix the settings.
        if (options.Serial is null && _boot.SettingsProblem is not null)
        {
            _boot.Stop();
            ThrowIfUnusable(_boot.SettingsProblem, options.StorageDirectory);
        }

        if (options.Serial is not null)
        {
            _serialThread = new Thread(ServeSerial) { IsBackground = true, Name = "virtual-device-serial" };
            _serialThread.Start();
        }

        _externalStop = cancellationToken.Register(() => ThreadPool.QueueUserWorkItem(_ => Stop()));
    }

    /// <summary>
    /// Starts a virtual device with the settings file at <paramref name="settingsPath"/>, trusting the roots in
    /// <paramref name="caFile"/> (PEM; null for the Amazon roots), serving provisioning on <paramref name="serial"/>
    /// (null for none), logging to <paramref name="log"/> (null for standard error), until <paramref name="cancellationToken"/>.
    /// </summary>
    /// <exception cref="VirtualDeviceException">The CA file is unusable, the settings file unreadable, or the settings
    /// are missing/invalid and there is no serial line to provision them.</exception>
    public static VirtualDeviceRunner Start(string settingsPath, string? caFile, ISerialLine? serial, ILog? log, CancellationToken cancellationToken)
    {
        return Start(
            new VirtualDeviceOptions
            {
                SettingsPath = settingsPath,
                Trust = caFile is null ? null : TrustAnchors.FromPemFile(caFile),
                Serial = serial,
                Log = log,
            },
            cancellationToken);
    }

    /// <summary>Starts a virtual device as described by <paramref name="options"/>; see the other overload.</summary>
    /// <exception cref="VirtualDeviceException">As the other overload.</exception>
    public static VirtualDeviceRunner Start(VirtualDeviceOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            return new VirtualDeviceRunner(options, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VirtualDeviceException(Unreadable(options, e), e);
        }
    }

    /// <summary>Why the device's storage could not be read: the settings file, or the storage folder and its files.</summary>
    internal static string Unreadable(VirtualDeviceOptions options, Exception e)
    {
        string what = options.StorageDirectory is { } dir
            ? $"storage folder '{dir}' ({DeviceStorage.SettingsFileName}, {SettingsImport.FileName}, {DeviceStorage.CrashFileName}, {DeviceStorage.PendingFileName})"
            : $"settings file '{options.SettingsPath}'";
        return $"{what} cannot be read ({e.GetType().Name}: {e.Message}); check the path and its permissions";
    }

    /// <summary>The host network adapter, shared by every boot: <c>Network.SetDown(true)</c> injects an outage.</summary>
    public HostNetwork Network { get; } = new();

    /// <summary>The current boot's MQTT link (fault injection: <see cref="VirtualDeviceLink.Sever"/>). Changes on reboot.</summary>
    public VirtualDeviceLink Link => CurrentBoot().Link;

    /// <summary>The current boot's supervisor. Changes on reboot.</summary>
    public Supervisor Supervisor => CurrentBoot().Supervisor;

    /// <summary>How many times the device has booted (1 after Start).</summary>
    public int Boots => Volatile.Read(ref _boots);

    /// <summary>The settings file.</summary>
    public string SettingsPath => _store.Path;

    /// <summary>Completes once the device has stopped.</summary>
    public Task Completion => _completion.Task;

    /// <summary>The current boot's plan: queue capacity and bound, import outcome, crash record, safe mode.</summary>
    public BootPlan Plan => CurrentBoot().Plan;

    /// <summary>The supervisor's secret-free status.</summary>
    public SupervisorStatus GetStatus() => Supervisor.GetStatus();

    /// <summary>What STATUS reports: the supervisor's status and the boot's (queue, crashes, safe mode, last import).</summary>
    public string DescribeStatus() => CurrentBoot().Control.DescribeStatus();

    /// <inheritdoc />
    public void OnCommitted(DeviceSettings settings) => CurrentBoot().Control.OnCommitted(settings);

    /// <inheritdoc />
    void IRestart.Restart(string reason) => Reboot();

    /// <inheritdoc />
    void IProvisioningStarter.Open(BootPlan plan, BootControl control)
    {
        if (_options.Serial is not null)
        {
            lock (_bootLock)
            {
                // The runner, not this boot's control: the serial thread may still be waiting on the previous boot's
                // session when a reboot happens, and its answer must come from the boot that is running.
                _session = new ProvisioningSession(_options.Serial, _store, this, plan.Settings, plan.Capabilities);
            }
        }
    }

    /// <summary>
    /// Restarts the device: the supervisor stops, then a fresh boot reads the settings file again. From the serial
    /// REBOOT command this happens after the reply is sent; from any other thread it happens now.
    /// </summary>
    public void Reboot()
    {
        if (_serialThread is not null && Thread.CurrentThread == _serialThread)
        {
            _rebootRequested = true;
            return;
        }

        RebootNow();
    }

    /// <summary>Stops the device (bounded: a few seconds at most) and closes its connection. Idempotent.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            _completion.Task.Wait(TimeSpan.FromSeconds(15));
            return;
        }

        try
        {
            _stopping.Cancel();
            lock (_bootLock)
            {
                _boot.Stop();
            }

            if (_serialThread is not null && Thread.CurrentThread != _serialThread)
            {
                _serialThread.Join(TimeSpan.FromMilliseconds(_options.SerialPollMs + 5000));
            }

            _log.Info("virtual device stopped");
        }
        finally
        {
            _externalStop.Dispose();
            _completion.TrySetResult();
        }
    }

    /// <summary>Same as <see cref="Stop"/>.</summary>
    public void Dispose() => Stop();

    // In storage mode the board's other way in is offered too: the import file nanoff would copy.
    private static void ThrowIfUnusable(string? problem, string? storageDirectory)
    {
        if (problem is not null)
        {
            string import = storageDirectory is null ? string.Empty : $", or copy an `iotctl provision --nanoff` {SettingsImport.FileName} into {storageDirectory}";
            throw new VirtualDeviceException($"{problem}; provision the device over a serial line (iotctl device run --serial PATH, then iotctl provision) or fix the file{import}");
        }
    }

    private DeviceBoot CurrentBoot()
    {
        lock (_bootLock)
        {
            return _boot;
        }
    }

    private DeviceBoot BootNow()
    {
        int boot = Interlocked.Increment(ref _boots);
        _log.Info($"boot {boot}: settings {_store.Path}, trusting {_trust.Description}");
        return DeviceBoot.Start(_storage, _options, _trust, Network, _log, this, this, OnCrashed, _stopping.Token);
    }

    private void RebootNow()
    {
        lock (_bootLock)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _log.Info("rebooting");
            _boot.Stop();
            _boot = BootNow();
        }
    }

    // As the board: the crash is recorded (by the boot), the serial line keeps answering STATUS, then a restart.
    private void OnCrashed(DeviceBoot crashed)
    {
        _ = Task.Delay(_options.CrashRebootDelayMs).ContinueWith(_ =>
        {
            lock (_bootLock)
            {
                if (_boot == crashed)
                {
                    RebootNow();
                }
            }
        }, TaskScheduler.Default);
    }

    private void ServeSerial()
    {
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                ProvisioningSession session;
                lock (_bootLock)
                {
                    session = _session!;
                }

                if (!session.ServeOne(_options.SerialPollMs))
                {
                    _log.Warn("serial line closed: provisioning and STATUS are no longer served (the device keeps running)");
                    return;
                }

                if (_rebootRequested)
                {
                    _rebootRequested = false;
                    RebootNow();
                }
            }
        }
        catch (Exception e)
        {
            // A broken serial line must not take the device down: a board keeps publishing when its UART fails.
            _log.Warn($"serial line failed ({e.GetType().Name}: {e.Message}); provisioning and STATUS are no longer served");
        }
    }
}
