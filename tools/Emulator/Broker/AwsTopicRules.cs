using System.Text;
using AwsIotDevice.Emulator.Config;
using AwsIotDevice.Emulator.MqttCodec.Topics;

namespace AwsIotDevice.Emulator.Broker;

/// <summary>
/// AWS IoT Core's topic limits on top of MQTT's: at most 256 UTF-8 bytes, at most 7 slashes (a
/// <c>$aws/rules/&lt;rule&gt;/</c> prefix not counted), and names starting with '$' reserved except AWS's own
/// (<c>$aws/...</c>).
/// </summary>
public static class AwsTopicRules
{
    /// <summary>Null when <paramref name="topic"/> is a topic name a client may publish to; else the reason.</summary>
    public static string? CheckTopicName(string topic, LimitsConfig limits) =>
        MqttTopic.CheckName(topic) ?? CheckAws(topic, limits, "topic");

    /// <summary>Null when <paramref name="filter"/> is a topic filter a client may subscribe to; else the reason.</summary>
    public static string? CheckTopicFilter(string filter, LimitsConfig limits) =>
        MqttTopic.CheckFilter(filter) ?? CheckAws(filter, limits, "topic filter");

    /// <summary>Slashes counted against the limit (a <c>$aws/rules/&lt;rule&gt;/</c> prefix excluded).</summary>
    public static int CountedSlashes(string topic)
    {
        string counted = topic;
        if (topic.StartsWith("$aws/rules/", StringComparison.Ordinal))
        {
            int end = topic.IndexOf('/', "$aws/rules/".Length);
            counted = end < 0 ? "" : topic[(end + 1)..];
        }
        return counted.Count(c => c == '/');
    }

    private static string? CheckAws(string topic, LimitsConfig limits, string what)
    {
        int bytes = Encoding.UTF8.GetByteCount(topic);
        if (bytes > limits.MaxTopicBytes)
            return $"{what} is {bytes} bytes; AWS IoT allows at most {limits.MaxTopicBytes}";
        int slashes = CountedSlashes(topic);
        if (slashes > limits.MaxTopicSlashes)
            return $"{what} has {slashes} slashes; AWS IoT allows at most {limits.MaxTopicSlashes} (a $aws/rules/<rule>/ prefix is not counted)";
        if (topic.StartsWith('$') && !topic.StartsWith("$aws/", StringComparison.Ordinal))
            return $"{what} starts with '$', which is reserved (only AWS-defined $aws/... topics may be used)";
        return null;
    }
}

/// <summary>AWS's keep-alive rules.</summary>
public static class KeepAliveRules
{
    /// <summary>0 or more than 1200 becomes 1200; 1..29 becomes 30; otherwise unchanged.</summary>
    public static int Clamp(int requested) => requested switch
    {
        0 or > 1200 => 1200,
        < 30 => 30,
        _ => requested,
    };

    /// <summary>The idle time after which AWS disconnects: 1.5 x the clamped keep-alive.</summary>
    public static TimeSpan IdleTimeout(int clampedSeconds, double timeScale) => TimeSpan.FromSeconds(clampedSeconds * 1.5 * timeScale);
}
