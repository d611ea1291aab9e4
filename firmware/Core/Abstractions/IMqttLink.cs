namespace AwsIotDevice.Core.Abstractions
{
    /// <summary>
    /// One MQTT session over TLS. The platform owns sockets, TLS and the MQTT library; Core only
    /// drives it. All methods are called from the supervisor's single thread and never throw:
    /// failures come back as a <see cref="Fault"/> with <see cref="LastErrorDetail"/> saying more.
    /// </summary>
    public interface IMqttLink
    {
        /// <summary>
        /// Resolves the host, opens TCP and TLS (SNI = request.Host; ALPN "mqtt" when request.Mode is Alpn),
        /// sends CONNECT and waits for CONNACK. Returns Fault.None only when the broker accepted.
        /// Any previous session is closed first. Typical faults: DnsFailure, TlsFailure, ConnectRefused,
        /// ConnectTimeout, AlpnUnavailable.
        /// </summary>
        Fault Connect(MqttConnectRequest request);

        /// <summary>True between an accepted CONNACK and the first sign the session is gone.</summary>
        bool IsConnected { get; }

        /// <summary>
        /// Publishes <paramref name="length"/> bytes of <paramref name="payload"/> to <paramref name="topic"/>.
        /// QoS 1 waits for PUBACK at most <paramref name="timeoutMs"/>; QoS 0 returns once written.
        /// Returns Fault.None on success, PublishTimeout, or ConnectionLost when the session dropped.
        /// The caller keeps ownership of <paramref name="payload"/>; the link must not keep a reference after returning.
        /// </summary>
        Fault Publish(string topic, byte[] payload, int length, int qos, int timeoutMs);

        /// <summary>Closes the session (DISCONNECT when possible). Safe to call at any time, repeatedly.</summary>
        void Close();

        /// <summary>A short, secret-free description of the last failure.</summary>
        string LastErrorDetail { get; }
    }
}
