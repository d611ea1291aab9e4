using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Mqtt
{
    /// <summary>
    /// The MQTT 3.1.1 rules for topic names (what PUBLISH carries) and topic filters (what SUBSCRIBE carries), spec
    /// 4.7. Each check returns null when the text is valid, else a short constant reason. Allocation-free, so the
    /// client can check every publish; any thread.
    /// </summary>
    public static class MqttTopic
    {
        /// <summary>
        /// A topic name: 1..65535 UTF-8 bytes, no wildcard ('+', '#'), no U+0000 (null fails). Unpaired surrogates
        /// are not refused here; they are sent as U+FFFD, as <see cref="Utf8"/> encodes them.
        /// </summary>
        public static string CheckName(string topic)
        {
            string problem = CheckLength(topic);
            if (problem != null)
            {
                return problem;
            }

            for (int i = 0; i < topic.Length; i++)
            {
                char c = topic[i];
                if (c == '+' || c == '#')
                {
                    return "topic name contains a wildcard";
                }

                if (c == '\0')
                {
                    return "topic contains U+0000";
                }
            }

            return null;
        }

        /// <summary>
        /// A topic filter: 1..65535 UTF-8 bytes, no U+0000, '+' only as a whole level, '#' only as the whole last level.
        /// </summary>
        public static string CheckFilter(string filter)
        {
            string problem = CheckLength(filter);
            if (problem != null)
            {
                return problem;
            }

            for (int i = 0; i < filter.Length; i++)
            {
                char c = filter[i];
                bool levelStart = i == 0 || filter[i - 1] == '/';
                bool levelEnd = i == filter.Length - 1 || filter[i + 1] == '/';
                if (c == '\0')
                {
                    return "topic contains U+0000";
                }

                if (c == '+' && !(levelStart && levelEnd))
                {
                    return "'+' must be a whole level of the filter";
                }

                if (c == '#' && !(levelStart && i == filter.Length - 1))
                {
                    return "'#' must be the whole last level of the filter";
                }
            }

            return null;
        }

        private static string CheckLength(string topic)
        {
            if (topic == null || topic.Length == 0)
            {
                return "topic is empty";
            }

            return Utf8.ByteCount(topic) > MqttEncoder.MaxFieldBytes ? "topic longer than 65535 UTF-8 bytes" : null;
        }
    }
}
