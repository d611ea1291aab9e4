using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Auth;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Supervision
{
    /// <summary>
    /// Everything the <see cref="Supervisor"/> needs, as plain fields: the device settings it uses plus timing
    /// knobs with production defaults. It is the supervisor's own options object so the state machine does not
    /// depend on the settings storage format. Fields marked "Secret" are never logged, shown or returned by Core.
    /// </summary>
    public class SupervisorConfig
    {
        /// <summary>How long one network join may take.</summary>
        public const int DefaultJoinTimeoutMs = 20000;

        /// <summary>How long to wait for a valid wall clock before counting TimeNotSet.</summary>
        public const int DefaultTimeWaitMaxMs = 60000;

        /// <summary>How long a QoS 1 publish may wait for PUBACK.</summary>
        public const int DefaultPublishTimeoutMs = 10000;

        /// <summary>A session that ends within this long after CONNACK, before any PUBACK, is counted as ClosedAfterConnack.</summary>
        public const int DefaultEarlyCloseWindowMs = 5000;

        /// <summary>Longest single sleep: bounds how late a stop request or a new configuration is noticed.</summary>
        public const int DefaultPollMs = 1000;

        /// <summary>
        /// Longest wait for one Wi-Fi join on the call worker (the ESP32's join can take about 40 s whatever its timeout
        /// says); past it the join is Fault.Timeout.
        /// </summary>
        public const int DefaultJoinBoundMs = 60000;

        /// <summary>
        /// Longest wait for one connect (DNS, TCP, TLS, upgrade, CONNACK): above Core's own TLS, upgrade and CONNACK
        /// timeouts (40 s together), so it only catches the calls that have none (DNS, TCP, a stuck handshake).
        /// </summary>
        public const int DefaultConnectBoundMs = 60000;

        /// <summary>Longest wait for a close; past it the link is aborted.</summary>
        public const int DefaultCloseBoundMs = 5000;

        /// <summary>A call blocked this long makes the supervisor throw BlockedCallException (restart the device).</summary>
        public const int DefaultStuckRestartMs = 300000;

        public string WifiSsid;

        /// <summary>Secret.</summary>
        public string WifiPassword;

        /// <summary>Broker DNS name (also the TLS SNI).</summary>
        public string Host;

        public int Port = 443;

        /// <summary>How the broker is reached (aws.mode); wss by default, as for new device settings.</summary>
        public TransportMode Mode = TransportMode.Wss;

        /// <summary>Wss mode: upgrade headers or query (aws.wssCredentials).</summary>
        public WssCredentials WssCredentials = WssCredentials.Headers;

        public string ClientId;

        /// <summary>
        /// The user part of the MQTT username (may be empty); in alpn and domain mode the authorizer query is appended to
        /// it, in wss mode it is the whole username.
        /// </summary>
        public string MqttUser;

        public string AuthorizerName;

        public string TokenKeyName;

        /// <summary>Secret.</summary>
        public string Token;

        /// <summary>Secret (base64 RSA-SHA256 signature of <see cref="Token"/>).</summary>
        public string Signature;

        /// <summary>Secret; null or empty for none.</summary>
        public string MqttPassword;

        public int KeepAliveSeconds = 60;

        public string Topic;

        /// <summary>Time between two samples, in milliseconds (1000 or more).</summary>
        public int SampleIntervalMs = 10000;

        /// <summary>0 or 1.</summary>
        public int Qos = 1;

        public int JoinTimeoutMs = DefaultJoinTimeoutMs;

        public int TimeWaitMaxMs = DefaultTimeWaitMaxMs;

        public int PublishTimeoutMs = DefaultPublishTimeoutMs;

        public int EarlyCloseWindowMs = DefaultEarlyCloseWindowMs;

        public int PollMs = DefaultPollMs;

        /// <summary>Largest backlog message in bytes (telemetry.batchBytes): several readings as one JSON array.</summary>
        public int BatchBytes = AwsIotDevice.Core.Telemetry.TelemetryDrain.DefaultBatchBytes;
        public int JoinBoundMs = DefaultJoinBoundMs;

        public int ConnectBoundMs = DefaultConnectBoundMs;

        public int CloseBoundMs = DefaultCloseBoundMs;

        public int StuckRestartMs = DefaultStuckRestartMs;

        /// <summary>
        /// The settings this configuration was built from (a copy; null when built by hand), for what reads settings the
        /// supervisor itself does not use (credential renewal: aws.renewalKey, aws.tokenWarnDays). Holds secrets.
        /// </summary>
        public DeviceSettings Source;

        /// <summary>
        /// Builds the configuration from <paramref name="settings"/> (copied: later changes to the settings object do
        /// not affect it), with the default timing values. Validate the settings with SettingsValidator first; this
        /// does no checking of its own beyond <see cref="Validate"/>.
        /// </summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="settings"/> is null.</exception>
        public static SupervisorConfig FromSettings(DeviceSettings settings)
        {
            if (settings == null)
            {
                throw new System.ArgumentNullException("settings");
            }

            SupervisorConfig config = new SupervisorConfig();
            config.WifiSsid = settings.WifiSsid;
            config.WifiPassword = settings.WifiPassword;
            config.Host = settings.Endpoint;
            config.Port = settings.Port;
            config.Mode = settings.ToTransportMode();
            config.WssCredentials = settings.ToWssCredentials();
            config.ClientId = settings.ClientId;
            config.MqttUser = settings.MqttUsername;
            config.AuthorizerName = settings.AuthorizerName;
            config.TokenKeyName = settings.TokenKeyName;
            config.Token = settings.Token;
            config.Signature = settings.Signature;
            config.MqttPassword = IsEmpty(settings.MqttPassword) ? null : settings.MqttPassword;
            config.KeepAliveSeconds = settings.KeepAliveSeconds;
            config.Topic = settings.Topic;
            int seconds = settings.IntervalSeconds;
            config.SampleIntervalMs = seconds > 0 && seconds <= int.MaxValue / 1000 ? seconds * 1000 : 0;
            config.Qos = settings.Qos;
            config.Source = settings.Clone();
            config.BatchBytes = settings.BatchBytes;
            return config;
        }

        /// <summary>
        /// Returns null when the configuration can run, otherwise one secret-free sentence naming the first
        /// problem by its setting key (e.g. "aws.endpoint is empty").
        /// </summary>
        public string Validate()
        {
            if (IsEmpty(WifiSsid))
            {
                return "wifi.ssid is empty";
            }

            if (IsEmpty(Host))
            {
                return "aws.endpoint is empty";
            }

            if (Port < 1 || Port > 65535)
            {
                return "aws.port must be 1..65535";
            }

            if (Mode != TransportMode.Alpn && Mode != TransportMode.Domain && Mode != TransportMode.Wss)
            {
                return "aws.mode must be wss, domain or alpn";
            }

            if (IsEmpty(ClientId))
            {
                return "mqtt.clientId is empty";
            }

            if (!IsEmpty(Token) && IsEmpty(TokenKeyName))
            {
                return "aws.tokenKeyName is required when aws.token is set";
            }

            if (IsEmpty(Topic))
            {
                return "telemetry.topic is empty";
            }

            if (SampleIntervalMs < 1000)
            {
                return "telemetry.intervalSeconds must be 1 or more";
            }

            if (Qos != 0 && Qos != 1)
            {
                return "telemetry.qos must be 0 or 1";
            }

            if (BatchBytes < AwsIotDevice.Core.Telemetry.TelemetryDrain.MinBatchBytes
                || BatchBytes > AwsIotDevice.Core.Telemetry.TelemetryDrain.MaxBatchBytes)
            {
                return "telemetry.batchBytes must be 256..8192";
            }

            if (KeepAliveSeconds < 0)
            {
                return "mqtt.keepAliveSeconds must be 0 or more";
            }

            if (JoinTimeoutMs < 1 || TimeWaitMaxMs < 1 || PublishTimeoutMs < 1 || EarlyCloseWindowMs < 0
                || PollMs < 1 || JoinBoundMs < 1 || ConnectBoundMs < 1 || CloseBoundMs < 1 || StuckRestartMs < 1)
            {
                return "supervisor timing values out of range";
            }

            return null;
        }

        /// <summary>
        /// The full MQTT username with the custom-authorizer query (what alpn and domain mode send). Secret: it carries
        /// token and signature.
        /// </summary>
        public string BuildUsername()
        {
            return AuthUsername.Build(MqttUser, AuthorizerName, Signature, TokenKeyName, Token);
        }

        /// <summary>
        /// A new clean-session connect request for this configuration: host, port, mode, client id, the username
        /// (in wss mode the plain <see cref="MqttUser"/>, since the credentials go into the upgrade request, which gets
        /// the authorizer name, token key name, token, signature and their placement; otherwise the full
        /// custom-authorizer username), password or null, keepalive. Contains secrets: never log it.
        /// </summary>
        public MqttConnectRequest BuildConnectRequest()
        {
            MqttConnectRequest request = new MqttConnectRequest();
            request.Host = Host;
            request.Port = Port;
            request.Mode = Mode;
            request.ClientId = ClientId;
            request.Username = Mode == TransportMode.Wss ? (MqttUser ?? string.Empty) : BuildUsername();
            request.Password = MqttPassword;
            request.KeepAliveSeconds = KeepAliveSeconds;
            request.CleanSession = true;
            request.LargestPayloadBytes = BatchBytes;
            if (Mode == TransportMode.Wss)
            {
                request.AuthorizerName = AuthorizerName;
                request.TokenKeyName = TokenKeyName;
                request.Token = Token;
                request.Signature = Signature;
                request.WssCredentials = WssCredentials;
            }

            return request;
        }

        /// <summary>
        /// A copy of this configuration that connects with <paramref name="token"/> and <paramref name="signature"/>
        /// instead (a renewed credential); everything else, <see cref="Source"/> included, is shared. Secret.
        /// </summary>
        public SupervisorConfig WithCredential(string token, string signature)
        {
            SupervisorConfig copy = (SupervisorConfig)MemberwiseClone();
            copy.Token = token;
            copy.Signature = signature;
            return copy;
        }

        /// <summary>
        /// Returns <paramref name="text"/> with every secret of this configuration (raw or percent-encoded, and the
        /// full username) replaced by "***". Defence in depth for details that come from adapters: they promise
        /// to be secret-free, but a leak there must not reach STATUS or the log. Null becomes "".
        /// </summary>
        public string Scrub(string text)
        {
            if (text == null)
            {
                return string.Empty;
            }

            text = Mask(text, BuildUsername());
            text = MaskBoth(text, Token);
            text = MaskBoth(text, Signature);
            text = MaskBoth(text, MqttPassword);
            text = MaskBoth(text, WifiPassword);
            if (Source != null)
            {
                // Every other secret of the settings (e.g. aws.renewalKey), as SettingKeys names them.
                for (int i = 0; i < SettingKeys.Count; i++)
                {
                    string key = SettingKeys.KeyAt(i);
                    if (SettingKeys.IsSecret(key))
                    {
                        text = MaskBoth(text, Source.Get(key));
                    }
                }
            }

            return text;
        }

        /// <summary>A secret-free one-line summary for the log ("host:port mode client topic ...").</summary>
        public string DescribeTarget()
        {
            return Host + ":" + Port.ToString() + " mode=" + TransportModeNames.Of(Mode)
                + (Mode == TransportMode.Wss ? " wssCredentials=" + TransportModeNames.Of(WssCredentials) : string.Empty)
                + " clientId=" + ClientId + " topic=" + Topic + " qos=" + Qos.ToString()
                + " intervalMs=" + SampleIntervalMs.ToString();
        }

        private static string MaskBoth(string text, string secret)
        {
            text = Mask(text, secret);
            return Mask(text, PercentEncoder.Encode(secret));
        }

        // Very short secrets are not masked: replacing every "a" would destroy the detail and hide nothing.
        private static string Mask(string text, string secret)
        {
            if (secret == null || secret.Length < 3)
            {
                return text;
            }

            int index = text.IndexOf(secret);
            if (index < 0)
            {
                return text;
            }

            TextBuilder builder = new TextBuilder();
            int start = 0;
            while (index >= 0)
            {
                builder.Append(text.Substring(start, index - start));
                builder.Append("***");
                start = index + secret.Length;
                index = start < text.Length ? text.IndexOf(secret, start) : -1;
            }

            if (start < text.Length)
            {
                builder.Append(text.Substring(start));
            }

            return builder.ToString();
        }

        private static bool IsEmpty(string value)
        {
            return value == null || value.Length == 0;
        }
    }
}
