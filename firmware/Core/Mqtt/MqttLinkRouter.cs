using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.Core.Mqtt
{
    /// <summary>
    /// An <see cref="IMqttLink"/> that hands each connection to the link serving its <see cref="MqttConnectRequest.Mode"/>
    /// (on the board: wss and alpn to <see cref="CoreMqttLink"/>, domain to the M2Mqtt link) and sends every later call of
    /// that session to the same link. The same link may serve several modes. A mode without a link fails Connect with
    /// <see cref="Fault.AlpnUnavailable"/> (alpn) or <see cref="Fault.Internal"/>, without touching the network.
    /// Supervisor's thread only, like the links it routes to.
    /// </summary>
    public sealed class MqttLinkRouter : IMqttLink, IAbortable
    {
        private readonly IMqttLink _alpn;
        private readonly IMqttLink _domain;
        private readonly IMqttLink _wss;
        private IMqttLink _current;
        private string _lastError = string.Empty;

        /// <summary>A router to <paramref name="alpn"/>, <paramref name="domain"/> and <paramref name="wss"/> (each may be null: that mode is unavailable).</summary>
        public MqttLinkRouter(IMqttLink alpn, IMqttLink domain, IMqttLink wss)
        {
            _alpn = alpn;
            _domain = domain;
            _wss = wss;
        }

        /// <summary>The link of the current (or last) session; null before the first Connect.</summary>
        public IMqttLink Current
        {
            get { return _current; }
        }

        /// <summary>The link that serves <paramref name="mode"/>, or null.</summary>
        public IMqttLink For(TransportMode mode)
        {
            switch (mode)
            {
                case TransportMode.Alpn:
                    return _alpn;
                case TransportMode.Domain:
                    return _domain;
                case TransportMode.Wss:
                    return _wss;
                default:
                    return null;
            }
        }

        /// <summary>See <see cref="IMqttLink.IsConnected"/>.</summary>
        public bool IsConnected
        {
            get { return _current != null && _current.IsConnected; }
        }

        /// <summary>See <see cref="IMqttLink.LastErrorDetail"/>.</summary>
        public string LastErrorDetail
        {
            get { return _current != null ? _current.LastErrorDetail : _lastError; }
        }

        /// <summary>Closes the previous session (whichever link had it), then connects through the mode's link.</summary>
        public Fault Connect(MqttConnectRequest request)
        {
            Close();
            _current = null;
            TransportMode mode = request != null ? request.Mode : TransportMode.Wss;
            IMqttLink link = request != null ? For(mode) : null;
            if (link == null)
            {
                if (request != null && mode == TransportMode.Alpn)
                {
                    _lastError = CoreMqttLink.AlpnUnavailableDetail;
                    return Fault.AlpnUnavailable;
                }

                _lastError = request == null ? "no connect request" : "no MQTT link for aws.mode=" + TransportModeNames.Of(mode) + " on this platform";
                return Fault.Internal;
            }

            _current = link;
            return link.Connect(request);
        }

        /// <summary>See <see cref="IMqttLink.Publish"/>; ConnectionLost before any Connect.</summary>
        public Fault Publish(string topic, byte[] payload, int length, int qos, int timeoutMs)
        {
            if (_current == null)
            {
                _lastError = "not connected";
                return Fault.ConnectionLost;
            }

            return _current.Publish(topic, payload, length, qos, timeoutMs);
        }

        /// <summary>See <see cref="IMqttLink.Process"/>; ConnectionLost before any Connect.</summary>
        public Fault Process(int timeoutMs)
        {
            if (_current == null)
            {
                _lastError = "not connected";
                return Fault.ConnectionLost;
            }

            return _current.Process(timeoutMs);
        }

        /// <summary>See <see cref="IAbortable.Abort"/>: aborts the link of the session or connect in progress, when it can be.</summary>
        public void Abort()
        {
            IAbortable link = _current as IAbortable;
            if (link != null)
            {
                link.Abort();
            }
        }

        /// <summary>Closes the current session's link. Safe repeatedly.</summary>
        public void Close()
        {
            if (_current != null)
            {
                _current.Close();
            }
        }
    }
}
