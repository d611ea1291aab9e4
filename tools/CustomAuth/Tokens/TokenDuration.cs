using System.Globalization;

namespace AwsIotDevice.CustomAuth.Tokens;

/// <summary>
/// Token lifetimes written as a whole number and one unit: <c>3600s</c>, <c>15m</c>, <c>12h</c>, <c>30d</c>.
/// Bounded to 1 minute .. 366 days: shorter tokens expire before AWS's minimum 5-minute session anyway, and longer
/// ones turn a leaked token into a near-permanent credential.
/// </summary>
public static class TokenDuration
{
    /// <summary>Shortest accepted lifetime.</summary>
    public static readonly TimeSpan Min = TimeSpan.FromMinutes(1);

    /// <summary>Longest accepted lifetime.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(366);

    /// <summary>Parses <paramref name="text"/> or throws <see cref="CustomAuthException"/> saying what is accepted.</summary>
    public static TimeSpan Parse(string? text)
    {
        const string Usage = "use a whole number and a unit: s, m, h or d (e.g. 3600s, 15m, 12h, 30d), between 1m and 366d";
        if (string.IsNullOrEmpty(text) || text.Length < 2 || text.Length > 12)
        {
            throw new CustomAuthException($"duration {LogText.Quote(text)} is not valid; {Usage}");
        }

        string digits = text[..^1];
        bool numeric = digits.Length > 0 && digits[0] != '0' && digits.All(char.IsAsciiDigit);
        if (!numeric || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long value))
        {
            throw new CustomAuthException($"duration {LogText.Quote(text)} is not valid; {Usage}");
        }

        long perUnit = text[^1] switch
        {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86400,
            _ => 0,
        };
        if (perUnit == 0)
        {
            throw new CustomAuthException($"duration {LogText.Quote(text)} has an unknown unit; {Usage}");
        }

        long maxSeconds = (long)Max.TotalSeconds;
        if (value > maxSeconds / perUnit || value * perUnit > maxSeconds || value * perUnit < (long)Min.TotalSeconds)
        {
            throw new CustomAuthException($"duration {LogText.Quote(text)} is out of range; {Usage}");
        }

        return TimeSpan.FromSeconds(value * perUnit);
    }

    /// <summary>
    /// Parses a wait such as <c>30s</c> or <c>2m</c> (same spelling as a lifetime, 1 s .. 1 h), or throws
    /// <see cref="CustomAuthException"/> saying what is accepted.
    /// </summary>
    public static TimeSpan ParseWait(string? text)
    {
        const string Usage = "use a whole number and a unit: s or m (e.g. 30s, 2m), between 1s and 60m";
        if (string.IsNullOrEmpty(text) || text.Length < 2 || text.Length > 6 || (text[^1] != 's' && text[^1] != 'm'))
        {
            throw new CustomAuthException($"wait {LogText.Quote(text)} is not valid; {Usage}");
        }

        string digits = text[..^1];
        if (digits[0] == '0' || !digits.All(char.IsAsciiDigit) || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int value))
        {
            throw new CustomAuthException($"wait {LogText.Quote(text)} is not valid; {Usage}");
        }

        TimeSpan wait = text[^1] == 's' ? TimeSpan.FromSeconds(value) : TimeSpan.FromMinutes(value);
        if (wait > TimeSpan.FromHours(1))
        {
            throw new CustomAuthException($"wait {LogText.Quote(text)} is out of range; {Usage}");
        }

        return wait;
    }
}
