using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Boot
{
    /// <summary>
    /// What the device remembers about its crashes across reboots: how many there were, the last one's secret-free reason,
    /// its uptime and wall time (when the clock was valid), and the uptimes of the recent crashes that
    /// <see cref="CrashGuard"/> counts towards a crash loop. Immutable: every change makes a new record.
    /// <para>
    /// Stored as a few <c>key=value</c> lines (<see cref="Format"/>, <see cref="Parse"/>); a record that cannot be read is
    /// an empty one, because a damaged crash record must never be what stops a device from booting.
    /// </para>
    /// </summary>
    public sealed class CrashRecord
    {
        /// <summary>Longest reason kept (a board stores it in flash; the exception type and the start of its message suffice).</summary>
        public const int MaxReasonLength = 160;

        /// <summary>How many recent crash uptimes are kept (as many as a crash loop needs).</summary>
        public const int RecentKept = 3;

        /// <summary>A record of no crashes.</summary>
        public static readonly CrashRecord Empty = new CrashRecord(0, string.Empty, 0, string.Empty, new long[0]);

        private readonly long[] _recent;

        private CrashRecord(int count, string lastReason, long lastUptimeMs, string lastTime, long[] recent)
        {
            Count = count;
            LastReason = lastReason;
            LastUptimeMs = lastUptimeMs;
            LastTime = lastTime;
            _recent = recent;
        }

        /// <summary>Crashes since the record was created (never reset by the device).</summary>
        public int Count { get; private set; }

        /// <summary>The last crash's secret-free reason ("" when none).</summary>
        public string LastReason { get; private set; }

        /// <summary>Uptime of the boot that crashed last, in milliseconds.</summary>
        public long LastUptimeMs { get; private set; }

        /// <summary>Wall time of the last crash (<c>yyyy-MM-ddTHH:mm:ssZ</c>), or "" when the clock was not valid yet.</summary>
        public string LastTime { get; private set; }

        /// <summary>How many recent crashes are remembered (0..<see cref="RecentKept"/>).</summary>
        public int RecentCount
        {
            get { return _recent.Length; }
        }

        /// <summary>Uptime of the <paramref name="index"/>-th recent crash, oldest first (0..RecentCount-1).</summary>
        public long RecentUptimeMs(int index)
        {
            return _recent[index];
        }

        /// <summary>
        /// This record plus one crash: count + 1, the reason (line breaks become spaces, cut to
        /// <see cref="MaxReasonLength"/>; the caller makes it secret-free), <paramref name="uptimeMs"/> appended to the recent
        /// crashes (the oldest falls out past <see cref="RecentKept"/>), <paramref name="time"/> ("" when unknown).
        /// </summary>
        public CrashRecord After(string reason, long uptimeMs, string time)
        {
            int keep = _recent.Length < RecentKept ? _recent.Length : RecentKept - 1;
            long[] recent = new long[keep + 1];
            for (int i = 0; i < keep; i++)
            {
                recent[i] = _recent[_recent.Length - keep + i];
            }

            recent[keep] = uptimeMs < 0 ? 0 : uptimeMs;
            return new CrashRecord(Count + 1, OneLine(reason), recent[keep], OneLine(time), recent);
        }

        /// <summary>This record with no recent crashes (the device then ran long enough to be called stable).</summary>
        public CrashRecord Settled()
        {
            return new CrashRecord(Count, LastReason, LastUptimeMs, LastTime, new long[0]);
        }

        /// <summary>The storage text: <c>crashes=</c>, <c>lastReason=</c>, <c>lastUptimeMs=</c>, <c>lastTime=</c>, <c>recentUptimesMs=</c> lines.</summary>
        public string Format()
        {
            TextBuilder b = new TextBuilder();
            b.Append("crashes=").Append(Count.ToString()).Append('\n');
            b.Append("lastReason=").Append(LastReason).Append('\n');
            b.Append("lastUptimeMs=").Append(LastUptimeMs.ToString()).Append('\n');
            b.Append("lastTime=").Append(LastTime).Append('\n');
            b.Append("recentUptimesMs=");
            for (int i = 0; i < _recent.Length; i++)
            {
                b.Append(i > 0 ? "," : string.Empty).Append(_recent[i].ToString());
            }

            b.Append('\n');
            return b.ToString();
        }

        /// <summary>Reads <see cref="Format"/>'s text; null, empty or unreadable text is <see cref="Empty"/>. Never throws.</summary>
        public static CrashRecord Parse(string text)
        {
            if (text == null || text.Length == 0)
            {
                return Empty;
            }

            int count = 0;
            long uptime = 0;
            string reason = string.Empty;
            string time = string.Empty;
            long[] recent = new long[0];
            string[] lines = text.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i];
                int equals = line.IndexOf('=');
                if (equals <= 0)
                {
                    continue;
                }

                string key = line.Substring(0, equals);
                string value = line.Substring(equals + 1);
                if (key == "crashes")
                {
                    long parsed;
                    if (!TryParse(value, out parsed) || parsed > int.MaxValue)
                    {
                        return Empty;
                    }

                    count = (int)parsed;
                }
                else if (key == "lastReason")
                {
                    reason = OneLine(value);
                }
                else if (key == "lastUptimeMs")
                {
                    if (!TryParse(value, out uptime))
                    {
                        return Empty;
                    }
                }
                else if (key == "lastTime")
                {
                    time = OneLine(value);
                }
                else if (key == "recentUptimesMs")
                {
                    recent = ParseList(value);
                    if (recent == null)
                    {
                        return Empty;
                    }
                }
            }

            return new CrashRecord(count, reason, uptime, time, recent);
        }

        private static long[] ParseList(string value)
        {
            if (value.Length == 0)
            {
                return new long[0];
            }

            string[] parts = value.Split(',');
            int start = parts.Length > RecentKept ? parts.Length - RecentKept : 0;
            long[] result = new long[parts.Length - start];
            for (int i = start; i < parts.Length; i++)
            {
                if (!TryParse(parts[i], out result[i - start]))
                {
                    return null;
                }
            }

            return result;
        }

        // Whole non-negative numbers only (the file is ours; anything else is damage).
        private static bool TryParse(string text, out long value)
        {
            value = 0;
            if (text == null || text.Length == 0 || text.Length > 18)
            {
                return false;
            }

            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                value = (value * 10) + (c - '0');
            }

            return true;
        }

        private static string OneLine(string text)
        {
            if (text == null)
            {
                return string.Empty;
            }

            int length = text.Length > MaxReasonLength ? MaxReasonLength : text.Length;
            TextBuilder b = new TextBuilder();
            for (int i = 0; i < length; i++)
            {
                char c = text[i];
                b.Append(c < ' ' ? ' ' : c);
            }

            return b.ToString();
        }
    }
}
