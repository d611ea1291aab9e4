using System;

namespace AwsIotDevice.Core.Credentials
{
    /// <summary>
    /// Unix seconds to and from <see cref="DateTime"/> (UTC), and ISO 8601 text, written out because the two runtimes
    /// disagree (nanoFramework's DateTime has FromUnixTimeSeconds, .NET's does not). Stateless; any thread.
    /// </summary>
    public static class UnixTime
    {
        /// <summary>Ticks of 1970-01-01T00:00:00Z.</summary>
        public const long EpochTicks = 621355968000000000;

        /// <summary>Ticks per second.</summary>
        public const long TicksPerSecond = 10000000;

        /// <summary>Seconds per day.</summary>
        public const long SecondsPerDay = 86400;

        /// <summary>Whole seconds since 1970 of <paramref name="utc"/> (rounded down; earlier times are negative).</summary>
        public static long ToSeconds(DateTime utc)
        {
            long ticks = utc.Ticks - EpochTicks;
            long seconds = ticks / TicksPerSecond;
            return ticks < 0 && ticks % TicksPerSecond != 0 ? seconds - 1 : seconds;
        }

        /// <summary>The UTC time <paramref name="seconds"/> after 1970 (0..253402300799).</summary>
        public static DateTime FromSeconds(long seconds)
        {
            return new DateTime(EpochTicks + (seconds * TicksPerSecond), DateTimeKind.Utc);
        }

        /// <summary><paramref name="seconds"/> (0..253402300799) as <c>yyyy-MM-ddTHH:mm:ssZ</c>, e.g. 2027-01-31T00:00:00Z.</summary>
        public static string Format(long seconds)
        {
            if (seconds < 0 || seconds > V1Token.MaxExpiresAtUnixSeconds)
            {
                return "-";
            }

            DateTime t = FromSeconds(seconds);
            char[] c = new char[20];
            Put(c, 0, t.Year, 4);
            c[4] = '-';
            Put(c, 5, t.Month, 2);
            c[7] = '-';
            Put(c, 8, t.Day, 2);
            c[10] = 'T';
            Put(c, 11, t.Hour, 2);
            c[13] = ':';
            Put(c, 14, t.Minute, 2);
            c[16] = ':';
            Put(c, 17, t.Second, 2);
            c[19] = 'Z';
            return new string(c);
        }

        private static void Put(char[] chars, int at, int value, int width)
        {
            for (int i = width - 1; i >= 0; i--)
            {
                chars[at + i] = (char)('0' + (value % 10));
                value /= 10;
            }
        }
    }
}
