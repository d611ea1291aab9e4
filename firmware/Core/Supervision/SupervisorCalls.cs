using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Threading;

namespace AwsIotDevice.Core.Supervision
{
    /// <summary>
    /// The supervisor's blocking platform calls as <see cref="IBlockingCall"/>s. A call whose caller gave up on it
    /// (<see cref="Abandon"/>) cleans up after itself when it finally returns, on the worker's thread, since nobody
    /// else will touch the link until then.
    /// </summary>
    internal abstract class SupervisorCall : IBlockingCall
    {
        private readonly object _sync = new object();
        private bool _abandoned;

        /// <summary>The call's result once <see cref="IBlockingCall.Invoke"/> returned (Fault.None for a close).</summary>
        public Fault Result = Fault.None;

        /// <summary>Runs the call, then cleans up when it was abandoned meanwhile.</summary>
        public void Invoke()
        {
            Run();
            bool abandoned;
            lock (_sync)
            {
                abandoned = _abandoned;
            }

            if (abandoned)
            {
                CleanUpLate();
            }
        }

        /// <summary>
        /// Tells the call its caller stopped waiting: if it has not returned yet, it cleans up by itself when it does.
        /// </summary>
        public void Abandon()
        {
            lock (_sync)
            {
                _abandoned = true;
            }
        }

        protected abstract void Run();

        /// <summary>Undoes what a late success left behind (an open session nobody uses). Must not throw.</summary>
        protected virtual void CleanUpLate()
        {
        }
    }

    /// <summary><see cref="INetwork.Join"/> with the configured network.</summary>
    internal class JoinCall : SupervisorCall
    {
        private readonly INetwork _network;
        private readonly string _ssid;
        private readonly string _password;
        private readonly int _timeoutMs;

        public JoinCall(INetwork network, string ssid, string password, int timeoutMs)
        {
            _network = network;
            _ssid = ssid;
            _password = password;
            _timeoutMs = timeoutMs;
        }

        protected override void Run()
        {
            Result = _network.Join(_ssid, _password, _timeoutMs);
        }
    }

    /// <summary><see cref="IMqttLink.Connect"/>; a late success is closed again.</summary>
    internal class ConnectCall : SupervisorCall
    {
        private readonly IMqttLink _link;
        private readonly MqttConnectRequest _request;

        public ConnectCall(IMqttLink link, MqttConnectRequest request)
        {
            _link = link;
            _request = request;
        }

        protected override void Run()
        {
            Result = _link.Connect(_request);
        }

        protected override void CleanUpLate()
        {
            _link.Close();
        }
    }

    /// <summary><see cref="IMqttLink.Close"/>.</summary>
    internal class CloseCall : SupervisorCall
    {
        private readonly IMqttLink _link;

        public CloseCall(IMqttLink link)
        {
            _link = link;
        }

        protected override void Run()
        {
            _link.Close();
        }
    }
}
