using System.Diagnostics;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Supervision;
using AwsIotDevice.CustomAuthMqttClient;
using AwsIotDevice.Emulator.Logging;

namespace AwsIotDevice.Demo;

/// <summary>One run of the demo: owns the emulator, the device and the viewer until disposed.</summary>
internal sealed class DemoScenario : IAsyncDisposable
{
    private static readonly TimeSpan MinRefusal = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan MaxRefusal = TimeSpan.FromSeconds(12);
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(45);

    private readonly DemoOptions _options;
    private readonly IDemoView _view;
    private readonly Stopwatch _clock;
    private DemoEmulator? _emulator;
    private DemoDevice? _device;
    private TelemetrySubscriber? _viewer;
    private DeliveryLedger? _ledger;
    private DeviceLogRecorder? _deviceLog;
    private volatile bool _detached;
    private volatile string _phase = "setup";
    private TimeSpan _publishStart;
    private DemoRenewal? _renewal;
    private Task? _probe;

    public DemoScenario(DemoOptions options, IDemoView view, Stopwatch clock)
    {
        _options = options;
        _view = view;
        _clock = clock;
    }

    public async Task<DemoSummary> RunAsync(CancellationToken ct)
    {
        using var ticker = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task progress = TickAsync(ticker.Token);
        try
        {
            await SetUpAsync(ct).ConfigureAwait(false);
            await PublishWithFaultsAsync(ct).ConfigureAwait(false);
            return await DrainAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            ticker.Cancel();
            await Task.WhenAny(progress).ConfigureAwait(false);
        }
    }

    /// <summary>Stops passing events to the view (before the summary is written, so it is not interleaved with shutdown lines).</summary>
    public void Detach()
    {
        if (_emulator is not null)
        {
            _emulator.Log.Forward = null;
        }

        if (_deviceLog is not null)
        {
            _deviceLog.Forward = null;
        }

        _detached = true;
    }

    /// <summary>After the summary: leave everything running and say how to connect, until cancelled.</summary>
    public async Task KeepAsync(TextWriter output, CancellationToken ct)
    {
        DemoEmulator emulator = _emulator!;
        emulator.KeepFiles = true;
        const string cliViewer = DemoEmulator.ViewerClientId + "-cli";
        string username = emulator.UsernameFor(cliViewer);
        emulator.Log.Forward = e =>
        {
            if (e.Event is LogEvents.ConnectOk or LogEvents.Refused or LogEvents.Disconnect or LogEvents.Denied)
            {
                lock (output)
                {
                    output.WriteLine($"emulator {DemoText.Describe(e)}");
                    output.Flush();
                }
            }
        };
        lock (output)
        {
            output.WriteLine();
            output.WriteLine($"--keep: the emulator stays up on 127.0.0.1:{emulator.Port} and the device keeps publishing every {_options.Interval.TotalSeconds:0} s. Ctrl+C stops both.");
            output.WriteLine($"  setup directory: {emulator.Directory} (kept; delete it when done)");
            output.WriteLine($"  watch the telemetry (the viewer credential below is a throw-away demo secret, valid for a day):");
            output.WriteLine($"    mosquitto_sub --cafile '{emulator.Init.CaFile}' --tls-alpn mqtt -h localhost -p {emulator.Port} -V mqttv311 \\");
            output.WriteLine($"      -i {cliViewer} -u '{username}' -t '{emulator.Init.Topic}' -q 1 -v");
            output.WriteLine($"  device status over its provisioning line: iotctl provision --port {_device!.SerialPath} --status (or any terminal at 115200 baud: STATUS)");
            output.Flush();
        }

        try
        {
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C is how --keep ends.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_viewer is not null)
        {
            await _viewer.DisposeAsync().ConfigureAwait(false);
        }

        _device?.Dispose();
        if (_emulator is not null)
        {
            _emulator.Log.Forward = null;
            await _emulator.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task SetUpAsync(CancellationToken ct)
    {
        _emulator = await DemoEmulator.StartAsync(ct, authorizerPackage: _options.AuthorizerPackage).ConfigureAwait(false);
        DemoEmulator emulator = _emulator;
        emulator.Log.Forward = _view.Emulator;
        _view.Step($"emulator init: CA, server certificate (localhost), RSA-2048 authorizer key pair and emulator.json in {emulator.Directory}");
        string runs = emulator.Init.AuthorizerPackage is null ? "" : $", run from the Lambda package {Path.GetFileName(emulator.Init.AuthorizerPackage)} as Lambda runs it";
        _view.Step($"emulator listening on 127.0.0.1:{emulator.Port} (TLS; default endpoint localhost: MQTT over WebSockets at /mqtt without ALPN, raw MQTT with ALPN mqtt; domain configuration {emulator.Init.DomainName}: raw MQTT by SNI; authorizer {emulator.Init.AuthorizerName}{runs})");

        var deviceLog = new DeviceLogRecorder(_clock) { Forward = _view.Device };
        _deviceLog = deviceLog;
        _device = await Task.Run(() => DemoDevice.Start(emulator.Directory, emulator.Init.CaFile, deviceLog, ct, emulator.Init.DomainName), ct).ConfigureAwait(false);
        _view.Step($"virtual device booted with EMPTY settings; its provisioning UART is the pseudo-terminal {_device.SerialPath}");

        _ledger = new DeliveryLedger(_clock);
        _viewer = new TelemetrySubscriber(emulator.Host, () => emulator.Port, CustomAuthMqttOptions.LoadTrust(emulator.Init.CaFile), DemoEmulator.ViewerClientId,
            () => emulator.UsernameFor(DemoEmulator.ViewerClientId), emulator.Init.Topic, _ledger);
        DeliveryLedger ledger = _ledger;
        _viewer.Reading += (message, first) =>
        {
            if (!_detached)
            {
                _view.Reading(message, first, ledger.Distinct);
            }
        };
        _viewer.Note += note =>
        {
            if (!_detached)
            {
                _view.Viewer(note);
            }
        };
        _viewer.Start();
        if (!await _viewer.WaitSubscribedAsync(TimeSpan.FromSeconds(15), ct).ConfigureAwait(false))
        {
            throw new DemoException($"the viewer could not subscribe to {emulator.Init.Topic} on 127.0.0.1:{emulator.Port} within 15 s; see the emulator lines above");
        }

        _phase = "provisioning";
        var settings = DemoDevice.SettingsFor(emulator, emulator.Init.ClientId, emulator.Init.Topic, (int)_options.Interval.TotalSeconds, _options.Mode);

        // A token that expires during the run, on purpose, and the key the device authenticates renewals with.
        _renewal = new DemoRenewal(emulator, _view, _clock, DateTimeOffset.UtcNow + TimeSpan.FromSeconds(15) + _options.Duration * 0.2);
        settings = WithRenewal(settings, _renewal);
        _view.Step($"the device's token expires at {_renewal.OldExpiry:HH:mm:ss} UTC, during the run; aws.renewalKey lets it take a renewal over MQTT");
        _view.Step($"aws.mode={_options.Mode}: {DemoText.ModeMeaning(_options.Mode)}");
        _view.Step($"signed the device's token (client id {emulator.Init.ClientId}) with the authorizer's private key (RSA-SHA256, as openssl dgst -sha256 -sign)");
        DemoDevice device = _device;
        await Task.Run(() => device.Provision(settings, _view.Step), ct).ConfigureAwait(false);
        _publishStart = _clock.Elapsed;
        _phase = "publishing";
    }

    private async Task PublishWithFaultsAsync(CancellationToken ct)
    {
        DemoDevice device = _device!;
        DemoEmulator emulator = _emulator!;
        TimeSpan end = _publishStart + _options.Duration;
        TimeSpan cutAt = _publishStart + _options.Duration * 0.3;
        TimeSpan refuseAt = _publishStart + _options.Duration * 0.55;
        TimeSpan renewAt = _publishStart + _options.Duration * 0.1;

        // The renewal comes first: after it, the old token only has to expire for the probe to show it refused.
        if (_renewal is { } renewal && await WaitAsync(() => _clock.Elapsed >= renewAt && device.Status.Connected && device.Status.Published >= 1, cutAt, ct).ConfigureAwait(false))
        {
            _phase = "renewal";
            await renewal.RenewAsync(ct).ConfigureAwait(false);
            _probe = renewal.ProbeOldTokenAsync(ct);
            _phase = "publishing";
        }

        // Faults only teach something once the device is publishing.
        if (await WaitAsync(() => _clock.Elapsed >= cutAt && device.Status.Connected, end, ct).ConfigureAwait(false))
        {
            _phase = "cut";
            _view.Inject("cutting the device's TLS connection (socket closed with RST, no DISCONNECT)");
            device.Runner.Link.Sever();

            // Until the device notices, its status still says connected: the next fault must hit a new session.
            await WaitAsync(() => !device.Status.Connected, _clock.Elapsed + TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
        }

        if (await WaitAsync(() => _clock.Elapsed >= refuseAt && device.Status.Connected, end, ct).ConfigureAwait(false))
        {
            _phase = "auth refused";
            int before = emulator.Authorizer.Refusals;
            emulator.Authorizer.RefuseDevice = true;
            _view.Inject($"the authorizer now refuses {emulator.Init.ClientId} (isAuthenticated=false), and the device's connection is cut");
            device.Runner.Link.Sever();
            TimeSpan until = _clock.Elapsed + MaxRefusal;
            TimeSpan atLeast = _clock.Elapsed + MinRefusal;
            await WaitAsync(() => _clock.Elapsed >= atLeast && emulator.Authorizer.Refusals > before, until, ct).ConfigureAwait(false);
            emulator.Authorizer.RefuseDevice = false;
            _view.Inject($"the authorizer accepts the device again ({emulator.Authorizer.Refusals - before} CONNECT(s) refused meanwhile); it reconnects after its backoff");
            _phase = "recovering";
        }

        await WaitAsync(() => false, end, ct).ConfigureAwait(false);
    }

    private async Task<DemoSummary> DrainAsync(CancellationToken ct)
    {
        DemoDevice device = _device!;
        DeliveryLedger ledger = _ledger!;
        await AwaitProbeAsync(ct).ConfigureAwait(false);
        SupervisorStatus atEnd = device.Status;
        long produced = atEnd.Published + atEnd.Queued + atEnd.Dropped;
        _phase = "draining";
        _view.Step($"duration reached: the device has produced {produced} readings; waiting (at most {DrainLimit.TotalSeconds:0} s) until the viewer has them all");
        TimeSpan limit = _clock.Elapsed + DrainLimit;
        await WaitAsync(() => ledger.Missing(produced).Count <= device.Status.Dropped, limit, ct).ConfigureAwait(false);

        SupervisorStatus status = device.Status;
        (int delivered, int lost, IReadOnlyList<long> missing) = ledger.Judge(produced, status.Dropped);
        TimeSpan? first = ledger.FirstDeliveryAt;
        _phase = "done";
        return new DemoSummary
        {
            Mode = _options.Mode,
            Produced = produced,
            Delivered = delivered,
            Messages = ledger.Messages,
            Duplicates = ledger.Duplicates,
            Dropped = status.Dropped,
            Lost = lost,
            MissingSample = missing.Take(10).ToList(),
            Reconnects = Math.Max(0, status.Connects - 1),
            ConnectAttempts = status.ConnectAttempts,
            AuthRefusals = _emulator!.Authorizer.Refusals,
            TimeToFirstDelivery = first is { } f && f >= _publishStart ? f - _publishStart : first,
            Faults = FaultList(status),
            Renewal = _renewal is null ? "-" : DescribeRenewal(_renewal),
            RenewalPassed = _renewal is null || _renewal.Passed,
        };
    }

    private async Task AwaitProbeAsync(CancellationToken ct)
    {
        if (_probe is null)
        {
            return;
        }

        try
        {
            await _probe.WaitAsync(TimeSpan.FromSeconds(60), ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _view.Step("the probe of the old token did not finish within 60 s");
        }
        catch (Exception e) when (e is not TimeoutException && !ct.IsCancellationRequested)
        {
            // A probe that faulted (e.g. the emulator's config could not be read, a socket error) shows up as "NOT shown
            // refused" in the summary; the demo goes on to report the rest.
            _view.Step($"the probe of the old token failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private static IReadOnlyList<KeyValuePair<string, string>> WithRenewal(IReadOnlyList<KeyValuePair<string, string>> settings, DemoRenewal renewal) =>
        settings.Select(kv => kv.Key switch
        {
            Core.Settings.SettingKeys.AwsToken => new KeyValuePair<string, string>(kv.Key, renewal.OldToken),
            Core.Settings.SettingKeys.AwsSignature => new KeyValuePair<string, string>(kv.Key, renewal.OldSignature),
            _ => kv,
        }).Append(new KeyValuePair<string, string>(Core.Settings.SettingKeys.AwsRenewalKey, renewal.KeyBase64)).ToList();

    private static string DescribeRenewal(DemoRenewal r) =>
        $"forged {(r.ForgedRefused ? "refused" : "NOT refused")}, renewal {(r.Accepted ? "accepted" : "NOT accepted")}"
        + (r.SwitchedAt is { } at ? $" at {at.TotalSeconds:0.0} s" : string.Empty)
        + $", old token {(r.OldTokenRefused ? "refused after its expiry" : "NOT shown refused")}";

    private async Task<bool> WaitAsync(Func<bool> condition, TimeSpan until, CancellationToken ct)
    {
        while (!condition())
        {
            if (_clock.Elapsed >= until)
            {
                return false;
            }

            await Task.Delay(50, ct).ConfigureAwait(false);
        }

        return true;
    }

    private async Task TickAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                DemoDevice? device = _device;
                DeliveryLedger? ledger = _ledger;
                SupervisorStatus? s = device?.Status;
                TimeSpan elapsed = _publishStart > TimeSpan.Zero ? _clock.Elapsed - _publishStart : TimeSpan.Zero;
                _view.Progress(new DemoProgress(
                    elapsed > _options.Duration ? _options.Duration : elapsed,
                    _options.Duration,
                    _phase,
                    s?.StateName ?? "starting",
                    s?.Connected ?? false,
                    s is null ? 0 : s.Published + s.Queued + s.Dropped,
                    ledger?.Distinct ?? 0,
                    ledger?.Duplicates ?? 0,
                    s?.Queued ?? 0,
                    s is null ? 0 : Math.Max(0, s.Connects - 1),
                    s is null || s.LastFault == Fault.None ? "-" : s.LastFaultName));
                await Task.Delay(250, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    private static string FaultList(SupervisorStatus status)
    {
        var parts = new List<string>();
        for (int i = 1; i < status.FaultCounts.Length; i++)
        {
            if (status.FaultCounts[i] > 0)
            {
                parts.Add($"{FaultNames.Of((Fault)i)}:{status.FaultCounts[i]}");
            }
        }

        return parts.Count == 0 ? "-" : string.Join(",", parts);
    }
}
