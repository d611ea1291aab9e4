namespace AwsIotDevice.Demo;

/// <summary>How <c>iotctl demo</c> runs.</summary>
public sealed class DemoOptions
{
    /// <summary>Shortest <see cref="Duration"/> that leaves room for both injected faults.</summary>
    public static readonly TimeSpan MinDuration = TimeSpan.FromSeconds(15);

    /// <summary>How long the device publishes after provisioning (the drain that follows is extra).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time between readings; whole seconds, 1 or more (the device's telemetry.intervalSeconds).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Leave the emulator and the device running after the summary until cancelled, and print how to connect.</summary>
    public bool Keep { get; init; }

    /// <summary>
    /// How the device reaches the emulator (aws.mode): wss (the default, what a stock nanoFramework board uses: MQTT over
    /// WebSockets to the default endpoint, no ALPN), alpn (raw MQTT with ALPN mqtt) or domain (raw MQTT to the domain
    /// configuration, no ALPN).
    /// </summary>
    public string Mode { get; init; } = Core.Settings.DeviceSettings.ModeWss;

    /// <summary>
    /// An authorizer deployment zip (<c>iotctl aws package</c>) the emulator runs as Lambda would, instead of its
    /// built-in reference authorizer; null for the built-in one.
    /// </summary>
    public string? AuthorizerPackage { get; init; }

    /// <summary>Use the live (Spectre.Console) view; null decides by whether standard output is a terminal.</summary>
    public bool? Live { get; init; }

    /// <summary>Returns null when the options can run, otherwise one line naming the option and what to use.</summary>
    public string? Validate()
    {
        if (Duration < MinDuration || Duration > TimeSpan.FromHours(24))
        {
            return $"--duration {Format(Duration)} is out of range: use {MinDuration.TotalSeconds:0}s..24h (e.g. 60s)";
        }

        if (Interval < TimeSpan.FromSeconds(1) || Interval.Ticks % TimeSpan.TicksPerSecond != 0 || Interval > TimeSpan.FromHours(1))
        {
            return $"--interval {Format(Interval)} is not whole seconds from 1s to 1h (the device samples in whole seconds; e.g. 1s, 5s)";
        }

        if (Mode is not (Core.Settings.DeviceSettings.ModeWss or Core.Settings.DeviceSettings.ModeAlpn or Core.Settings.DeviceSettings.ModeDomain))
        {
            return $"--mode '{Mode}' is not a mode: use wss (MQTT over WebSockets, no ALPN: what a board uses), alpn (raw MQTT with ALPN mqtt) or domain (raw MQTT to a domain configuration)";
        }

        if (Interval * 3 > Duration)
        {
            return $"--interval {Format(Interval)} is too long for --duration {Format(Duration)}: the demo needs at least 3 readings; shorten the interval or lengthen the duration";
        }

        return null;
    }

    /// <summary>
    /// Parses a duration like <c>30s</c>, <c>2m</c>, <c>500ms</c>, <c>1h</c> or a plain number of seconds; null when
    /// the text is none of these.
    /// </summary>
    public static TimeSpan? ParseDuration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim().ToLowerInvariant();
        (string number, double scale) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => (text[..^2], 0.001),
            _ when text.EndsWith('s') => (text[..^1], 1.0),
            _ when text.EndsWith('m') => (text[..^1], 60.0),
            _ when text.EndsWith('h') => (text[..^1], 3600.0),
            _ => (text, 1.0),
        };
        if (number.Length == 0 || !double.TryParse(number, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out double value)
            || value * scale > TimeSpan.FromDays(1).TotalSeconds)
        {
            return null;
        }

        return TimeSpan.FromSeconds(value * scale);
    }

    /// <summary>A duration as the options spell it (e.g. 30s, 1.5s, 250ms).</summary>
    public static string Format(TimeSpan value) =>
        value < TimeSpan.FromSeconds(1) ? $"{value.TotalMilliseconds:0}ms" : $"{value.TotalSeconds:0.###}s";
}
