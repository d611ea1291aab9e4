namespace AwsIotDevice.Core.Mqtt
{
    /// <summary>
    /// What one <see cref="MqttClient.Connect"/> sends in CONNECT, and the session's timing. Plain fields, filled by
    /// the caller; the client reads them during Connect and keeps the reference for the session (do not change them
    /// while connected). Username and password are credentials: the client never puts them in a detail string.
    /// </summary>
    public sealed class MqttConnectOptions
    {
        /// <summary>How long, after a PINGREQ, the link may stay silent before it is declared dead.</summary>
        public const int DefaultPingResponseTimeoutMs = 10000;

        /// <summary>Bound on each control-packet write the client makes on its own (PINGREQ, PUBACK, DISCONNECT).</summary>
        public const int DefaultWriteTimeoutMs = 5000;

        /// <summary>Client identifier; null is sent as empty. Empty is only allowed with <see cref="CleanSession"/>.</summary>
        public string ClientId;

        /// <summary>User name, custom-authorizer query included (see AuthUsername); null or empty: no user name. Secret.</summary>
        public string Username;

        /// <summary>Password, sent as its UTF-8 bytes; null or empty: no password (needs a user name if set). Secret.</summary>
        public string Password;

        /// <summary>
        /// Keep-alive in seconds, 0..65535; 0 turns keep-alive off (no PINGREQ, no dead-link detection). AWS raises
        /// 1..29 to 30 and 0 or more than 1200 to 1200.
        /// </summary>
        public int KeepAliveSeconds = 60;

        /// <summary>CONNECT's clean-session flag (QoS 1 state is not kept across sessions by this client either way).</summary>
        public bool CleanSession = true;

        /// <summary>After a PINGREQ, how long the link may stay silent before Fault.KeepAliveTimeout (1 or more).</summary>
        public int PingResponseTimeoutMs = DefaultPingResponseTimeoutMs;

        /// <summary>Bound on each control-packet write the client makes on its own: PINGREQ, PUBACK, DISCONNECT (1 or more).</summary>
        public int WriteTimeoutMs = DefaultWriteTimeoutMs;
    }
}
