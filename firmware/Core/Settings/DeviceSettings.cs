using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Auth;
using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Settings
{
    /// <summary>
    /// The device configuration. Every value is kept as the text the user gave (never null; "" means
    /// not set), so anything can be stored, round-tripped and then reported by
    /// <see cref="SettingsValidator"/> with every problem at once; the typed properties read that text.
    /// Only run the device with settings that passed <see cref="SettingsValidator.Validate"/>.
    /// Secret values (see <see cref="SettingKeys.IsSecret"/>) are readable here because the platform needs
    /// them; anything shown to a user must go through <see cref="SettingsCodec.Describe"/> or
    /// <see cref="SettingsCodec.DescribeValue"/>. Not thread-safe: give other threads a <see cref="Clone"/>.
    /// </summary>
    public class DeviceSettings
    {
        /// <summary>Default aws.port: the only port where AWS offers custom auth (MQTT with ALPN, MQTT over WebSockets).</summary>
        public const int DefaultPort = 443;

        /// <summary>aws.mode value for <see cref="TransportMode.Alpn"/>.</summary>
        public const string ModeAlpn = "alpn";

        /// <summary>aws.mode value for <see cref="TransportMode.Domain"/>.</summary>
        public const string ModeDomain = "domain";

        /// <summary>aws.mode value for <see cref="TransportMode.Wss"/> (the default: it works on stock nanoFramework with the default endpoint).</summary>
        public const string ModeWss = "wss";

        /// <summary>aws.wssCredentials value for <see cref="Abstractions.WssCredentials.Headers"/> (the default).</summary>
        public const string WssCredentialsHeaders = "headers";

        /// <summary>aws.wssCredentials value for <see cref="Abstractions.WssCredentials.Query"/>.</summary>
        public const string WssCredentialsQuery = "query";

        /// <summary>Default aws.tokenKeyName (what the AWS console suggests).</summary>
        public const string DefaultTokenKeyName = "token";

        /// <summary>Default aws.tokenWarnDays: two weeks, time enough to renew before the token stops working.</summary>
        public const int DefaultTokenWarnDays = 14;

        /// <summary>Default mqtt.keepAliveSeconds: well inside AWS's 30..1200 and cheap on the radio.</summary>
        public const int DefaultKeepAliveSeconds = 60;

        /// <summary>Default telemetry.intervalSeconds.</summary>
        public const int DefaultIntervalSeconds = 10;

        /// <summary>Default telemetry.qos: at-least-once, so a dropped link does not lose readings.</summary>
        public const int DefaultQos = 1;

        /// <summary>Default telemetry.queueCapacity: about 16 minutes of readings at the default interval.</summary>
        public const int DefaultQueueCapacity = 100;

        /// <summary>Default telemetry.batchBytes: one 5 KB unit of AWS's metering.</summary>
        public const int DefaultBatchBytes = AwsIotDevice.Core.Telemetry.TelemetryDrain.DefaultBatchBytes;

        /// <summary>What the typed properties return when the stored text is not a whole number.</summary>
        public const int InvalidNumber = -1;

        private readonly string[] _values = new string[SettingKeys.Count];

        /// <summary>Creates settings holding the defaults (required values such as wifi.ssid are empty).</summary>
        public DeviceSettings()
        {
            ResetToDefaults();
        }

        /// <summary>Puts every key back to its default value.</summary>
        public void ResetToDefaults()
        {
            for (int i = 0; i < _values.Length; i++)
            {
                _values[i] = string.Empty;
            }

            SetRaw(SettingKeys.AwsPort, DefaultPort.ToString());
            SetRaw(SettingKeys.AwsMode, ModeWss);
            SetRaw(SettingKeys.AwsWssCredentials, WssCredentialsHeaders);
            SetRaw(SettingKeys.AwsTokenKeyName, DefaultTokenKeyName);
            SetRaw(SettingKeys.AwsTokenWarnDays, DefaultTokenWarnDays.ToString());
            SetRaw(SettingKeys.MqttKeepAliveSeconds, DefaultKeepAliveSeconds.ToString());
            SetRaw(SettingKeys.TelemetryIntervalSeconds, DefaultIntervalSeconds.ToString());
            SetRaw(SettingKeys.TelemetryQos, DefaultQos.ToString());
            SetRaw(SettingKeys.TelemetryQueueCapacity, DefaultQueueCapacity.ToString());
            SetRaw(SettingKeys.TelemetryBatchBytes, DefaultBatchBytes.ToString());
        }

        /// <summary>
        /// The default text of <paramref name="key"/> ("" for keys without a default), or null for an unknown key.
        /// </summary>
        public static string DefaultOf(string key)
        {
            if (!SettingKeys.IsKnown(key))
            {
                return null;
            }

            return new DeviceSettings().Get(key);
        }

        /// <summary>
        /// Returns the stored text of <paramref name="key"/> ("" when not set), or null for an unknown key.
        /// This returns secrets too: never echo it to a user or a log (use SettingsCodec.DescribeValue).
        /// </summary>
        public string Get(string key)
        {
            int index = SettingKeys.IndexOf(key);
            return index < 0 ? null : _values[index];
        }

        /// <summary>
        /// Stores <paramref name="value"/> (null means "") for <paramref name="key"/>. Returns null on success,
        /// or a one-line message saying what is wrong and what to do; never throws for user input.
        /// Only an unknown key is refused here: value rules are checked by <see cref="SettingsValidator"/>,
        /// so a whole configuration can be reported at once. aws.signature is normalised: a percent-encoded
        /// signature (%2B, %2F, %3D, any case) is stored as raw base64.
        /// </summary>
        public string Set(string key, string value)
        {
            int index = SettingKeys.IndexOf(key);
            if (index < 0)
            {
                if (SettingText.IsEmpty(key))
                {
                    return "setting name is empty; known settings: " + SettingKeys.ListForMessage();
                }

                return "unknown setting " + SettingText.Quote(key) + "; known settings: " + SettingKeys.ListForMessage();
            }

            _values[index] = Normalize(key, value);
            return null;
        }

        /// <summary>Returns an independent copy.</summary>
        public DeviceSettings Clone()
        {
            DeviceSettings copy = new DeviceSettings();
            copy.CopyFrom(this);
            return copy;
        }

        /// <summary>Makes every value equal to <paramref name="other"/>'s.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="other"/> is null.</exception>
        public void CopyFrom(DeviceSettings other)
        {
            if (other == null)
            {
                throw new System.ArgumentNullException("other");
            }

            for (int i = 0; i < _values.Length; i++)
            {
                _values[i] = other._values[i];
            }
        }

        /// <summary>True when every key holds the same text as in <paramref name="other"/>.</summary>
        public bool SameAs(DeviceSettings other)
        {
            if (other == null)
            {
                return false;
            }

            for (int i = 0; i < _values.Length; i++)
            {
                if (_values[i] != other._values[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>wifi.ssid.</summary>
        public string WifiSsid
        {
            get { return Get(SettingKeys.WifiSsid); }
            set { SetRaw(SettingKeys.WifiSsid, value); }
        }

        /// <summary>wifi.password. Secret.</summary>
        public string WifiPassword
        {
            get { return Get(SettingKeys.WifiPassword); }
            set { SetRaw(SettingKeys.WifiPassword, value); }
        }

        /// <summary>aws.endpoint: DNS name, also the TLS SNI.</summary>
        public string Endpoint
        {
            get { return Get(SettingKeys.AwsEndpoint); }
            set { SetRaw(SettingKeys.AwsEndpoint, value); }
        }

        /// <summary>aws.port as a number, or <see cref="InvalidNumber"/> when its text is not a whole number.</summary>
        public int Port
        {
            get { return ReadNumber(SettingKeys.AwsPort); }
            set { SetRaw(SettingKeys.AwsPort, value.ToString()); }
        }

        /// <summary>aws.mode text: "wss", "domain" or "alpn" when valid.</summary>
        public string Mode
        {
            get { return Get(SettingKeys.AwsMode); }
            set { SetRaw(SettingKeys.AwsMode, value); }
        }

        /// <summary>aws.wssCredentials text: "headers" or "query" when valid.</summary>
        public string WssCredentials
        {
            get { return Get(SettingKeys.AwsWssCredentials); }
            set { SetRaw(SettingKeys.AwsWssCredentials, value); }
        }

        /// <summary>aws.authorizer.</summary>
        public string AuthorizerName
        {
            get { return Get(SettingKeys.AwsAuthorizer); }
            set { SetRaw(SettingKeys.AwsAuthorizer, value); }
        }

        /// <summary>aws.tokenKeyName.</summary>
        public string TokenKeyName
        {
            get { return Get(SettingKeys.AwsTokenKeyName); }
            set { SetRaw(SettingKeys.AwsTokenKeyName, value); }
        }

        /// <summary>aws.token. Secret.</summary>
        public string Token
        {
            get { return Get(SettingKeys.AwsToken); }
            set { SetRaw(SettingKeys.AwsToken, value); }
        }

        /// <summary>aws.signature, raw base64 (a percent-encoded value is decoded when set). Secret.</summary>
        public string Signature
        {
            get { return Get(SettingKeys.AwsSignature); }
            set { SetRaw(SettingKeys.AwsSignature, value); }
        }

        /// <summary>aws.renewalKey: base64 of the 32-byte renewal HMAC key, "" when renewals are off. Secret.</summary>
        public string RenewalKey
        {
            get { return Get(SettingKeys.AwsRenewalKey); }
            set { SetRaw(SettingKeys.AwsRenewalKey, value); }
        }

        /// <summary>aws.tokenWarnDays, or <see cref="InvalidNumber"/>.</summary>
        public int TokenWarnDays
        {
            get { return ReadNumber(SettingKeys.AwsTokenWarnDays); }
            set { SetRaw(SettingKeys.AwsTokenWarnDays, value.ToString()); }
        }

        /// <summary>mqtt.clientId.</summary>
        public string ClientId
        {
            get { return Get(SettingKeys.MqttClientId); }
            set { SetRaw(SettingKeys.MqttClientId, value); }
        }

        /// <summary>mqtt.username: the plain user part, without the authorizer query.</summary>
        public string MqttUsername
        {
            get { return Get(SettingKeys.MqttUsername); }
            set { SetRaw(SettingKeys.MqttUsername, value); }
        }

        /// <summary>mqtt.password. Secret.</summary>
        public string MqttPassword
        {
            get { return Get(SettingKeys.MqttPassword); }
            set { SetRaw(SettingKeys.MqttPassword, value); }
        }

        /// <summary>mqtt.keepAliveSeconds, or <see cref="InvalidNumber"/>.</summary>
        public int KeepAliveSeconds
        {
            get { return ReadNumber(SettingKeys.MqttKeepAliveSeconds); }
            set { SetRaw(SettingKeys.MqttKeepAliveSeconds, value.ToString()); }
        }

        /// <summary>telemetry.topic.</summary>
        public string Topic
        {
            get { return Get(SettingKeys.TelemetryTopic); }
            set { SetRaw(SettingKeys.TelemetryTopic, value); }
        }

        /// <summary>telemetry.intervalSeconds, or <see cref="InvalidNumber"/>.</summary>
        public int IntervalSeconds
        {
            get { return ReadNumber(SettingKeys.TelemetryIntervalSeconds); }
            set { SetRaw(SettingKeys.TelemetryIntervalSeconds, value.ToString()); }
        }

        /// <summary>telemetry.qos (0 or 1 when valid), or <see cref="InvalidNumber"/>.</summary>
        public int Qos
        {
            get { return ReadNumber(SettingKeys.TelemetryQos); }
            set { SetRaw(SettingKeys.TelemetryQos, value.ToString()); }
        }

        /// <summary>telemetry.queueCapacity, or <see cref="InvalidNumber"/>.</summary>
        public int QueueCapacity
        {
            get { return ReadNumber(SettingKeys.TelemetryQueueCapacity); }
            set { SetRaw(SettingKeys.TelemetryQueueCapacity, value.ToString()); }
        }

        /// <summary>telemetry.batchBytes, or <see cref="InvalidNumber"/>.</summary>
        public int BatchBytes
        {
            get { return ReadNumber(SettingKeys.TelemetryBatchBytes); }
            set { SetRaw(SettingKeys.TelemetryBatchBytes, value.ToString()); }
        }

        /// <summary>aws.mode as a <see cref="TransportMode"/>: Alpn for "alpn", Domain for "domain", Wss otherwise (validate first).</summary>
        public TransportMode ToTransportMode()
        {
            string mode = Mode;
            if (mode == ModeAlpn)
            {
                return TransportMode.Alpn;
            }

            return mode == ModeDomain ? TransportMode.Domain : TransportMode.Wss;
        }

        /// <summary>aws.wssCredentials as <see cref="Abstractions.WssCredentials"/>: Query for "query", Headers otherwise.</summary>
        public Abstractions.WssCredentials ToWssCredentials()
        {
            return WssCredentials == WssCredentialsQuery ? Abstractions.WssCredentials.Query : Abstractions.WssCredentials.Headers;
        }

        /// <summary>
        /// The full custom-authorizer MQTT username of alpn and domain mode: mqtt.username plus the query built by
        /// <see cref="AuthUsername.Build"/> from aws.authorizer, aws.signature, aws.tokenKeyName and aws.token
        /// (wss mode sends mqtt.username alone). Contains secrets (token, signature): never log it.
        /// </summary>
        public string BuildUsername()
        {
            return AuthUsername.Build(MqttUsername, AuthorizerName, Signature, TokenKeyName, Token);
        }

        /// <summary>
        /// Turns a percent-encoded base64 signature (as copied from a URL or an SDK log) into raw base64.
        /// Only %2B, %2F and %3D are decoded: base64 has no other character that needs encoding, and anything
        /// else is left for the validator to report.
        /// </summary>
        public static string DecodeSignature(string value)
        {
            if (value == null || SettingText.IndexOf(value, '%') < 0)
            {
                return value;
            }

            TextBuilder builder = new TextBuilder();
            int i = 0;
            while (i < value.Length)
            {
                char c = value[i];
                if (c == '%' && i + 2 < value.Length)
                {
                    char decoded = DecodeBase64Escape(value[i + 1], value[i + 2]);
                    if (decoded != '\0')
                    {
                        builder.Append(decoded);
                        i += 3;
                        continue;
                    }
                }

                builder.Append(c);
                i++;
            }

            return builder.ToString();
        }

        private static char DecodeBase64Escape(char high, char low)
        {
            if (high == '2' && (low == 'B' || low == 'b'))
            {
                return '+';
            }

            if (high == '2' && (low == 'F' || low == 'f'))
            {
                return '/';
            }

            if (high == '3' && (low == 'D' || low == 'd'))
            {
                return '=';
            }

            return '\0';
        }

        private static string Normalize(string key, string value)
        {
            if (value == null)
            {
                return string.Empty;
            }

            return key == SettingKeys.AwsSignature ? DecodeSignature(value) : value;
        }

        private void SetRaw(string key, string value)
        {
            _values[SettingKeys.IndexOf(key)] = Normalize(key, value);
        }

        private int ReadNumber(string key)
        {
            int value;
            return SettingText.TryParseWhole(Get(key), out value) ? value : InvalidNumber;
        }
    }
}
