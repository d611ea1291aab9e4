namespace AwsIotDevice.Core.Mqtt
{
    /// <summary>
    /// The keep-alive clock of one session, as pure timing (no I/O, so every rule is testable with plain numbers).
    /// A PINGREQ is due when the link has been quiet for the interval in either direction: inbound silence is what
    /// reveals a dead link while the device keeps publishing QoS 0 (outbound traffic alone proves nothing), outbound
    /// silence is what the broker measures (spec 3.1.2.10). After a PINGREQ, any inbound byte, PINGRESP or not,
    /// proves the link alive; nothing within the response time means it is dead. Times are uptime milliseconds.
    /// Not thread-safe: the client's owner thread uses it.
    /// </summary>
    public sealed class MqttKeepAlive
    {
        /// <summary><see cref="Check"/>: nothing to do.</summary>
        public const int Quiet = 0;

        /// <summary><see cref="Check"/>: send PINGREQ now, then call <see cref="PingSent"/>.</summary>
        public const int PingDue = 1;

        /// <summary><see cref="Check"/>: a PINGREQ went unanswered for the response time: the link is dead.</summary>
        public const int Expired = 2;

        private long _intervalMs;
        private long _responseMs;
        private long _lastInboundMs;
        private long _lastOutboundMs;
        private long _pingSentMs;

        /// <summary>True between <see cref="PingSent"/> and the next inbound byte.</summary>
        public bool PingPending { get; private set; }

        /// <summary>
        /// Starts timing a session at <paramref name="nowMs"/> with a keep-alive of <paramref name="keepAliveSeconds"/>
        /// (0 turns it off) and <paramref name="pingResponseMs"/> to answer a PINGREQ.
        /// </summary>
        public void Start(long nowMs, int keepAliveSeconds, int pingResponseMs)
        {
            _intervalMs = keepAliveSeconds * 1000L;
            _responseMs = pingResponseMs;
            _lastInboundMs = nowMs;
            _lastOutboundMs = nowMs;
            PingPending = false;
        }

        /// <summary>Something arrived from the broker at <paramref name="nowMs"/>.</summary>
        public void Inbound(long nowMs)
        {
            _lastInboundMs = nowMs;
            PingPending = false;
        }

        /// <summary>A packet was sent at <paramref name="nowMs"/>.</summary>
        public void Outbound(long nowMs)
        {
            _lastOutboundMs = nowMs;
        }

        /// <summary>A PINGREQ was sent at <paramref name="nowMs"/>.</summary>
        public void PingSent(long nowMs)
        {
            _lastOutboundMs = nowMs;
            _pingSentMs = nowMs;
            PingPending = true;
        }

        /// <summary><see cref="Quiet"/>, <see cref="PingDue"/> or <see cref="Expired"/> at <paramref name="nowMs"/>.</summary>
        public int Check(long nowMs)
        {
            if (_intervalMs <= 0)
            {
                return Quiet;
            }

            if (PingPending)
            {
                return nowMs - _pingSentMs >= _responseMs ? Expired : Quiet;
            }

            return nowMs - QuietSinceMs() >= _intervalMs ? PingDue : Quiet;
        }

        /// <summary>The uptime at which <see cref="Check"/> will next say something other than Quiet (long.MaxValue: never).</summary>
        public long NextEventMs()
        {
            if (_intervalMs <= 0)
            {
                return long.MaxValue;
            }

            return PingPending ? _pingSentMs + _responseMs : QuietSinceMs() + _intervalMs;
        }

        private long QuietSinceMs()
        {
            return _lastInboundMs < _lastOutboundMs ? _lastInboundMs : _lastOutboundMs;
        }
    }
}
