namespace AwsIotDevice.Core.Mqtt
{
    /// <summary>
    /// Time limits and buffer sizes of a <see cref="CoreMqttLink"/>. Plain fields with production defaults; read at
    /// construction (buffers) and at every Connect (time limits). Every limit is in milliseconds and must be 1 or more.
    /// </summary>
    public sealed class CoreMqttLinkOptions
    {
        /// <summary>Default bound on DNS + TCP + TLS together.</summary>
        public const int DefaultTlsTimeoutMs = 20000;

        /// <summary>Default bound on the WebSocket upgrade (request written, 101 read).</summary>
        public const int DefaultUpgradeTimeoutMs = 10000;

        /// <summary>Default bound from CONNECT written to CONNACK read; a custom authorizer Lambda may take up to 5 s.</summary>
        public const int DefaultConnackTimeoutMs = 10000;

        /// <summary>
        /// Default send buffer: a CONNECT with a typical signed-token username (~1 KB) and a PUBLISH of a topic of 256
        /// bytes with a payload of about 700. A Connect that needs more (a long token) allocates a larger one then.
        /// </summary>
        public const int DefaultSendBufferBytes = 1024;

        /// <summary>Default receive buffer: the largest packet the broker may send (acknowledgements; small commands).</summary>
        public const int DefaultReceiveBufferBytes = 1024;

        /// <summary>Default WebSocket frame buffer (outbound frames are masked through it in chunks of this size).</summary>
        public const int DefaultFrameBufferBytes = 512;

        /// <summary>Default QoS 1 window (the supervisor has one publish in flight at a time).</summary>
        public const int DefaultMaxInflight = 4;

        public int TlsTimeoutMs = DefaultTlsTimeoutMs;

        public int UpgradeTimeoutMs = DefaultUpgradeTimeoutMs;

        public int ConnackTimeoutMs = DefaultConnackTimeoutMs;

        /// <summary>After a PINGREQ, how long the link may stay silent before Fault.KeepAliveTimeout.</summary>
        public int PingResponseTimeoutMs = MqttConnectOptions.DefaultPingResponseTimeoutMs;

        /// <summary>Bound on each control packet the client sends on its own (PINGREQ, PUBACK, DISCONNECT).</summary>
        public int WriteTimeoutMs = MqttConnectOptions.DefaultWriteTimeoutMs;

        /// <summary>
        /// Initial send buffer (16 or more); grows at Connect when CONNECT, a refused PUBLISH or the request's
        /// LargestPayloadBytes (a full telemetry batch with a 256-byte topic) needs more.
        /// </summary>
        public int SendBufferBytes = DefaultSendBufferBytes;

        /// <summary>Receive buffer (16 or more); also the largest WebSocket message accepted.</summary>
        public int ReceiveBufferBytes = DefaultReceiveBufferBytes;

        /// <summary>WebSocket frame buffer (32 or more).</summary>
        public int FrameBufferBytes = DefaultFrameBufferBytes;

        /// <summary>QoS 1 window, 1 or more.</summary>
        public int MaxInflight = DefaultMaxInflight;
    }
}
