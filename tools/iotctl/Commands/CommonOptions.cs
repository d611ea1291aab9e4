using System.CommandLine;
using System.Globalization;
using AwsIotDevice.CustomAuth;

namespace AwsIotDevice.Iotctl.Commands;

/// <summary>Options and value parsing shared by several command groups.</summary>
internal static class CommonOptions
{
    /// <summary>A required option with a description.</summary>
    public static Option<T> Required<T>(string name, string description, string? helpName = null) =>
        new(name) { Description = description, Required = true, HelpName = helpName };

    /// <summary>An optional option with a description.</summary>
    public static Option<T> Optional<T>(string name, string description, string? helpName = null) =>
        new(name) { Description = description, HelpName = helpName };

    /// <summary>The <c>--now</c> option: a fixed current time, for reproducible output and tests.</summary>
    public static Option<string?> Now() =>
        Optional<string?>("--now", "Use this time as 'now' instead of the clock: Unix seconds or ISO 8601 with offset (e.g. 2026-01-01T00:00:00Z); for reproducible output and tests", "TIME");

    /// <summary>Parses a <c>--now</c> value, or returns the clock when it is absent.</summary>
    public static DateTimeOffset ResolveNow(string? value, TimeProvider clock)
    {
        if (value is null)
        {
            return clock.GetUtcNow();
        }

        if (value.Length is > 0 and <= 12 && value.All(char.IsAsciiDigit)
            && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds)
            && seconds <= 253402300799)
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset parsed))
        {
            return parsed;
        }

        throw new CustomAuthException($"--now {LogText.Quote(value)} is not Unix seconds or an ISO 8601 time");
    }
}
