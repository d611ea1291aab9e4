using System;
using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Mqtt
{
    /// <summary>
    /// The argument rules of <see cref="MqttClient"/>'s calls. Breaking one is a caller bug, so these throw (network
    /// and protocol conditions never do). Allocation-free on success, so they run on every publish. Any thread.
    /// </summary>
    public static class MqttArguments
    {
        /// <summary>Throws ArgumentOutOfRangeException for a negative timeout.</summary>
        public static void CheckTimeout(int timeoutMs)
        {
            if (timeoutMs < 0)
            {
                throw new ArgumentOutOfRangeException("timeoutMs");
            }
        }

        /// <summary>Throws ArgumentOutOfRangeException unless <paramref name="qos"/> is 0 or 1.</summary>
        public static void CheckQos(int qos)
        {
            if (qos != 0 && qos != 1)
            {
                throw new ArgumentOutOfRangeException("qos", "QoS 0 or 1 only");
            }
        }

        /// <summary>
        /// Throws ArgumentException for an invalid topic name (<see cref="MqttTopic.CheckName"/>) or a payload range
        /// outside the array (null is allowed with a count of 0), ArgumentOutOfRangeException for a QoS other than 0 or 1.
        /// </summary>
        public static void CheckPublish(string topic, byte[] payload, int offset, int count, int qos)
        {
            string problem = MqttTopic.CheckName(topic);
            if (problem != null)
            {
                throw new ArgumentException(problem, "topic");
            }

            CheckQos(qos);
            if (count < 0 || offset < 0 || (count > 0 && (payload == null || offset > payload.Length - count)))
            {
                throw new ArgumentException("payload range outside the array", "payload");
            }
        }

        /// <summary>Throws ArgumentException for an invalid topic filter (<see cref="MqttTopic.CheckFilter"/>).</summary>
        public static void CheckFilter(string filter)
        {
            string problem = MqttTopic.CheckFilter(filter);
            if (problem != null)
            {
                throw new ArgumentException(problem, "filter");
            }
        }

        /// <summary>
        /// Throws for options CONNECT cannot carry: null (ArgumentNullException); an empty client id without a clean
        /// session [MQTT-3.1.3-7], a password without a user name [MQTT-3.1.2-22], a field over 65535 UTF-8 bytes, a
        /// keep-alive outside 0..65535 s, or a ping response or write timeout under 1 ms (ArgumentException).
        /// </summary>
        public static void CheckConnect(MqttConnectOptions options)
        {
            if (options == null)
            {
                throw new ArgumentNullException("options");
            }

            if (IsEmpty(options.ClientId) && !options.CleanSession)
            {
                throw new ArgumentException("an empty client id needs a clean session [MQTT-3.1.3-7]", "options");
            }

            if (IsEmpty(options.Username) && !IsEmpty(options.Password))
            {
                throw new ArgumentException("a password needs a user name [MQTT-3.1.2-22]", "options");
            }

            if (Utf8.ByteCount(options.ClientId) > MqttEncoder.MaxFieldBytes || Utf8.ByteCount(options.Username) > MqttEncoder.MaxFieldBytes
                || Utf8.ByteCount(options.Password) > MqttEncoder.MaxFieldBytes)
            {
                throw new ArgumentException("client id, user name and password are at most 65535 UTF-8 bytes each", "options");
            }

            if (options.KeepAliveSeconds < 0 || options.KeepAliveSeconds > 65535)
            {
                throw new ArgumentException("keep-alive must be 0..65535 seconds", "options");
            }

            if (options.PingResponseTimeoutMs < 1 || options.WriteTimeoutMs < 1)
            {
                throw new ArgumentException("ping response and write timeouts must be 1 ms or more", "options");
            }
        }

        private static bool IsEmpty(string value)
        {
            return value == null || value.Length == 0;
        }
    }
}
