using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.Core.Supervision
{
    /// <summary>
    /// Names the loss of an accepted MQTT session. AWS accepts CONNECT and then closes the socket when the
    /// authorizer's policy denies the client (iot:Connect for its client id, or iot:Publish on its topic, which it
    /// answers by closing on the first publish): that is <see cref="Fault.ClosedAfterConnack"/>, a configuration
    /// problem. Any other close, in particular one after the broker acknowledged publishes, is a flaky link:
    /// <see cref="Fault.ConnectionLost"/>. Pure and single-threaded: the supervisor tells it what happened.
    /// </summary>
    public class SessionLossClassifier
    {
        private long _connackAtMs;
        private int _acknowledged;

        /// <summary>Starts a new session whose CONNACK arrived at uptime <paramref name="connackAtMs"/>.</summary>
        public void OnConnack(long connackAtMs)
        {
            _connackAtMs = connackAtMs;
            _acknowledged = 0;
        }

        /// <summary>
        /// Records a publish the link reported successful; only QoS 1 (a PUBACK received) counts as proof that the
        /// policy lets the client publish, since a QoS 0 publish succeeds once written.
        /// </summary>
        public void OnPublished(int qos)
        {
            if (qos >= 1)
            {
                _acknowledged++;
            }
        }

        /// <summary>PUBACKs received in the current session.</summary>
        public int Acknowledged
        {
            get { return _acknowledged; }
        }

        /// <summary>
        /// The fault for a session found lost at uptime <paramref name="nowMs"/>. ClosedAfterConnack when no PUBACK
        /// was received yet and either the loss came less than <paramref name="windowMs"/> after CONNACK, or it came
        /// in answer to a QoS 1 publish (<paramref name="failedPublishQos"/> is the QoS of the publish that found the
        /// loss, -1 when no publish did): with nothing acknowledged before, that publish is the session's first.
        /// Otherwise ConnectionLost.
        /// </summary>
        public Fault Classify(long nowMs, int windowMs, int failedPublishQos)
        {
            if (_acknowledged > 0)
            {
                return Fault.ConnectionLost;
            }

            bool early = nowMs - _connackAtMs < windowMs;
            return early || failedPublishQos >= 1 ? Fault.ClosedAfterConnack : Fault.ConnectionLost;
        }
    }
}
