namespace AwsIotDevice.Core.Abstractions
{
    /// <summary>
    /// One MQTT session to the broker, however it is carried (Core's MQTT client over TLS or over a WebSocket, or a
    /// platform MQTT library). Core drives it; the supervisor never sees sockets. All methods are called from the
    /// supervisor's single thread and never throw: failures come back as a <see cref="Fault"/> with
    /// <see cref="LastErrorDetail"/> saying more. Connect and Close may run on the supervisor's call worker instead,
    /// never while another method runs; only <see cref="IAbortable.Abort"/>, where implemented, comes from another thread.
    /// </summary>
    public interface IMqttLink
    {
        /// <summary>
        /// Resolves the host, opens TCP and TLS (SNI = request.Host; ALPN "mqtt" only when request.Mode is Alpn), in wss
        /// mode performs the WebSocket upgrade with the credentials, sends CONNECT and waits for CONNACK. Returns
        /// Fault.None only when the broker accepted. Any previous session is closed first. Typical faults: DnsFailure,
        /// TcpFailure, TlsFailure, AlpnUnavailable, UpgradeRefused, UpgradeFailed, ConnectRefused, Refused*,
        /// ConnectTimeout.
        /// </summary>
        Fault Connect(MqttConnectRequest request);

        /// <summary>True between an accepted CONNACK and the first sign the session is gone.</summary>
        bool IsConnected { get; }

        /// <summary>
        /// Publishes <paramref name="length"/> bytes of <paramref name="payload"/> to <paramref name="topic"/>.
        /// QoS 1 waits for PUBACK at most <paramref name="timeoutMs"/>; QoS 0 returns once written.
        /// Returns Fault.None on success, PublishTimeout, PublishRejected, or a fault that ended the session
        /// (ConnectionLost, KeepAliveTimeout, ProtocolError, ...).
        /// The caller keeps ownership of <paramref name="payload"/>; the link must not keep a reference after returning.
        /// </summary>
        Fault Publish(string topic, byte[] payload, int length, int qos, int timeoutMs);

        /// <summary>
        /// Services the session for at most about <paramref name="timeoutMs"/> (it may return earlier): keep-alive,
        /// inbound packets, noticing a dead link. The supervisor calls it instead of sleeping while connected. Returns
        /// Fault.None while the session is up, otherwise the fault that ended it (ConnectionLost when not connected).
        /// </summary>
        Fault Process(int timeoutMs);

        /// <summary>Closes the session (DISCONNECT when possible). Safe to call at any time, repeatedly.</summary>
        void Close();

        /// <summary>A short, secret-free description of the last failure.</summary>
        string LastErrorDetail { get; }
    }
}
