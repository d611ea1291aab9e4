using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Credentials
{
    /// <summary>
    /// Where credential renewals arrive and where the device acknowledges them, derived from the telemetry topic rather
    /// than configured, so they always sit under the same <c>&lt;prefix&gt;/&lt;clientId&gt;/</c> the device's policy
    /// already grants (the reference authorizer's <c>topic/&lt;prefix&gt;/&lt;clientId&gt;/*</c>):
    /// <list type="bullet">
    /// <item>take telemetry.topic without a Basic Ingest prefix (<c>$aws/rules/&lt;rule&gt;/</c>: a rule topic cannot be
    /// subscribed to);</item>
    /// <item>find the first level equal to the client id that has at least one level after it; the levels up to and
    /// including it are the device's base;</item>
    /// <item>credentials = <c>&lt;base&gt;/credentials</c>; ack = <c>&lt;base&gt;/credentials/ack</c>.</item>
    /// </list>
    /// Example: <c>devices/device-01/telemetry</c> gives <c>devices/device-01/credentials</c> and
    /// <c>devices/device-01/credentials/ack</c>. No such level: no renewal topic (renewals need one, see
    /// <see cref="Problem"/>). Stateless; any thread.
    /// </summary>
    public static class CredentialTopics
    {
        /// <summary>The level appended to the base for renewals.</summary>
        public const string CredentialsLevel = "credentials";

        /// <summary>The level appended to the credentials topic for acknowledgements.</summary>
        public const string AckLevel = "ack";

        /// <summary>AWS IoT's topic limits (bytes; slashes not counting a Basic Ingest prefix).</summary>
        public const int MaxTopicBytes = 256;

        public const int MaxTopicSlashes = 7;

        private const string BasicIngestPrefix = "$aws/rules/";

        /// <summary>The credentials topic for <paramref name="telemetryTopic"/> and <paramref name="clientId"/>, or null when none can be derived.</summary>
        public static string CredentialsTopic(string telemetryTopic, string clientId)
        {
            string devBase = BaseOf(telemetryTopic, clientId);
            return devBase == null ? null : devBase + "/" + CredentialsLevel;
        }

        /// <summary>The acknowledgement topic (the credentials topic + <c>/ack</c>), or null when none can be derived.</summary>
        public static string AckTopic(string telemetryTopic, string clientId)
        {
            string credentials = CredentialsTopic(telemetryTopic, clientId);
            return credentials == null ? null : credentials + "/" + AckLevel;
        }

        /// <summary>
        /// Null when both topics can be derived and fit AWS's limits; otherwise a secret-free, one-line reason with what
        /// to change (for the validation of aws.renewalKey, which is what needs them).
        /// </summary>
        public static string Problem(string telemetryTopic, string clientId)
        {
            string ack = AckTopic(telemetryTopic, clientId);
            if (ack == null)
            {
                return "telemetry.topic has no level equal to mqtt.clientId before its last level, so the device cannot derive its renewal topic <prefix>/<clientId>/credentials: use a topic such as devices/<clientId>/telemetry, or leave aws.renewalKey empty";
            }

            int bytes = Utf8.ByteCount(ack);
            if (bytes > MaxTopicBytes)
            {
                return "the renewal acknowledgement topic derived from telemetry.topic (<prefix>/<clientId>/credentials/ack) is " + bytes.ToString() + " bytes; AWS IoT allows 256: shorten the topic prefix or the client id";
            }

            int slashes = 0;
            for (int i = 0; i < ack.Length; i++)
            {
                if (ack[i] == '/')
                {
                    slashes++;
                }
            }

            if (slashes > MaxTopicSlashes)
            {
                return "the renewal acknowledgement topic derived from telemetry.topic (<prefix>/<clientId>/credentials/ack) has " + slashes.ToString() + " slashes; AWS IoT allows 7: use fewer prefix levels";
            }

            return null;
        }

        private static string BaseOf(string topic, string clientId)
        {
            if (topic == null || topic.Length == 0 || clientId == null || clientId.Length == 0)
            {
                return null;
            }

            int start = BodyStart(topic);
            if (start < 0 || start >= topic.Length || topic[start] == '$')
            {
                return null;
            }

            int levelStart = start;
            for (int i = start; i <= topic.Length; i++)
            {
                if (i < topic.Length && topic[i] != '/')
                {
                    continue;
                }

                // A level equal to the client id with something after it.
                if (i < topic.Length && i - levelStart == clientId.Length && topic.Substring(levelStart, i - levelStart) == clientId)
                {
                    return topic.Substring(start, i - start);
                }

                levelStart = i + 1;
            }

            return null;
        }

        // Index after "$aws/rules/<rule>/" for a Basic Ingest topic, 0 for any other, -1 for "$aws/rules/<rule>" alone.
        private static int BodyStart(string topic)
        {
            if (topic.Length < BasicIngestPrefix.Length || topic.Substring(0, BasicIngestPrefix.Length) != BasicIngestPrefix)
            {
                return 0;
            }

            int slash = topic.IndexOf('/', BasicIngestPrefix.Length);
            return slash < 0 ? -1 : slash + 1;
        }
    }
}
