using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Threading;

namespace AwsIotDevice.Core.Supervision
{
    /// <summary>
    /// Does the supervisor's due work while it waits (sampling); returns the milliseconds until that work is due
    /// again.
    /// </summary>
    public delegate long IdleWork();

    /// <summary>
    /// The supervisor's platform calls with no timeout of their own (Wi-Fi join; DNS, TCP, TLS and MQTT CONNECT as
    /// one connect; close), each run on an <see cref="ICallWorker"/> and waited for at most its bound from
    /// <see cref="SupervisorConfig"/>, while <see cref="IdleWork"/> keeps the readings on time.
    /// <list type="bullet">
    /// <item>A call past its bound is <see cref="Fault.Timeout"/>: the link or network is aborted when it is
    /// <see cref="IAbortable"/>, and a connect that succeeds late closes its session itself.</item>
    /// <item>While the worker is still blocked in an earlier call, a new call is not started: Fault.Timeout again,
    /// and the supervisor backs off as for any fault.</item>
    /// <item>A call blocked for <see cref="SupervisorConfig.StuckRestartMs"/> or more makes the next attempt throw
    /// <see cref="BlockedCallException"/>: only a restart frees a stuck native call.</item>
    /// </list>
    /// With an <see cref="InlineCallWorker"/> every call runs to its end on the caller's thread (no bound). Used by
    /// the supervisor's thread only.
    /// </summary>
    public class BoundedCalls
    {
        private readonly ICallWorker _worker;
        private readonly IClock _clock;
        private readonly IdleWork _idle;
        private long _startedAtMs;
        private string _running = string.Empty;
        private string _timeoutDetail;

        /// <summary>Runs calls on <paramref name="worker"/>, timed by <paramref name="clock"/>, doing <paramref name="idle"/> while waiting.</summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        public BoundedCalls(ICallWorker worker, IClock clock, IdleWork idle)
        {
            if (worker == null || clock == null || idle == null)
            {
                throw new System.ArgumentNullException(worker == null ? "worker" : (clock == null ? "clock" : "idle"));
            }

            _worker = worker;
            _clock = clock;
            _idle = idle;
        }

        /// <summary>The worker the calls run on.</summary>
        public ICallWorker Worker
        {
            get { return _worker; }
        }

        /// <summary>
        /// Why the last call returned <see cref="Fault.Timeout"/> (secret-free), or null when it finished: then the
        /// adapter's own LastErrorDetail describes its result.
        /// </summary>
        public string TimeoutDetail
        {
            get { return _timeoutDetail; }
        }

        /// <summary>
        /// Joins the configured network (<see cref="INetwork.Join"/> with <see cref="SupervisorConfig.JoinTimeoutMs"/>),
        /// bounded by <see cref="SupervisorConfig.JoinBoundMs"/>. Returns the join's result, or Fault.Timeout.
        /// </summary>
        /// <exception cref="BlockedCallException">The worker has been blocked for StuckRestartMs or more.</exception>
        public Fault Join(INetwork network, SupervisorConfig config)
        {
            JoinCall call = new JoinCall(network, config.WifiSsid, config.WifiPassword, config.JoinTimeoutMs);
            if (Run(call, "Wi-Fi join", config.JoinBoundMs, config))
            {
                return call.Result;
            }

            Abort(network);
            return Fault.Timeout;
        }

        /// <summary>
        /// Connects (<see cref="IMqttLink.Connect"/>), bounded by <see cref="SupervisorConfig.ConnectBoundMs"/>.
        /// Returns the link's result, or Fault.Timeout after aborting the link.
        /// </summary>
        /// <exception cref="BlockedCallException">The worker has been blocked for StuckRestartMs or more.</exception>
        public Fault Connect(IMqttLink link, MqttConnectRequest request, SupervisorConfig config)
        {
            ConnectCall call = new ConnectCall(link, request);
            if (Run(call, "connect to " + config.Host + ":" + config.Port.ToString(), config.ConnectBoundMs, config))
            {
                return call.Result;
            }

            Abort(link);
            return Fault.Timeout;
        }

        /// <summary>
        /// Closes the link, bounded by <see cref="SupervisorConfig.CloseBoundMs"/>; past the bound (or with the worker
        /// still blocked) the link is aborted instead. Returns true when the close finished in time. Never throws
        /// except <see cref="BlockedCallException"/>.
        /// </summary>
        public bool Close(IMqttLink link, SupervisorConfig config)
        {
            if (Run(new CloseCall(link), "close", config.CloseBoundMs, config))
            {
                return true;
            }

            Abort(link);
            return false;
        }

        // Starts the call and waits for it; false (with _timeoutDetail set) when it did not finish within its bound
        // or could not start because the worker is still blocked.
        private bool Run(SupervisorCall call, string name, int boundMs, SupervisorConfig config)
        {
            _timeoutDetail = null;
            long now = _clock.UptimeMs;
            if (!_worker.TryStart(call))
            {
                long blocked = now - _startedAtMs;
                if (blocked >= config.StuckRestartMs)
                {
                    throw new BlockedCallException(_running, blocked);
                }

                _timeoutDetail = _running + " is still blocked after " + blocked.ToString() + " ms; " + name + " not attempted";
                return false;
            }

            _startedAtMs = now;
            _running = name;
            long until = now + boundMs;
            while (!_worker.IsIdle)
            {
                long left = until - _clock.UptimeMs;
                if (left <= 0)
                {
                    // Should it return after all, it cleans up by itself; the caller aborts and closes the link.
                    call.Abandon();
                    _timeoutDetail = name + " did not finish within " + boundMs.ToString() + " ms";
                    return false;
                }

                long chunk = _idle();
                if (chunk > left)
                {
                    chunk = left;
                }

                if (chunk > config.PollMs)
                {
                    chunk = config.PollMs;
                }

                _worker.WaitIdle(chunk < 1 ? 1 : (int)chunk);
            }

            return true;
        }

        private static void Abort(object target)
        {
            IAbortable abortable = target as IAbortable;
            if (abortable != null)
            {
                abortable.Abort();
            }
        }
    }
}
