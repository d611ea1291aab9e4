using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Mqtt;
using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Telemetry
{
    /// <summary>
    /// The one way the device publishes: every PUBLISH (telemetry, acknowledgements, anything a feature adds) goes
    /// through <see cref="TryPublish"/>, which asks the <see cref="PublishPacer"/> first, so the connection stays
    /// under AWS's per-connection limits whoever publishes. A publish is charged its whole MQTT packet (fixed header,
    /// topic, packet id, payload), a little more than AWS counts. It never waits: when the pacer says "not yet" it
    /// sends nothing and returns false; the caller services the link for <see cref="DelayMs"/> and asks again.
    /// Single-threaded, like <see cref="IMqttLink"/>.
    /// </summary>
    public class PacedPublisher
    {
        private readonly IMqttLink _link;
        private readonly IClock _clock;
        private readonly PublishPacer _pacer;

        /// <summary>Publishes on <paramref name="link"/> paced by <paramref name="pacer"/> on <paramref name="clock"/>'s uptime (none may be null).</summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        public PacedPublisher(IMqttLink link, IClock clock, PublishPacer pacer)
        {
            if (link == null)
            {
                throw new System.ArgumentNullException("link");
            }

            if (clock == null)
            {
                throw new System.ArgumentNullException("clock");
            }

            if (pacer == null)
            {
                throw new System.ArgumentNullException("pacer");
            }

            _link = link;
            _clock = clock;
            _pacer = pacer;
        }

        /// <summary>The pacer (shared by every publish on this link).</summary>
        public PublishPacer Pacer
        {
            get { return _pacer; }
        }

        /// <summary>Milliseconds until a publish of <paramref name="length"/> payload bytes to <paramref name="topic"/> may go (0: now).</summary>
        public int DelayMs(string topic, int length, int qos)
        {
            return _pacer.DelayMs(_clock.UptimeMs, Cost(topic, length, qos));
        }

        /// <summary>
        /// When the pacer allows it now, publishes (see <see cref="IMqttLink.Publish"/>), puts the link's result in
        /// <paramref name="fault"/> and returns true; the publish is charged whatever the result, since a PUBLISH that
        /// left may have reached the broker. Otherwise sends nothing, sets <paramref name="fault"/> to None and
        /// returns false.
        /// </summary>
        public bool TryPublish(string topic, byte[] payload, int length, int qos, int timeoutMs, out Fault fault)
        {
            int cost = Cost(topic, length, qos);
            if (!_pacer.TrySpend(_clock.UptimeMs, cost))
            {
                fault = Fault.None;
                return false;
            }

            fault = _link.Publish(topic, payload, length, qos, timeoutMs);
            return true;
        }

        private static int Cost(string topic, int length, int qos)
        {
            return MqttEncoder.PublishSize(topic == null ? 0 : Utf8.ByteCount(topic), qos, length < 0 ? 0 : length);
        }
    }
}
