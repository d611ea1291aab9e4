using AwsIotDevice.Emulator.MqttCodec.Formatting;

namespace AwsIotDevice.Emulator.MqttCodec.Topics;

/// <summary>
/// Topic name and topic filter rules (MQTT 3.1.1 section 4.7 / 5.0 section 4.7) and filter matching.
/// All methods are pure and allocation-free.
/// </summary>
public static class MqttTopic
{
    /// <summary>
    /// Null when <paramref name="topic"/> is a legal topic name (what PUBLISH and a will carry): at
    /// least one character, no '+' or '#' (MQTT-3.3.2-2), no U+0000, encodable as at most 65,535
    /// UTF-8 bytes. Otherwise a one-line reason.
    /// </summary>
    public static string? CheckName(string topic)
    {
        if (topic.Length == 0) return "topic name is empty (MQTT-4.7.3-1)";
        if (topic.AsSpan().IndexOfAny('+', '#') >= 0) return $"topic name '{topic}' contains a wildcard (MQTT-3.3.2-2)";
        return CheckEncodable(topic, "topic name");
    }

    /// <summary>
    /// Null when <paramref name="filter"/> is a legal topic filter (what SUBSCRIBE carries): at least
    /// one character; '#' only alone in the last level (MQTT-4.7.1-2); '+' only alone in its level
    /// (MQTT-4.7.1-3); no U+0000; at most 65,535 UTF-8 bytes. Otherwise a one-line reason.
    /// </summary>
    public static string? CheckFilter(string filter)
    {
        if (filter.Length == 0) return "topic filter is empty (MQTT-4.7.3-1)";
        var s = filter.AsSpan();
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c != '#' && c != '+') continue;
            bool aloneBefore = i == 0 || s[i - 1] == '/';
            bool aloneAfter = i == s.Length - 1 || s[i + 1] == '/';
            if (!aloneBefore || !aloneAfter)
                return $"topic filter '{filter}': '{c}' must occupy a whole level ({(c == '#' ? "MQTT-4.7.1-2" : "MQTT-4.7.1-3")})";
            if (c == '#' && i != s.Length - 1)
                return $"topic filter '{filter}': '#' must be the last level (MQTT-4.7.1-2)";
        }
        return CheckEncodable(filter, "topic filter");
    }

    /// <summary>True when <see cref="CheckName"/> finds nothing wrong.</summary>
    public static bool IsValidName(string topic) => CheckName(topic) is null;

    /// <summary>True when <see cref="CheckFilter"/> finds nothing wrong.</summary>
    public static bool IsValidFilter(string filter) => CheckFilter(filter) is null;

    /// <summary>
    /// Whether topic name <paramref name="topic"/> matches topic filter <paramref name="filter"/>. Both
    /// must be valid (checked by the caller). '+' matches exactly one level (possibly empty), '#' matches
    /// the parent level and any number of child levels. Topics starting with '$' are never matched
    /// by a filter whose first level is a wildcard (MQTT-4.7.2-1).
    /// </summary>
    public static bool Matches(string filter, string topic)
    {
        var f = filter.AsSpan();
        var t = topic.AsSpan();
        if (t.Length > 0 && t[0] == '$' && f.Length > 0 && (f[0] == '+' || f[0] == '#')) return false;
        while (true)
        {
            int fEnd = f.IndexOf('/');
            var fLevel = fEnd < 0 ? f : f[..fEnd];
            if (fLevel.SequenceEqual("#")) return true;
            int tEnd = t.IndexOf('/');
            var tLevel = tEnd < 0 ? t : t[..tEnd];
            if (!fLevel.SequenceEqual("+") && !fLevel.SequenceEqual(tLevel)) return false;
            bool fDone = fEnd < 0, tDone = tEnd < 0;
            if (fDone) return tDone;
            if (tDone) return f[(fEnd + 1)..].SequenceEqual("#"); // "a/#" matches "a"
            f = f[(fEnd + 1)..];
            t = t[(tEnd + 1)..];
        }
    }

    private static string? CheckEncodable(string s, string what)
    {
        try
        {
            MqttStrings.ByteCount(s, what);
            return null;
        }
        catch (MqttProtocolException e)
        {
            return e.Message;
        }
    }
}
