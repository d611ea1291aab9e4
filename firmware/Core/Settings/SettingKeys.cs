using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Settings
{
    /// <summary>
    /// The names of every device setting. These exact strings are the provisioning protocol
    /// (<c>SET key value</c>), the storage format and the documentation: never rename one.
    /// The order of <see cref="KeyAt"/> is the order used when settings are written or described.
    /// </summary>
    public static class SettingKeys
    {
        /// <summary>Wi-Fi network name (1..32 bytes).</summary>
        public const string WifiSsid = "wifi.ssid";

        /// <summary>Wi-Fi passphrase (empty for an open network). Secret.</summary>
        public const string WifiPassword = "wifi.password";

        /// <summary>AWS IoT data endpoint DNS name; also the TLS SNI.</summary>
        public const string AwsEndpoint = "aws.endpoint";

        /// <summary>TCP port of the endpoint (443 on AWS in alpn and wss mode).</summary>
        public const string AwsPort = "aws.port";

        /// <summary>
        /// How custom auth is reached (see TransportMode): "wss" (the default: MQTT over WebSockets on the default
        /// endpoint, credentials in the upgrade request, no ALPN; what a stock nanoFramework board uses), "domain" (raw
        /// MQTT to a CUSTOM_AUTH + SECURE_MQTT domain configuration, chosen by SNI) or "alpn" (raw MQTT to the default
        /// endpoint with TLS ALPN "mqtt": only where the platform can send ALPN, e.g. the virtual device).
        /// </summary>
        public const string AwsMode = "aws.mode";

        /// <summary>
        /// In wss mode, where the authorizer name, signature and token go: "headers" (the default: upgrade request
        /// headers with the raw values, as in AWS's curl example) or "query" (the upgrade URL's query string,
        /// percent-encoded). Ignored in the other modes.
        /// </summary>
        public const string AwsWssCredentials = "aws.wssCredentials";

        /// <summary>Name of the AWS IoT custom authorizer.</summary>
        public const string AwsAuthorizer = "aws.authorizer";

        /// <summary>Query parameter name the authorizer reads the token from (its tokenKeyName).</summary>
        public const string AwsTokenKeyName = "aws.tokenKeyName";

        /// <summary>The token handed to the authorizer. Secret.</summary>
        public const string AwsToken = "aws.token";

        /// <summary>Base64 RSA-SHA256 signature of the token. Secret.</summary>
        public const string AwsSignature = "aws.signature";

        /// <summary>
        /// Key that authenticates credential renewals sent to the device over MQTT (HMAC-SHA256): base64 of 32 random
        /// bytes (<c>iotctl credentials keygen</c>), shared only with the backend that issues renewals. Empty: the device
        /// takes no renewals. Secret.
        /// </summary>
        public const string AwsRenewalKey = "aws.renewalKey";

        /// <summary>Days before the token's expiry from which the device warns (log and STATUS); 0 turns the warning off.</summary>
        public const string AwsTokenWarnDays = "aws.tokenWarnDays";

        /// <summary>MQTT client id (also the policy's client/ resource).</summary>
        public const string MqttClientId = "mqtt.clientId";

        /// <summary>
        /// Plain MQTT user name. In alpn and domain mode the device appends the authorizer query itself; in wss mode it
        /// is sent as it is (the credentials travel in the upgrade request).
        /// </summary>
        public const string MqttUsername = "mqtt.username";

        /// <summary>MQTT password, passed to the authorizer as-is. Secret.</summary>
        public const string MqttPassword = "mqtt.password";

        /// <summary>MQTT keepalive in seconds (AWS accepts 30..1200).</summary>
        public const string MqttKeepAliveSeconds = "mqtt.keepAliveSeconds";

        /// <summary>Topic the telemetry is published to.</summary>
        public const string TelemetryTopic = "telemetry.topic";

        /// <summary>Seconds between two readings.</summary>
        public const string TelemetryIntervalSeconds = "telemetry.intervalSeconds";

        /// <summary>
        /// Publish QoS, 0 or 1. Exists because the trade-off is the user's: QoS 1 survives a dropped
        /// connection (nothing leaves the queue before PUBACK) at the cost of a round trip per message.
        /// </summary>
        public const string TelemetryQos = "telemetry.qos";

        /// <summary>
        /// Readings buffered while offline (drop-oldest beyond it). Exists because the right value depends
        /// on the board's free RAM and how long an outage the user wants to bridge.
        /// </summary>
        public const string TelemetryQueueCapacity = "telemetry.queueCapacity";

        /// <summary>
        /// Largest backlog message in bytes: after an outage queued readings go several to a message, as a JSON array.
        /// Exists because AWS bills and meters messages in 5 KB units while the board's RAM bounds the buffer.
        /// </summary>
        public const string TelemetryBatchBytes = "telemetry.batchBytes";

        // Order matters: it is the order of the storage file and of STATUS output (network, cloud, MQTT, telemetry).
        private static readonly string[] Keys =
        {
            WifiSsid, WifiPassword,
            AwsEndpoint, AwsPort, AwsMode, AwsWssCredentials, AwsAuthorizer, AwsTokenKeyName, AwsToken, AwsSignature,
            AwsRenewalKey, AwsTokenWarnDays,
            MqttClientId, MqttUsername, MqttPassword, MqttKeepAliveSeconds,
            TelemetryTopic, TelemetryIntervalSeconds, TelemetryQos, TelemetryQueueCapacity, TelemetryBatchBytes,
        };

        /// <summary>Number of known keys.</summary>
        public static int Count
        {
            get { return Keys.Length; }
        }

        /// <summary>The key at <paramref name="index"/> (0..Count-1) in canonical order.</summary>
        public static string KeyAt(int index)
        {
            return Keys[index];
        }

        /// <summary>A new array holding every key in canonical order (a copy: callers may change it).</summary>
        public static string[] All()
        {
            string[] copy = new string[Keys.Length];
            for (int i = 0; i < Keys.Length; i++)
            {
                copy[i] = Keys[i];
            }

            return copy;
        }

        /// <summary>Canonical index of <paramref name="key"/> (exact, case-sensitive match), or -1 when unknown or null.</summary>
        public static int IndexOf(string key)
        {
            if (key == null)
            {
                return -1;
            }

            for (int i = 0; i < Keys.Length; i++)
            {
                if (Keys[i] == key)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>True when <paramref name="key"/> is one of the known keys.</summary>
        public static bool IsKnown(string key)
        {
            return IndexOf(key) >= 0;
        }

        /// <summary>
        /// True for the write-only keys (wifi.password, aws.token, aws.signature, aws.renewalKey, mqtt.password): their
        /// values are never echoed, logged or put in a message; false for every other string, null included.
        /// </summary>
        public static bool IsSecret(string key)
        {
            return key == WifiPassword || key == AwsToken || key == AwsSignature || key == AwsRenewalKey || key == MqttPassword;
        }

        /// <summary>True for the keys whose value is a whole number.</summary>
        public static bool IsNumeric(string key)
        {
            return key == AwsPort || key == AwsTokenWarnDays || key == MqttKeepAliveSeconds || key == TelemetryIntervalSeconds
                || key == TelemetryQos || key == TelemetryQueueCapacity || key == TelemetryBatchBytes;
        }

        /// <summary>The known keys as one comma-separated line, for "unknown key" messages.</summary>
        public static string ListForMessage()
        {
            TextBuilder builder = new TextBuilder();
            for (int i = 0; i < Keys.Length; i++)
            {
                if (i > 0)
                {
                    builder.Append(", ");
                }

                builder.Append(Keys[i]);
            }

            return builder.ToString();
        }
    }
}
