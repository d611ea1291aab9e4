using System.Collections;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Auth;
using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Settings
{
    /// <summary>
    /// Checks a whole <see cref="DeviceSettings"/> against what the device, Wi-Fi and AWS IoT Core accept
    /// (limits from the AWS custom-authentication, CreateAuthorizer and broker-limit documentation), and
    /// reports every problem at once so a user can fix them in one pass. At most one problem per key.
    /// Messages start with the key, say what is wrong and what to do, and never contain a secret value.
    /// <para>
    /// What the platform cannot do is a validation problem too: given the device's <see cref="PlatformCapabilities"/>
    /// (from its TLS connector), aws.mode=alpn is refused where ALPN cannot be sent, at SET, COMMIT and boot alike.
    /// The overloads without capabilities validate for a platform that can do everything (the virtual device, host tools).
    /// </para>
    /// </summary>
    public static class SettingsValidator
    {
        /// <summary>Largest SSID, in bytes (IEEE 802.11).</summary>
        public const int MaxSsidBytes = 32;

        /// <summary>AWS limits for custom-auth fields (CreateAuthorizer / custom-auth docs).</summary>
        public const int MaxAuthorizerNameLength = 128;

        public const int MaxTokenKeyNameLength = 128;

        public const int MaxTokenLength = 6144;

        public const int MaxSignatureLength = 2560;

        /// <summary>AWS IoT broker limits.</summary>
        public const int MaxClientIdBytes = 128;

        public const int MaxTopicBytes = 256;

        public const int MaxTopicSlashes = 7;

        public const int MinKeepAliveSeconds = 30;

        public const int MaxKeepAliveSeconds = 1200;

        /// <summary>A day: longer intervals are more likely a unit mistake than intent.</summary>
        public const int MaxIntervalSeconds = 86400;

        /// <summary>Upper bound on any platform; a board's own bound is PlatformCapabilities.MaxQueueCapacity (QueueBudget).</summary>
        public const int MaxQueueCapacity = 1000;

        /// <summary>MQTT 3.1.1 strings (username, password) are at most 65535 bytes.</summary>
        public const int MaxMqttStringBytes = 65535;

        private const string BasicIngestPrefix = "$aws/rules/";

        /// <summary>
        /// Returns every problem in <paramref name="settings"/> as <see cref="SettingProblem"/>s (empty when valid), for a
        /// platform that can do everything (<see cref="PlatformCapabilities.Unrestricted"/>).
        /// </summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="settings"/> is null.</exception>
        public static ArrayList Validate(DeviceSettings settings)
        {
            return Validate(settings, PlatformCapabilities.Unrestricted);
        }

        /// <summary>
        /// Returns every problem in <paramref name="settings"/> for a platform with <paramref name="capabilities"/>
        /// (null: unrestricted), as <see cref="SettingProblem"/>s (empty when valid).
        /// </summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="settings"/> is null.</exception>
        public static ArrayList Validate(DeviceSettings settings, PlatformCapabilities capabilities)
        {
            if (settings == null)
            {
                throw new System.ArgumentNullException("settings");
            }

            PlatformCapabilities can = capabilities != null ? capabilities : PlatformCapabilities.Unrestricted;
            ArrayList problems = new ArrayList();
            CheckSsid(problems, settings.WifiSsid);
            CheckWifiPassword(problems, settings.WifiPassword);
            CheckEndpoint(problems, settings.Endpoint);
            bool modeValid = CheckMode(problems, settings.Mode, can);
            CheckWssCredentials(problems, settings.WssCredentials);
            CheckPort(problems, settings, modeValid);
            CheckAuthorizer(problems, settings);
            CheckTokenKeyName(problems, settings);
            CheckTokenAndSignature(problems, settings);
            RenewalSettingRules.Check(problems, settings);
            CheckClientId(problems, settings.ClientId);
            CheckUsername(problems, settings);
            CheckMqttPassword(problems, settings.MqttPassword);
            CheckKeepAlive(problems, settings.Get(SettingKeys.MqttKeepAliveSeconds));
            CheckTopic(problems, settings.Topic);
            CheckRange(problems, SettingKeys.TelemetryIntervalSeconds, settings.Get(SettingKeys.TelemetryIntervalSeconds), 1, MaxIntervalSeconds, "seconds between readings");
            CheckQos(problems, settings.Get(SettingKeys.TelemetryQos));
            CheckRange(problems, SettingKeys.TelemetryQueueCapacity, settings.Get(SettingKeys.TelemetryQueueCapacity), 1, can.MaxQueueCapacity,
                can.MaxQueueCapacity < MaxQueueCapacity
                    ? "readings kept while offline; " + can.MaxQueueCapacity.ToString() + " is the most this device's free memory holds"
                    : "readings kept while offline");
            return problems;
        }

        /// <summary>True when <see cref="Validate(DeviceSettings)"/> finds nothing.</summary>
        public static bool IsValid(DeviceSettings settings)
        {
            return Validate(settings).Count == 0;
        }

        /// <summary>True when <see cref="Validate(DeviceSettings, PlatformCapabilities)"/> finds nothing.</summary>
        public static bool IsValid(DeviceSettings settings, PlatformCapabilities capabilities)
        {
            return Validate(settings, capabilities).Count == 0;
        }

        /// <summary>
        /// The problem reported for <paramref name="key"/> when the whole of <paramref name="settings"/> is
        /// validated (rules between keys included), or null when that key is fine. Lets SET answer at once.
        /// </summary>
        public static SettingProblem ValidateKey(DeviceSettings settings, string key)
        {
            return ValidateKey(settings, key, PlatformCapabilities.Unrestricted);
        }

        /// <summary>As <see cref="ValidateKey(DeviceSettings, string)"/>, for a platform with <paramref name="capabilities"/>.</summary>
        public static SettingProblem ValidateKey(DeviceSettings settings, string key, PlatformCapabilities capabilities)
        {
            ArrayList problems = Validate(settings, capabilities);
            for (int i = 0; i < problems.Count; i++)
            {
                SettingProblem problem = (SettingProblem)problems[i];
                if (problem.Key == key)
                {
                    return problem;
                }
            }

            return null;
        }

        private static void Add(ArrayList problems, string key, string message)
        {
            problems.Add(new SettingProblem(key, message, 0));
        }

        private static void CheckSsid(ArrayList problems, string ssid)
        {
            if (SettingText.IsEmpty(ssid))
            {
                Add(problems, SettingKeys.WifiSsid, "wifi.ssid is empty: set the name of the Wi-Fi network to join");
                return;
            }

            int bytes = Utf8.ByteCount(ssid);
            if (bytes > MaxSsidBytes)
            {
                Add(problems, SettingKeys.WifiSsid, "wifi.ssid is " + bytes.ToString() + " bytes; a Wi-Fi network name is at most 32 bytes (UTF-8): check the name");
            }
        }

        private static void CheckWifiPassword(ArrayList problems, string password)
        {
            // WPA2-PSK takes a passphrase of 8..63 bytes or the raw key as 64 hex digits; empty means an open network.
            // The length is not echoed: even that narrows a secret.
            if (SettingText.IsEmpty(password))
            {
                return;
            }

            int bytes = Utf8.ByteCount(password);
            if (bytes < 8)
            {
                Add(problems, SettingKeys.WifiPassword, "wifi.password is too short: a WPA2 passphrase has 8 to 63 characters; leave it empty only for an open network");
            }
            else if (bytes == 64)
            {
                for (int i = 0; i < password.Length; i++)
                {
                    if (!SettingText.IsHexDigit(password[i]))
                    {
                        Add(problems, SettingKeys.WifiPassword, "wifi.password has 64 characters, so it must be a 64-digit hex key (0-9, a-f); a passphrase has at most 63 characters");
                        return;
                    }
                }
            }
            else if (bytes > 64)
            {
                Add(problems, SettingKeys.WifiPassword, "wifi.password is too long: a WPA2 passphrase has 8 to 63 characters (or is a 64-digit hex key)");
            }
        }

        private static void CheckEndpoint(ArrayList problems, string endpoint)
        {
            string key = SettingKeys.AwsEndpoint;
            const string Hint = "use your account's data endpoint from 'aws iot describe-endpoint --endpoint-type iot:Data-ATS' (e.g. abc123-ats.iot.eu-west-1.amazonaws.com)";
            if (SettingText.IsEmpty(endpoint))
            {
                Add(problems, key, "aws.endpoint is empty: " + Hint);
                return;
            }

            string shown = SettingText.Quote(endpoint);
            int colon = SettingText.IndexOf(endpoint, ':');
            if (colon >= 0 && colon + 2 < endpoint.Length && endpoint[colon + 1] == '/' && endpoint[colon + 2] == '/')
            {
                Add(problems, key, "aws.endpoint " + shown + " includes a scheme: give the host name only; " + Hint);
                return;
            }

            if (endpoint[0] == '[' || (colon >= 0 && SettingText.CountOf(endpoint, ':', 0) >= 2))
            {
                Add(problems, key, "aws.endpoint " + shown + " is an IPv6 address: TLS SNI needs the DNS name; " + Hint);
                return;
            }

            if (colon >= 0)
            {
                Add(problems, key, "aws.endpoint " + shown + " contains ':': give the host name only and put the port in aws.port");
                return;
            }

            if (IsIpv4Literal(endpoint))
            {
                Add(problems, key, "aws.endpoint " + shown + " is an IPv4 address: TLS SNI needs the DNS name; " + Hint);
                return;
            }

            string dnsProblem = DnsNameProblem(endpoint);
            if (dnsProblem != null)
            {
                Add(problems, key, "aws.endpoint " + shown + " is not a valid DNS name: " + dnsProblem);
            }
        }

        private static bool IsIpv4Literal(string host)
        {
            int labels = 1;
            int digits = 0;
            for (int i = 0; i < host.Length; i++)
            {
                char c = host[i];
                if (c == '.')
                {
                    if (digits == 0)
                    {
                        return false;
                    }

                    labels++;
                    digits = 0;
                }
                else if (SettingText.IsAsciiDigit(c))
                {
                    digits++;
                }
                else
                {
                    return false;
                }
            }

            return labels == 4 && digits > 0;
        }

        /// <summary>Null when <paramref name="host"/> is a DNS name (RFC 1123 labels), else what is wrong.</summary>
        private static string DnsNameProblem(string host)
        {
            if (host.Length > 253)
            {
                return "it is " + host.Length.ToString() + " characters and a DNS name is at most 253";
            }

            if (host[host.Length - 1] == '.')
            {
                return "remove the trailing '.'";
            }

            int labelStart = 0;
            for (int i = 0; i <= host.Length; i++)
            {
                if (i < host.Length && host[i] != '.')
                {
                    char c = host[i];
                    if (!SettingText.IsAsciiLetterOrDigit(c) && c != '-')
                    {
                        return "it contains " + SettingText.Quote(c.ToString()) + "; only letters, digits, '-' and '.' are allowed";
                    }

                    continue;
                }

                int length = i - labelStart;
                if (length == 0)
                {
                    return "it has an empty label (a leading '.' or '..')";
                }

                if (length > 63)
                {
                    return "a label is " + length.ToString() + " characters and the limit is 63";
                }

                if (host[labelStart] == '-' || host[i - 1] == '-')
                {
                    return "a label starts or ends with '-'";
                }

                labelStart = i + 1;
            }

            return null;
        }

        private static bool CheckMode(ArrayList problems, string mode, PlatformCapabilities capabilities)
        {
            if (mode == DeviceSettings.ModeAlpn && !capabilities.CanSendAlpn)
            {
                Add(
                    problems,
                    SettingKeys.AwsMode,
                    "aws.mode is alpn, but this device cannot send TLS ALPN \"mqtt\" (stock nanoFramework's SslStream has no ALPN API), which alpn mode needs: use aws.mode=wss (MQTT over WebSockets to your default -ats endpoint on port 443, no ALPN and no domain needed) or aws.mode=domain (a CUSTOM_AUTH + SECURE_MQTT domain configuration)");
                return false;
            }

            if (mode == DeviceSettings.ModeWss || mode == DeviceSettings.ModeAlpn || mode == DeviceSettings.ModeDomain)
            {
                return true;
            }

            Add(
                problems,
                SettingKeys.AwsMode,
                "aws.mode " + SettingText.Quote(mode) + " is not valid: use wss (the default: MQTT over WebSockets to the default endpoint on port 443, no ALPN), domain (a domain configuration with CUSTOM_AUTH, chosen by its DNS name) or alpn (default endpoint, port 443, TLS ALPN mqtt; not on stock nanoFramework)");
            return false;
        }

        private static void CheckWssCredentials(ArrayList problems, string placement)
        {
            if (placement == DeviceSettings.WssCredentialsHeaders || placement == DeviceSettings.WssCredentialsQuery)
            {
                return;
            }

            Add(
                problems,
                SettingKeys.AwsWssCredentials,
                "aws.wssCredentials " + SettingText.Quote(placement) + " is not valid: use headers (the default: the authorizer name, signature and token as WebSocket upgrade headers) or query (the same names in the upgrade URL's query string, percent-encoded)");
        }

        private static void CheckPort(ArrayList problems, DeviceSettings settings, bool modeValid)
        {
            int port;
            if (!CheckRange(problems, SettingKeys.AwsPort, settings.Get(SettingKeys.AwsPort), 1, 65535, "TCP port (443 for AWS IoT)", out port))
            {
                return;
            }

            // Only AWS itself ties custom auth to 443; a local emulator or test broker may listen anywhere.
            if (modeValid && settings.Mode == DeviceSettings.ModeAlpn && port != DeviceSettings.DefaultPort && IsAwsEndpoint(settings.Endpoint))
            {
                Add(
                    problems,
                    SettingKeys.AwsPort,
                    "aws.port is " + port.ToString() + " but aws.mode is alpn: AWS IoT offers MQTT custom authentication with ALPN only on port 443 (8883 is X.509 certificates only); set aws.port to 443");
            }
            else if (modeValid && settings.Mode == DeviceSettings.ModeWss && port != DeviceSettings.DefaultPort && IsAwsEndpoint(settings.Endpoint))
            {
                Add(
                    problems,
                    SettingKeys.AwsPort,
                    "aws.port is " + port.ToString() + " but aws.mode is wss: AWS IoT serves MQTT over WebSockets with custom authentication only on port 443; set aws.port to 443");
            }
        }

        /// <summary>True for AWS's own host names (amazonaws.com, and amazonaws.com.cn in China regions).</summary>
        public static bool IsAwsEndpoint(string endpoint)
        {
            if (SettingText.IsEmpty(endpoint))
            {
                return false;
            }

            string host = endpoint.ToLower();
            return host.EndsWith(".amazonaws.com") || host.EndsWith(".amazonaws.com.cn");
        }

        private static void CheckAuthorizer(ArrayList problems, DeviceSettings settings)
        {
            string name = settings.AuthorizerName;
            if (SettingText.IsEmpty(name))
            {
                // A domain configuration can name a default authorizer, so only the default endpoint (alpn, wss) needs one here.
                if (settings.Mode != DeviceSettings.ModeDomain)
                {
                    Add(problems, SettingKeys.AwsAuthorizer, "aws.authorizer is empty: set the name of your AWS IoT custom authorizer (only in domain mode may it stay empty, to use the domain configuration's default authorizer)");
                }

                return;
            }

            if (name.Length > MaxAuthorizerNameLength)
            {
                Add(problems, SettingKeys.AwsAuthorizer, "aws.authorizer is " + name.Length.ToString() + " characters; AWS allows at most 128");
                return;
            }

            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (!SettingText.IsAsciiLetterOrDigit(c) && c != '_' && c != '=' && c != ',' && c != '@' && c != '-')
                {
                    Add(problems, SettingKeys.AwsAuthorizer, "aws.authorizer contains " + SettingText.Quote(c.ToString()) + ": an authorizer name has only letters, digits and _ = , @ -");
                    return;
                }
            }
        }

        private static void CheckTokenKeyName(ArrayList problems, DeviceSettings settings)
        {
            string name = settings.TokenKeyName;
            if (SettingText.IsEmpty(name))
            {
                if (!SettingText.IsEmpty(settings.Token))
                {
                    Add(problems, SettingKeys.AwsTokenKeyName, "aws.tokenKeyName is empty but aws.token is set: set the authorizer's token key name (default token)");
                }

                return;
            }

            if (name.Length > MaxTokenKeyNameLength)
            {
                Add(problems, SettingKeys.AwsTokenKeyName, "aws.tokenKeyName is " + name.Length.ToString() + " characters; AWS allows at most 128");
                return;
            }

            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (!SettingText.IsAsciiLetterOrDigit(c) && c != '_' && c != '-')
                {
                    Add(problems, SettingKeys.AwsTokenKeyName, "aws.tokenKeyName contains " + SettingText.Quote(c.ToString()) + ": a token key name has only letters, digits, _ and -; use the name configured on the authorizer");
                    return;
                }
            }
        }

        private static void CheckTokenAndSignature(ArrayList problems, DeviceSettings settings)
        {
            string token = settings.Token;
            string signature = settings.Signature;
            bool hasToken = !SettingText.IsEmpty(token);
            bool hasSignature = !SettingText.IsEmpty(signature);

            if (hasToken && token.Length > MaxTokenLength)
            {
                Add(problems, SettingKeys.AwsToken, "aws.token is too long: AWS allows at most 6144 characters");
            }
            else if (!hasToken && hasSignature)
            {
                Add(problems, SettingKeys.AwsToken, "aws.token is empty but aws.signature is set: set the token the signature was made from");
            }

            if (hasSignature)
            {
                string problem = SignatureProblem(signature);
                if (problem != null)
                {
                    Add(problems, SettingKeys.AwsSignature, problem);
                }
            }
            else if (hasToken)
            {
                Add(
                    problems,
                    SettingKeys.AwsSignature,
                    "aws.signature is empty but aws.token is set: sign the token with the authorizer's private key (echo -n TOKEN | openssl dgst -sha256 -sign private.pem | openssl base64 -A) and set aws.signature; for an authorizer with signing disabled, clear aws.token and send the credential in mqtt.password");
            }
        }

        private static string SignatureProblem(string signature)
        {
            if (signature.Length > MaxSignatureLength)
            {
                return "aws.signature is too long: AWS allows at most 2560 characters (an RSA-2048 signature is 344)";
            }

            int padding = 0;
            for (int i = 0; i < signature.Length; i++)
            {
                char c = signature[i];
                if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
                {
                    return "aws.signature contains a space or line break: give it as one line (openssl base64 -A)";
                }

                if (c == '%')
                {
                    return "aws.signature contains a '%' escape other than %2B, %2F or %3D: give the plain base64 signature";
                }

                if (c == '-' || c == '_')
                {
                    return "aws.signature uses URL-safe base64 ('-' or '_'): convert it to standard base64 ('+' and '/')";
                }

                if (c == '=')
                {
                    padding++;
                    continue;
                }

                if (padding > 0 || !(SettingText.IsAsciiLetterOrDigit(c) || c == '+' || c == '/'))
                {
                    return "aws.signature is not base64: use only A-Z a-z 0-9 + / with at most two '=' at the end";
                }
            }

            if (padding > 2 || padding == signature.Length)
            {
                return "aws.signature is not base64: use only A-Z a-z 0-9 + / with at most two '=' at the end";
            }

            return null;
        }

        private static void CheckClientId(ArrayList problems, string clientId)
        {
            if (SettingText.IsEmpty(clientId))
            {
                Add(problems, SettingKeys.MqttClientId, "mqtt.clientId is empty: set a client id unique to this device (it must match the policy's iot:Connect client/ resource)");
                return;
            }

            int bytes = Utf8.ByteCount(clientId);
            if (bytes > MaxClientIdBytes)
            {
                Add(problems, SettingKeys.MqttClientId, "mqtt.clientId is " + bytes.ToString() + " bytes; AWS IoT allows at most 128 bytes (UTF-8)");
            }
            else if (clientId[0] == '$')
            {
                Add(problems, SettingKeys.MqttClientId, "mqtt.clientId " + SettingText.Quote(clientId) + " starts with '$', which AWS IoT reserves: choose an id without the leading '$'");
            }
        }

        private static void CheckUsername(ArrayList problems, DeviceSettings settings)
        {
            string user = settings.MqttUsername;
            if (SettingText.IndexOf(user, '?') >= 0)
            {
                Add(problems, SettingKeys.MqttUsername, "mqtt.username contains '?': put only the plain user name here; the device sends aws.authorizer, aws.token and aws.signature itself (as the ?x-amz-customauthorizer-... query of the username in alpn and domain mode, in the WebSocket upgrade in wss mode), and AWS reads a '?' in the username as the start of that query (a second '?' breaks the authorizer)");
                return;
            }

            if (settings.Mode == DeviceSettings.ModeWss)
            {
                // In wss mode the CONNECT username is mqtt.username itself; the credentials travel in the upgrade request.
                if (Utf8.ByteCount(user) > MaxMqttStringBytes)
                {
                    Add(problems, SettingKeys.MqttUsername, "mqtt.username is over MQTT's 65535 bytes: shorten it");
                }
                else if (SettingText.IsEmpty(user) && !SettingText.IsEmpty(settings.MqttPassword))
                {
                    Add(problems, SettingKeys.MqttUsername, "mqtt.username is empty but mqtt.password is set: in wss mode the MQTT username is mqtt.username as it is, and MQTT 3.1.1 sends a password only with a user name; set mqtt.username (any value your authorizer accepts)");
                }

                return;
            }

            // Percent-encoded text is ASCII: its length is its size in bytes. Computed, not built: on the device a
            // username this long would not even fit in a StringBuilder.
            int bytes = AuthUsername.Length(user, settings.AuthorizerName, settings.Signature, settings.TokenKeyName, settings.Token);
            if (bytes > MaxMqttStringBytes)
            {
                Add(problems, SettingKeys.MqttUsername, "mqtt.username: the MQTT username built from it and the authorizer values is " + bytes.ToString() + " bytes, over MQTT's 65535: shorten mqtt.username or the token");
            }
        }

        private static void CheckMqttPassword(ArrayList problems, string password)
        {
            if (Utf8.ByteCount(password) > MaxMqttStringBytes)
            {
                Add(problems, SettingKeys.MqttPassword, "mqtt.password is too long: MQTT allows at most 65535 bytes");
            }
        }

        private static void CheckKeepAlive(ArrayList problems, string text)
        {
            int seconds;
            if (!SettingText.TryParseWhole(text, out seconds))
            {
                Add(problems, SettingKeys.MqttKeepAliveSeconds, "mqtt.keepAliveSeconds " + SettingText.Quote(text) + " must be a whole number of seconds between 30 and 1200");
                return;
            }

            if (seconds == 0 || seconds > MaxKeepAliveSeconds)
            {
                Add(problems, SettingKeys.MqttKeepAliveSeconds, "mqtt.keepAliveSeconds is " + ShowNumber(text) + ": AWS IoT would use 1200 instead; set a value between 30 and 1200");
            }
            else if (seconds < 0)
            {
                Add(problems, SettingKeys.MqttKeepAliveSeconds, "mqtt.keepAliveSeconds is " + ShowNumber(text) + ": it cannot be negative; set a value between 30 and 1200");
            }
            else if (seconds < MinKeepAliveSeconds)
            {
                Add(problems, SettingKeys.MqttKeepAliveSeconds, "mqtt.keepAliveSeconds is " + ShowNumber(text) + ": AWS IoT would use 30 instead; set a value between 30 and 1200");
            }
        }

        private static void CheckTopic(ArrayList problems, string topic)
        {
            string key = SettingKeys.TelemetryTopic;
            if (SettingText.IsEmpty(topic))
            {
                Add(problems, key, "telemetry.topic is empty: set the topic to publish readings to, e.g. devices/<clientId>/telemetry");
                return;
            }

            int bytes = Utf8.ByteCount(topic);
            if (bytes > MaxTopicBytes)
            {
                Add(problems, key, "telemetry.topic is " + bytes.ToString() + " bytes; AWS IoT allows at most 256 bytes (UTF-8)");
                return;
            }

            for (int i = 0; i < topic.Length; i++)
            {
                char c = topic[i];
                if (c == '+' || c == '#')
                {
                    Add(problems, key, "telemetry.topic " + SettingText.Quote(topic) + " contains '" + c.ToString() + "': wildcards are only for subscriptions; publish to a concrete topic");
                    return;
                }

                if (c == '\0')
                {
                    Add(problems, key, "telemetry.topic contains a NUL character, which MQTT forbids in topic names");
                    return;
                }
            }

            // Basic Ingest topics ($aws/rules/<rule>/...) go straight to a rule; AWS does not count that prefix
            // towards the slash limit. Every other "$" topic is reserved.
            int counted = 0;
            if (topic[0] == '$')
            {
                counted = BasicIngestBodyStart(topic);
                if (counted < 0)
                {
                    Add(problems, key, "telemetry.topic " + SettingText.Quote(topic) + " starts with '$', which AWS IoT reserves: use a topic without '$', or $aws/rules/<ruleName>/... for Basic Ingest");
                    return;
                }
            }

            int slashes = SettingText.CountOf(topic, '/', counted);
            if (slashes > MaxTopicSlashes)
            {
                Add(problems, key, "telemetry.topic has " + slashes.ToString() + " slashes; AWS IoT allows at most 7 (not counting a $aws/rules/<rule>/ prefix): use fewer levels");
            }
        }

        /// <summary>
        /// For "$aws/rules/RULE" or "$aws/rules/RULE/..." (RULE 1..128 of [A-Za-z0-9_], as AWS names rules) returns the
        /// index just after the prefix; -1 for any other '$' topic.
        /// </summary>
        private static int BasicIngestBodyStart(string topic)
        {
            if (!SettingText.StartsWith(topic, BasicIngestPrefix))
            {
                return -1;
            }

            int i = BasicIngestPrefix.Length;
            int ruleStart = i;
            while (i < topic.Length && topic[i] != '/')
            {
                char c = topic[i];
                if (!SettingText.IsAsciiLetterOrDigit(c) && c != '_')
                {
                    return -1;
                }

                i++;
            }

            int ruleLength = i - ruleStart;
            if (ruleLength == 0 || ruleLength > 128)
            {
                return -1;
            }

            return i < topic.Length ? i + 1 : i;
        }

        private static void CheckQos(ArrayList problems, string text)
        {
            int qos;
            if (!SettingText.TryParseWhole(text, out qos))
            {
                Add(problems, SettingKeys.TelemetryQos, "telemetry.qos " + SettingText.Quote(text) + " must be a whole number: 0 (at most once) or 1 (at least once)");
            }
            else if (qos == 2)
            {
                Add(problems, SettingKeys.TelemetryQos, "telemetry.qos is 2: AWS IoT does not support QoS 2; use 1 (at least once) or 0 (at most once)");
            }
            else if (qos != 0 && qos != 1)
            {
                Add(problems, SettingKeys.TelemetryQos, "telemetry.qos is " + qos.ToString() + ": use 1 (at least once) or 0 (at most once)");
            }
        }

        /// <summary>Shows a parsed number's text as typed (so an overflowing value is not shown as int.MaxValue).</summary>
        private static string ShowNumber(string text)
        {
            return text.Length <= 12 ? text : SettingText.Quote(text);
        }

        private static bool CheckRange(ArrayList problems, string key, string text, int min, int max, string what)
        {
            int ignored;
            return CheckRange(problems, key, text, min, max, what, out ignored);
        }

        private static bool CheckRange(ArrayList problems, string key, string text, int min, int max, string what, out int value)
        {
            string range = min.ToString() + ".." + max.ToString();
            if (!SettingText.TryParseWhole(text, out value))
            {
                Add(problems, key, key + " " + SettingText.Quote(text) + " must be a whole number between " + range + " (" + what + ")");
                return false;
            }

            if (value < min || value > max)
            {
                Add(problems, key, key + " is " + ShowNumber(text) + ", out of range: use " + range + " (" + what + ")");
                return false;
            }

            return true;
        }
    }
}
