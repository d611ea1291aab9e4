namespace AwsIotDevice.Core.Mqtt
{
    /// <summary>
    /// Receives the application messages the broker sends (PUBLISH on a subscribed topic). Called on the thread that
    /// is inside an <see cref="MqttClient"/> call (Process, Publish, WaitForAcknowledgement, Subscribe), before the
    /// client acknowledges a QoS 1 message. The handler must not call the client back (the client throws
    /// InvalidOperationException if it does); copy what you need and act on it after the call.
    /// </summary>
    public interface IMqttMessageHandler
    {
        /// <summary>
        /// One inbound message. <paramref name="payload"/> is the client's receive buffer: the
        /// <paramref name="count"/> bytes at <paramref name="offset"/> are valid only during this call.
        /// <paramref name="topic"/> is a well-formed topic name; <paramref name="qos"/> is 0 or 1. An exception thrown
        /// here ends the session with Fault.Internal (the message is not acknowledged).
        /// </summary>
        void OnMessage(string topic, byte[] payload, int offset, int count, int qos, bool retain);
    }
}
