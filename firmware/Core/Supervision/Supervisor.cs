using System;
using System.Collections;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Backoff;
using AwsIotDevice.Core.Credentials;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.Core.Telemetry;
using AwsIotDevice.Core.Threading;

namespace AwsIotDevice.Core.Supervision
{
    /// <summary>Returns true when <see cref="Supervisor.Run(StopCheck)"/> should return.</summary>
    public delegate bool StopCheck();

    /// <summary>
    /// The device's state machine: Provisioning -> Network -> Time -> Connecting -> Publishing, and back on faults.
    /// <para>
    /// Single-threaded and deterministic: it owns no thread, sockets or timers. All waiting goes through
    /// <see cref="IClock.Sleep"/> in chunks of at most <see cref="SupervisorConfig.PollMs"/>, so a fake clock runs
    /// hours in milliseconds, and samples are taken on time even in the middle of a backoff.
    /// </para>
    /// <para>
    /// Delivery is at-least-once: the oldest queued reading is published and removed only after the link reported
    /// success (PUBACK for QoS 1). A fault keeps it queued, so nothing is lost while the queue has room; a reading
    /// may be delivered twice when a PUBACK was lost. Payloads are written by a <see cref="PayloadWriter"/> for the
    /// configured client id (JSON with "seq" and the queue's cumulative "dropped"), reusing one buffer. A backlog
    /// (more than one reading queued) goes in batches, a JSON array of the same objects up to
    /// <see cref="SupervisorConfig.BatchBytes"/> (<see cref="TelemetryDrain"/>), removed only after success as a
    /// whole; every publish is paced under AWS's per-connection limits (<see cref="Publisher"/>).
    /// </para>
    /// <para>
    /// Every fault is counted per <see cref="Fault"/>, remembered with a secret-free detail, logged with advice,
    /// and followed by a full-jitter backoff (the cap for AlpnUnavailable). CONNECT attempts are kept at least
    /// <see cref="ConnectGate.MinIntervalMs"/> apart whatever the backoff says.
    /// </para>
    /// <para>
    /// Thread use: <see cref="Step"/> and <see cref="Run(StopCheck)"/> belong to one thread (the supervisor's);
    /// <see cref="ApplyConfig"/>, <see cref="ApplySettings"/>, <see cref="RequestStop"/> and
    /// <see cref="GetStatus"/> may be called from any thread (e.g. the serial provisioning session): a new
    /// configuration is handed over and adopted by the supervisor's thread at its next step. The
    /// <see cref="ILog"/> must then accept calls from both threads.
    /// </para>
    /// </summary>
    public class Supervisor
    {
        private const int ProvisioningPollMs = 1000;

        private readonly INetwork _network;
        private readonly IMqttLink _link;
        private readonly IClock _clock;
        private readonly ISensors _sensors;
        private readonly ILog _log;
        private readonly TelemetryQueue _queue;
        private readonly BackoffPolicy _backoff;
        private readonly ConnectGate _gate;
        private readonly object _sync = new object();
        private readonly int[] _faultCounts = new int[(int)Fault.Count];
        private readonly PacedPublisher _publisher;
        private readonly SessionLossClassifier _loss = new SessionLossClassifier();
        private BoundedCalls _calls;

        // Written by other threads: only touched under _sync (nanoFramework has no volatile).
        private SupervisorConfig _pending;
        private bool _stopRequested;
        private StopCheck _stopCheck;
        private ISupervisorHooks _hooks;

        private SupervisorConfig _config;
        private PayloadWriter _writer;
        private TelemetryDrain _drain;
        private SupervisorState _state = SupervisorState.Provisioning;
        private bool _connected;
        private long _connackAtMs;
        private int _sessionPublished;
        private long _resumeAtMs;
        private long _timeWaitStartMs;
        private long _nextSampleAtMs;
        private long _droppedSeen;
        private bool _dropWarned;
        private bool _alpnWarned;
        private bool _wifiChanged;

        private Fault _lastFault = Fault.None;
        private string _lastFaultDetail = string.Empty;
        private int _connectAttempts;
        private int _connects;
        private long _published;
        private int _lastDelayMs;

        /// <summary>
        /// Creates a supervisor in <see cref="SupervisorState.Provisioning"/>; it does nothing useful until a valid
        /// configuration arrives through <see cref="ApplyConfig"/>. The caller keeps ownership of every argument
        /// (none may be null); the supervisor never disposes them. <paramref name="queue"/> survives
        /// reconfiguration, so readings are kept across it.
        /// </summary>
        public Supervisor(
            INetwork network,
            IMqttLink link,
            IClock clock,
            ISensors sensors,
            ILog log,
            TelemetryQueue queue,
            BackoffPolicy backoff,
            ConnectGate gate)
        {
            _network = network ?? throw new ArgumentNullException("network");
            _link = link ?? throw new ArgumentNullException("link");
            _clock = clock ?? throw new ArgumentNullException("clock");
            _sensors = sensors ?? throw new ArgumentNullException("sensors");
            _log = log ?? throw new ArgumentNullException("log");
            _queue = queue ?? throw new ArgumentNullException("queue");
            _backoff = backoff ?? throw new ArgumentNullException("backoff");
            _gate = gate ?? throw new ArgumentNullException("gate");
            _publisher = new PacedPublisher(link, clock, new PublishPacer());
            _calls = new BoundedCalls(new InlineCallWorker(), clock, SampleTick);
        }

        /// <summary>
        /// The only way to publish on the supervisor's link: paced under AWS's per-connection limits together with
        /// the telemetry. A feature that publishes (e.g. an acknowledgement) calls its TryPublish from the
        /// supervisor's thread.
        /// </summary>
        public PacedPublisher Publisher
        {
            get { return _publisher; }
        }

        /// <summary>
        /// Where the blocking platform calls (join, connect, close) run. The default, an <see cref="InlineCallWorker"/>,
        /// runs them on the supervisor's thread with no bound; with a threaded worker each is bounded by
        /// SupervisorConfig's JoinBoundMs, ConnectBoundMs and CloseBoundMs while readings are taken on time (see
        /// <see cref="BoundedCalls"/>), and <see cref="Run(StopCheck)"/> may throw <see cref="BlockedCallException"/>.
        /// A stop or new configuration is noticed once the call in progress returns or passes its bound. Set it once,
        /// before <see cref="Run(StopCheck)"/>.
        /// </summary>
        public ICallWorker CallWorker
        {
            get { return _calls.Worker; }
            set { _calls = new BoundedCalls(value ?? new InlineCallWorker(), _clock, SampleTick); }
        }

        /// <summary>
        /// What the platform can do, for validating settings in <see cref="ApplySettings"/>
        /// (aws.mode=alpn is refused where ALPN cannot be sent). Set it once, before the first settings arrive; the
        /// board takes it from its TLS connector. Default: <see cref="PlatformCapabilities.Unrestricted"/>.
        /// </summary>
        public PlatformCapabilities Capabilities { get; set; } = PlatformCapabilities.Unrestricted;

        /// <summary>
        /// Safe mode (a crash loop came before this boot, see Core.Boot.CrashGuard): every CONNECT waits at the backoff
        /// cap, the first one included, so whatever crashed the device comes at most once a cap. Set before Run.
        /// </summary>
        public bool SafeMode { get; set; }

        /// <summary>
        /// What joins the session beside telemetry (see <see cref="ISupervisorHooks"/>); null for none. Set it once, before
        /// the first settings arrive.
        /// </summary>
        public ISupervisorHooks Hooks
        {
            get { return _hooks; }
            set { _hooks = value; }
        }

        /// <summary>
        /// Turns on token expiry reporting and credential renewal over MQTT (<see cref="DeviceCredentials"/>): renewals are
        /// verified with <paramref name="hmac"/>, an accepted credential is saved into <paramref name="settingsStore"/>, the
        /// renewal in progress into <paramref name="pendingStore"/>. Call once, before <see cref="Run(StopCheck)"/> and before
        /// the first settings arrive. Returns the hooks (also in <see cref="Hooks"/>).
        /// </summary>
        public DeviceCredentials EnableRenewal(IHmacSha256 hmac, ISettingsStore settingsStore, ISettingsStore pendingStore)
        {
            DeviceCredentials credentials = new DeviceCredentials(hmac, settingsStore, pendingStore, _clock, _network, _log);
            _link.MessageHandler = credentials;
            _hooks = credentials;
            return credentials;
        }

        /// <summary>The current state (read by the supervisor's thread; other threads use <see cref="GetStatus"/>).</summary>
        public SupervisorState State
        {
            get { return _state; }
        }

        /// <summary>True once a valid configuration has been adopted.</summary>
        public bool IsProvisioned
        {
            get { return _config != null; }
        }

        /// <summary>
        /// Offers a new configuration. Returns null when it is valid: it is adopted at the start of the next
        /// <see cref="Step"/> (any session is closed, the state goes to Network, waits are cut short; queued readings
        /// are kept). Otherwise returns the secret-free validation message, counts Fault.NotProvisioned, and keeps
        /// the previous configuration (or stays in Provisioning when there is none). The object is kept, not
        /// copied: do not change it afterwards. Any thread.
        /// </summary>
        public string ApplyConfig(SupervisorConfig config)
        {
            string problem = config == null ? "no configuration" : config.Validate();
            if (problem != null)
            {
                return Reject(config != null ? config.Scrub(problem) : problem);
            }

            lock (_sync)
            {
                _pending = config;
            }

            return null;
        }

        private string Reject(string problem)
        {
            RecordFault(Fault.NotProvisioned, problem);
            _log.Warn("configuration rejected: " + problem
                + (_config == null ? "; staying in Provisioning" : "; keeping the previous configuration"));
            return problem;
        }

        /// <summary>
        /// Offers new device settings (e.g. after a provisioning COMMIT). They are checked with
        /// <see cref="SettingsValidator"/>; returns null when accepted (see <see cref="ApplyConfig"/>), otherwise the
        /// first problem's secret-free message (with how many more there are), counted as Fault.NotProvisioned.
        /// The settings are copied. Any thread, but do not change <paramref name="settings"/> during the call.
        /// </summary>
        public string ApplySettings(DeviceSettings settings)
        {
            if (settings == null)
            {
                return ApplyConfig(null);
            }

            ArrayList problems = SettingsValidator.Validate(settings, Capabilities);
            if (problems.Count > 0)
            {
                string problem = ((SettingProblem)problems[0]).Message;
                if (problems.Count > 1)
                {
                    problem += " (and " + (problems.Count - 1).ToString() + " more)";
                }

                // Scrubbing needs the secrets of the rejected settings: the validator promises to leave them out,
                // but nothing rejected may leak through STATUS.
                return Reject(SupervisorConfig.FromSettings(settings).Scrub(problem));
            }

            return ApplyConfig(SupervisorConfig.FromSettings(settings));
        }

        /// <summary>Makes <see cref="Run(StopCheck)"/> return soon (within one poll interval). Any thread.</summary>
        public void RequestStop()
        {
            lock (_sync)
            {
                _stopRequested = true;
            }
        }

        /// <summary>
        /// Runs <see cref="Step"/> until <paramref name="shouldStop"/> (checked between steps and during waits, at
        /// least every <see cref="SupervisorConfig.PollMs"/>; may be null) returns true or <see cref="RequestStop"/> is
        /// called. A session in progress is left open, so Run can simply be called again to continue.
        /// </summary>
        public void Run(StopCheck shouldStop)
        {
            _stopCheck = shouldStop;
            try
            {
                while (!StopWanted())
                {
                    Step();
                }
            }
            finally
            {
                _stopCheck = null;
                lock (_sync)
                {
                    _stopRequested = false;
                }
            }
        }

        /// <summary>
        /// Does one unit of work and returns the state afterwards: adopt a pending configuration, or wait out the
        /// current backoff, or one attempt of the current state (a join, one poll of the clock, one CONNECT, one
        /// publish or one idle wait). Due samples are taken first, and during every wait.
        /// </summary>
        public SupervisorState Step()
        {
            SupervisorConfig pending;
            lock (_sync)
            {
                pending = _pending;
                _pending = null;
            }

            if (pending != null)
            {
                Adopt(pending);
                return _state;
            }

            if (_config == null)
            {
                Wait(ProvisioningPollMs);
                return _state;
            }

            SampleIfDue();
            long now = _clock.UptimeMs;
            if (_resumeAtMs > now)
            {
                Wait(_resumeAtMs - now);
                return _state;
            }

            switch (_state)
            {
                case SupervisorState.Network:
                    StepNetwork();
                    break;
                case SupervisorState.Time:
                    StepTime();
                    break;
                case SupervisorState.Connecting:
                    StepConnecting();
                    break;
                case SupervisorState.Publishing:
                    StepPublishing();
                    break;
                default:
                    SetState(SupervisorState.Network);
                    break;
            }

            return _state;
        }

        /// <summary>A consistent, secret-free snapshot of the supervisor's state and counters. Any thread.</summary>
        public SupervisorStatus GetStatus()
        {
            SupervisorStatus status = new SupervisorStatus();
            lock (_sync)
            {
                long now = _clock.UptimeMs;
                status.State = _state;
                status.Connected = _connected;
                status.LastFault = _lastFault;
                status.LastFaultDetail = _lastFaultDetail;
                for (int i = 0; i < _faultCounts.Length; i++)
                {
                    status.FaultCounts[i] = _faultCounts[i];
                }

                status.ConnectAttempts = _connectAttempts;
                status.Connects = _connects;
                status.Published = _published;
                status.Queued = _queue.Count;
                status.Dropped = _queue.Dropped;
                status.BackoffAttempt = _backoff.Attempt;
                status.LastDelayMs = _lastDelayMs;
                status.BackoffRemainingMs = _resumeAtMs > now ? _resumeAtMs - now : 0;
                status.UptimeMs = now;
                status.Credentials = _hooks != null ? _hooks.StatusFields() : string.Empty;
            }

            return status;
        }

        private void Adopt(SupervisorConfig config)
        {
            SupervisorConfig previous = _config;
            bool first = previous == null;
            if (_connected)
            {
                _calls.Close(_link, previous);
                EndSession();
            }

            long now = _clock.UptimeMs;
            lock (_sync)
            {
                _config = config;
                if (_writer == null || previous.ClientId != config.ClientId)
                {
                    _writer = new PayloadWriter(config.ClientId);
                }

                if (_drain == null || _drain.BatchBytes != config.BatchBytes)
                {
                    _drain = new TelemetryDrain(_queue, config.BatchBytes);
                }

                _resumeAtMs = 0;
                if (first || _nextSampleAtMs > now + config.SampleIntervalMs)
                {
                    _nextSampleAtMs = first ? now : now + config.SampleIntervalMs;
                }
            }

            if (SafeMode)
            {
                ScheduleRetry(_backoff.CapMs);
            }

            _alpnWarned = false;
            _wifiChanged = _wifiChanged || (!first && (previous.WifiSsid != config.WifiSsid || previous.WifiPassword != config.WifiPassword));
            _log.Info("configuration applied: " + config.DescribeTarget());
            if (_hooks != null)
            {
                _hooks.OnAdopted(config);
            }

            SetState(SupervisorState.Network);
        }

        private void StepNetwork()
        {
            if (_network.IsUp)
            {
                // An address on another network, or one joined with the previous password, is not the configured
                // network: the platform keeps whatever link it has, so leave it and join the configured one.
                string current = _network.CurrentSsid;
                if (!_wifiChanged && (current == null || current == _config.WifiSsid))
                {
                    SetState(SupervisorState.Time);
                    return;
                }

                if (!_calls.Worker.IsIdle)
                {
                    // An abandoned join, connect or close still runs on the worker against this network: leaving under
                    // it would race it. Retry after the backoff, the change still pending.
                    Fail(Fault.Timeout, "an earlier network call is still running; the configured network is joined once it returns");
                    return;
                }

                _log.Info("leaving network " + (current ?? "(unknown)") + " to join the configured network");
                _network.Leave();
            }

            _wifiChanged = false;
            _log.Info("joining network " + _config.WifiSsid);
            Fault fault = _calls.Join(_network, _config);
            if (fault == Fault.None && _network.IsUp)
            {
                _log.Info("network up");
                SetState(SupervisorState.Time);
                return;
            }

            // A join that "succeeds" without an address would otherwise bounce between states without waiting.
            string detail = fault == Fault.None ? "joined but no IP address" : (_calls.TimeoutDetail ?? _network.LastErrorDetail);
            Fail(fault == Fault.None ? Fault.NetworkDown : fault, detail);
        }

        private void StepTime()
        {
            if (!_network.IsUp)
            {
                _log.Info("network lost while waiting for time");
                SetState(SupervisorState.Network);
                return;
            }

            if (_network.IsTimeValid)
            {
                SetState(SupervisorState.Connecting);
                return;
            }

            long waited = _clock.UptimeMs - _timeWaitStartMs;
            if (waited >= _config.TimeWaitMaxMs)
            {
                Fail(Fault.TimeNotSet, "no valid time after " + waited.ToString() + " ms");

                // A fresh bounded wait starts once the backoff is over.
                _timeWaitStartMs = _resumeAtMs;
                return;
            }

            long chunk = _config.TimeWaitMaxMs - waited;
            Wait(chunk < _config.PollMs ? chunk : _config.PollMs);
        }

        private void StepConnecting()
        {
            if (!_network.IsUp)
            {
                _log.Info("network down before connecting; re-joining");
                SetState(SupervisorState.Network);
                return;
            }

            int gateWait = _gate.WaitMs(_clock.UptimeMs);
            if (gateWait > 0)
            {
                Wait(gateWait);

                // Interrupted (stop or new configuration): never CONNECT early.
                if (_gate.WaitMs(_clock.UptimeMs) > 0)
                {
                    return;
                }
            }

            SupervisorConfig config = _hooks != null ? _hooks.ConfigForConnect(_config) : _config;
            MqttConnectRequest request = config.BuildConnectRequest();

            long startedAt = _clock.UptimeMs;
            _gate.Record(startedAt);
            int attempt;
            lock (_sync)
            {
                attempt = ++_connectAttempts;
            }

            _log.Info("connecting to " + config.Host + ":" + config.Port.ToString() + " as " + config.ClientId
                + " (attempt " + attempt.ToString() + ")");
            Fault fault = _calls.Connect(_link, request, config);

            // The broker counts CONNECTs as they arrive, after TCP and TLS: timing the gate from the end of this
            // attempt keeps the next CONNECT a full interval after this one whatever either handshake took.
            _gate.Record(_clock.UptimeMs);
            if (fault == Fault.None)
            {
                long now = _clock.UptimeMs;
                lock (_sync)
                {
                    _connected = true;
                    _connects++;
                    _connackAtMs = now;
                    _sessionPublished = 0;
                    _config = config;
                }

                _loss.OnConnack(now);
                _backoff.OnConnected(now);
                _log.Info("connected (CONNACK accepted after " + (now - startedAt).ToString() + " ms)");
                SetState(SupervisorState.Publishing);
                if (_hooks != null && _hooks.OnConnected(_link))
                {
                    Reconnect();
                }

                return;
            }

            // Scrubbed with the configuration that connected: it may carry a renewed token _config does not have yet.
            string detail = config.Scrub(_calls.TimeoutDetail ?? _link.LastErrorDetail);
            _calls.Close(_link, config);
            if (_hooks != null)
            {
                fault = _hooks.OnConnectFailed(fault, ref detail);
            }

            if (fault == Fault.AlpnUnavailable)
            {
                FailAlpn(detail);
                return;
            }

            Fail(fault, detail);
        }

        private void StepPublishing()
        {
            if (!_link.IsConnected)
            {
                EndSessionWithFault(ClassifyLoss(), _link.LastErrorDetail);
                return;
            }

            if (!_network.IsUp)
            {
                EndSessionWithFault(Fault.NetworkDown, _network.LastErrorDetail);
                return;
            }

            if (_hooks != null && _hooks.OnService(_publisher))
            {
                Reconnect();
                return;
            }

            Reading reading = _queue.Peek();
            if (reading == null)
            {
                // Idle while connected: the link is serviced (keep-alive, a dead link noticed) instead of sleeping.
                ServiceLink(_nextSampleAtMs - _clock.UptimeMs);
                return;
            }

            // One reading queued goes alone; a backlog goes in batches. Nothing is removed before the link's success.
            int length = _drain.Compose(_writer, _queue.Dropped);
            Fault fault;
            if (!_publisher.TryPublish(_config.Topic, _drain.Payload, length, _config.Qos, _config.PublishTimeoutMs, out fault))
            {
                ServiceLink(_publisher.DelayMs(_config.Topic, length, _config.Qos));
                return;
            }

            if (fault == Fault.None)
            {
                lock (_sync)
                {
                    _published += _drain.Delivered();
                }

                _sessionPublished++;
                _loss.OnPublished(_config.Qos);
                _dropWarned = false;
                return;
            }

            EndSessionWithFault(fault == Fault.ConnectionLost ? ClassifyLoss(_config.Qos) : fault, _link.LastErrorDetail);
        }

        // Services the link (keep-alive, inbound, a dead link noticed) instead of sleeping, for about waitMs (while
        // idle, or until the pacer lets the next publish go): at least 1 ms, at most a poll interval, and never past
        // the next sample, so samples stay on time.
        private void ServiceLink(long waitMs)
        {
            long chunk = waitMs < 1 ? 1 : (waitMs > _config.PollMs ? _config.PollMs : waitMs);
            long untilSample = _nextSampleAtMs - _clock.UptimeMs;
            if (untilSample >= 1 && untilSample < chunk)
            {
                chunk = untilSample;
            }

            Fault lost = _link.Process((int)chunk);
            if (lost != Fault.None)
            {
                EndSessionWithFault(lost == Fault.ConnectionLost ? ClassifyLoss() : lost, _link.LastErrorDetail);
            }
        }

        // A loss noticed while not publishing; see SessionLossClassifier for the rule.
        private Fault ClassifyLoss()
        {
            return ClassifyLoss(-1);
        }

        private Fault ClassifyLoss(int failedPublishQos)
        {
            return _loss.Classify(_clock.UptimeMs, _config.EarlyCloseWindowMs, failedPublishQos);
        }

        private void EndSessionWithFault(Fault fault, string detail)
        {
            _calls.Close(_link, _config);
            EndSession();
            Fail(fault, detail);
            SetState(fault == Fault.NetworkDown ? SupervisorState.Network : SupervisorState.Connecting);
        }

        // A hook wants a new session (another credential): no fault, no backoff, the queue as it is; the gate still
        // spaces the CONNECTs.
        private void Reconnect()
        {
            _calls.Close(_link, _config);
            EndSession();
            SetState(SupervisorState.Connecting);
        }

        private void EndSession()
        {
            if (!_connected)
            {
                return;
            }

            long now = _clock.UptimeMs;
            lock (_sync)
            {
                _connected = false;
            }

            _backoff.OnDisconnected(now);
            _log.Info("session ended after " + (now - _connackAtMs).ToString() + " ms, "
                + _sessionPublished.ToString() + " published");
        }

        private void Fail(Fault fault, string detail)
        {
            RecordFault(fault, detail);
            int delay = _backoff.NextDelayMs();
            if (SafeMode)
            {
                delay = _backoff.CapMs;
            }

            ScheduleRetry(delay);
            string advice = FaultAdvice.For(fault);
            _log.Warn("fault " + FaultNames.Of(fault) + " in " + SupervisorStateNames.Of(_state) + ": "
                + _lastFaultDetail + (advice.Length > 0 ? " (" + advice + ")" : string.Empty)
                + "; retry in " + delay.ToString() + " ms, backoff attempt " + _backoff.Attempt.ToString());
        }

        // Retrying quickly cannot help: the runtime will never send ALPN. Say why once, then wait at the cap.
        private void FailAlpn(string detail)
        {
            RecordFault(Fault.AlpnUnavailable, detail);
            int delay = _backoff.CapMs;
            ScheduleRetry(delay);
            if (!_alpnWarned)
            {
                _alpnWarned = true;
                _log.Warn("fault AlpnUnavailable: this runtime cannot send TLS ALPN \"mqtt\", which aws.mode=alpn needs; "
                    + FaultAdvice.Alpn + "; retry in " + delay.ToString() + " ms");
                return;
            }

            _log.Warn("fault AlpnUnavailable again; retry in " + delay.ToString() + " ms");
        }

        private void RecordFault(Fault fault, string detail)
        {
            SupervisorConfig config = _config;
            string clean = config != null ? config.Scrub(detail) : (detail ?? string.Empty);
            lock (_sync)
            {
                int index = (int)fault;
                if (index >= 0 && index < _faultCounts.Length)
                {
                    _faultCounts[index]++;
                }

                _lastFault = fault;
                _lastFaultDetail = clean;
            }
        }

        private void ScheduleRetry(int delayMs)
        {
            lock (_sync)
            {
                _lastDelayMs = delayMs;
                _resumeAtMs = _clock.UptimeMs + delayMs;
            }
        }

        private void SetState(SupervisorState next)
        {
            if (next == _state)
            {
                return;
            }

            _log.Info("state " + SupervisorStateNames.Of(_state) + " -> " + SupervisorStateNames.Of(next));
            lock (_sync)
            {
                _state = next;
            }

            if (next == SupervisorState.Time)
            {
                _timeWaitStartMs = _clock.UptimeMs;
            }
        }

        private void SampleIfDue()
        {
            SupervisorConfig config = _config;
            if (config == null)
            {
                return;
            }

            long now = _clock.UptimeMs;
            if (now < _nextSampleAtMs)
            {
                return;
            }

            Reading reading;
            lock (_sync)
            {
                reading = _queue.Append(now);
            }

            _sensors.Sample(reading);

            // Keep the grid when on time; after a long blocking call, restart it instead of taking a burst.
            _nextSampleAtMs += config.SampleIntervalMs;
            if (_nextSampleAtMs <= now)
            {
                _nextSampleAtMs = now + config.SampleIntervalMs;
            }

            long dropped = _queue.Dropped;
            if (dropped != _droppedSeen)
            {
                _droppedSeen = dropped;
                if (!_dropWarned)
                {
                    _dropWarned = true;
                    _log.Warn("telemetry queue full (" + _queue.Capacity.ToString() + " readings): dropping the oldest");
                }
            }
        }

        // While a blocking call runs on the worker: readings stay on time.
        private long SampleTick()
        {
            SampleIfDue();
            return _nextSampleAtMs - _clock.UptimeMs;
        }

        // Sleeps in chunks so that samples are taken on time and a stop or new configuration is noticed.
        private void Wait(long milliseconds)
        {
            long until = _clock.UptimeMs + milliseconds;
            int poll = _config != null ? _config.PollMs : ProvisioningPollMs;
            while (true)
            {
                SampleIfDue();
                long now = _clock.UptimeMs;
                if (now >= until || StopWanted() || HasPending())
                {
                    return;
                }

                long chunk = until - now;
                if (chunk > poll)
                {
                    chunk = poll;
                }

                if (_config != null)
                {
                    long untilSample = _nextSampleAtMs - now;
                    if (untilSample > 0 && untilSample < chunk)
                    {
                        chunk = untilSample;
                    }
                }

                _clock.Sleep((int)chunk);
            }
        }

        private bool StopWanted()
        {
            bool requested;
            lock (_sync)
            {
                requested = _stopRequested;
            }

            StopCheck check = _stopCheck;
            return requested || (check != null && check());
        }

        private bool HasPending()
        {
            lock (_sync)
            {
                return _pending != null;
            }
        }
    }
}
