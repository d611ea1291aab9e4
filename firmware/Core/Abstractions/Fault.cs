namespace AwsIotDevice.Core.Abstractions
{
    /// <summary>
    /// Every reason the device can fail to deliver telemetry. Values are stable (they index counters and
    /// appear in STATUS); add new ones at the end, before <see cref="Count"/>.
    /// </summary>
    public enum Fault
    {
        None = 0,
        NotProvisioned = 1,
        NetworkDown = 2,
        WifiAuthFailed = 3,
        TimeNotSet = 4,
        DnsFailure = 5,
        TcpFailure = 6,
        TlsFailure = 7,
        AlpnUnavailable = 8,
        ConnectTimeout = 9,
        ConnectRefused = 10,
        ClosedAfterConnack = 11,
        ConnectionLost = 12,
        PublishTimeout = 13,
        PublishRejected = 14,
        Internal = 15,

        /// <summary>CONNACK return code 1: the broker does not speak MQTT 3.1.1.</summary>
        RefusedProtocolVersion = 16,

        /// <summary>CONNACK return code 2: the client id is not allowed.</summary>
        RefusedIdentifier = 17,

        /// <summary>CONNACK return code 3: the MQTT service is unavailable.</summary>
        RefusedServerUnavailable = 18,

        /// <summary>CONNACK return code 4: the user name or password is malformed.</summary>
        RefusedBadCredentials = 19,

        /// <summary>CONNACK return code 5: the client is not authorized to connect.</summary>
        RefusedNotAuthorized = 20,

        /// <summary>Nothing arrived from the broker within the ping response time after a PINGREQ: the link is dead.</summary>
        KeepAliveTimeout = 21,

        /// <summary>The peer broke the MQTT or WebSocket protocol (malformed packet or frame, wrong packet for the state).</summary>
        ProtocolError = 22,

        /// <summary>A packet or message does not fit the buffer or the configured maximum (inbound or outbound).</summary>
        PacketTooLarge = 23,

        /// <summary>Every slot of the QoS 1 in-flight window awaits its PUBACK; nothing was sent.</summary>
        InflightWindowFull = 24,

        /// <summary>SUBACK return code 0x80: the broker refused the subscription.</summary>
        SubscribeRefused = 25,

        /// <summary>No SUBACK within the timeout.</summary>
        SubscribeTimeout = 26,

        /// <summary>The server answered the WebSocket upgrade with a status other than 101 (e.g. 401, 403).</summary>
        UpgradeRefused = 27,

        /// <summary>The WebSocket upgrade did not complete: an invalid 101 response, or a request Core refused to send.</summary>
        UpgradeFailed = 28,

        /// <summary>A blocking platform call (join, DNS, TCP, TLS, CONNECT, close) ran past its configured bound.</summary>
        Timeout = 29,

        /// <summary>The broker refused the credentials and the token's own expiry has passed.</summary>
        TokenExpired = 30,

        /// <summary>Number of values above; not a fault.</summary>
        Count = 31,
    }

    /// <summary>Stable names for <see cref="Fault"/> (enum ToString is not reliable on nanoFramework).</summary>
    public static class FaultNames
    {
        private static readonly string[] Names =
        {
            "None", "NotProvisioned", "NetworkDown", "WifiAuthFailed", "TimeNotSet", "DnsFailure",
            "TcpFailure", "TlsFailure", "AlpnUnavailable", "ConnectTimeout", "ConnectRefused",
            "ClosedAfterConnack", "ConnectionLost", "PublishTimeout", "PublishRejected", "Internal",
            "RefusedProtocolVersion", "RefusedIdentifier", "RefusedServerUnavailable", "RefusedBadCredentials",
            "RefusedNotAuthorized", "KeepAliveTimeout", "ProtocolError", "PacketTooLarge", "InflightWindowFull",
            "SubscribeRefused", "SubscribeTimeout", "UpgradeRefused", "UpgradeFailed", "Timeout", "TokenExpired",
        };

        /// <summary>Returns the name of <paramref name="fault"/>, or "Fault&lt;n&gt;" for an unknown value.</summary>
        public static string Of(Fault fault)
        {
            int index = (int)fault;
            return index >= 0 && index < Names.Length ? Names[index] : "Fault" + index.ToString();
        }
    }
}
