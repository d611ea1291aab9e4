using System.Collections;
using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Settings
{
    /// <summary>
    /// The settings text format: one <c>key=value</c> per line (UTF-8 once stored), split at the first '=',
    /// with <c>\\</c>, <c>\n</c> and <c>\r</c> escapes in values so any value survives on one line.
    /// Blank lines and lines whose first non-blank character is '#' are ignored; keys may be surrounded by
    /// spaces, values are taken exactly. Also produces the secret-free description used by STATUS, GET and logs.
    /// </summary>
    public static class SettingsCodec
    {
        /// <summary>First line of <see cref="FormatForStorage"/>: a comment, so parsers ignore it.</summary>
        public const string StorageHeader = "# AwsIotDevice settings v1 - contains secrets, do not share";

        /// <summary>What <see cref="Describe"/> shows for a secret that has a value.</summary>
        public const string SecretSet = "<set>";

        /// <summary>What <see cref="Describe"/> shows for a secret that is empty.</summary>
        public const string SecretNotSet = "<not set>";

        /// <summary>
        /// Every key with its value, secrets INCLUDED, in canonical order after <see cref="StorageHeader"/>,
        /// each line ending in "\n". Only for the settings store: never show or log the result.
        /// <see cref="Parse"/> gives back settings equal to <paramref name="settings"/>.
        /// </summary>
        public static string FormatForStorage(DeviceSettings settings)
        {
            TextBuilder builder = new TextBuilder();
            builder.Append(StorageHeader);
            builder.Append('\n');
            for (int i = 0; i < SettingKeys.Count; i++)
            {
                string key = SettingKeys.KeyAt(i);
                builder.Append(key);
                builder.Append('=');
                AppendEscaped(builder, settings.Get(key));
                builder.Append('\n');
            }

            return builder.ToString();
        }

        /// <summary>
        /// Every key as <c>key=value</c> lines joined by "\n" (no trailing newline), values escaped like the
        /// storage format so a value cannot fake extra lines; secrets appear only as <see cref="SecretSet"/> or
        /// <see cref="SecretNotSet"/>, never their value. Safe for STATUS, GET and logs.
        /// </summary>
        public static string Describe(DeviceSettings settings)
        {
            TextBuilder builder = new TextBuilder();
            for (int i = 0; i < SettingKeys.Count; i++)
            {
                string key = SettingKeys.KeyAt(i);
                if (i > 0)
                {
                    builder.Append('\n');
                }

                builder.Append(key);
                builder.Append('=');
                builder.Append(DescribeValue(settings, key));
            }

            return builder.ToString();
        }

        /// <summary>
        /// The value of <paramref name="key"/> as it may be shown (escaped; <see cref="SecretSet"/> or
        /// <see cref="SecretNotSet"/> for a secret), or null for an unknown key. For GET.
        /// </summary>
        public static string DescribeValue(DeviceSettings settings, string key)
        {
            string value = settings.Get(key);
            if (value == null)
            {
                return null;
            }

            if (SettingKeys.IsSecret(key))
            {
                return value.Length > 0 ? SecretSet : SecretNotSet;
            }

            return EscapeValue(value);
        }

        /// <summary>
        /// Reads settings text. Starts from the defaults and applies each <c>key=value</c> line; a line that is
        /// malformed, has an unknown key, a bad escape or repeats a key is reported with its 1-based number and
        /// otherwise skipped. Lines may end in "\n" or "\r\n"; a leading byte-order mark is ignored; null or
        /// empty text gives the defaults. Never throws; messages never contain a value.
        /// </summary>
        public static SettingsParseResult Parse(string text)
        {
            DeviceSettings settings = new DeviceSettings();
            ArrayList errors = new ArrayList();
            if (SettingText.IsEmpty(text))
            {
                return new SettingsParseResult(settings, errors);
            }

            int[] firstLineOf = new int[SettingKeys.Count];
            int lineNumber = 0;
            int start = text[0] == '\uFEFF' ? 1 : 0;
            while (start <= text.Length)
            {
                int end = start;
                while (end < text.Length && text[end] != '\n')
                {
                    end++;
                }

                lineNumber++;
                int contentEnd = end > start && text[end - 1] == '\r' ? end - 1 : end;
                ParseLine(text, start, contentEnd, lineNumber, settings, errors, firstLineOf);
                if (end == text.Length)
                {
                    break;
                }

                start = end + 1;
            }

            return new SettingsParseResult(settings, errors);
        }

        /// <summary>Returns <paramref name="value"/> with '\' , LF and CR escaped as <c>\\</c>, <c>\n</c>, <c>\r</c> (null gives "").</summary>
        public static string EscapeValue(string value)
        {
            TextBuilder builder = new TextBuilder();
            AppendEscaped(builder, value);
            return builder.ToString();
        }

        /// <summary>
        /// Undoes <see cref="EscapeValue"/>. Returns null when <paramref name="text"/> has a backslash followed by
        /// anything but '\', 'n' or 'r', or ends in a lone backslash. Usable by a line protocol for values with line breaks.
        /// </summary>
        public static string UnescapeValue(string text)
        {
            if (text == null)
            {
                return string.Empty;
            }

            return Unescape(text, 0, text.Length);
        }

        private static void AppendEscaped(TextBuilder builder, string value)
        {
            if (value == null)
            {
                return;
            }

            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '\\')
                {
                    builder.Append("\\\\");
                }
                else if (c == '\n')
                {
                    builder.Append("\\n");
                }
                else if (c == '\r')
                {
                    builder.Append("\\r");
                }
                else
                {
                    builder.Append(c);
                }
            }
        }

        private static string Unescape(string text, int start, int end)
        {
            TextBuilder builder = new TextBuilder();
            int i = start;
            while (i < end)
            {
                char c = text[i];
                if (c != '\\')
                {
                    builder.Append(c);
                    i++;
                    continue;
                }

                if (i + 1 >= end)
                {
                    return null;
                }

                char next = text[i + 1];
                if (next == '\\')
                {
                    builder.Append('\\');
                }
                else if (next == 'n')
                {
                    builder.Append('\n');
                }
                else if (next == 'r')
                {
                    builder.Append('\r');
                }
                else
                {
                    return null;
                }

                i += 2;
            }

            return builder.ToString();
        }

        private static bool IsBlank(char c)
        {
            return c == ' ' || c == '\t';
        }

        private static void ParseLine(string text, int start, int end, int lineNumber, DeviceSettings settings, ArrayList errors, int[] firstLineOf)
        {
            int first = start;
            while (first < end && IsBlank(text[first]))
            {
                first++;
            }

            if (first == end || text[first] == '#')
            {
                return;
            }

            string at = "line " + lineNumber.ToString() + ": ";
            int equals = first;
            while (equals < end && text[equals] != '=')
            {
                equals++;
            }

            // The line itself is never echoed: a malformed line may well be a secret typed without its key.
            if (equals == end)
            {
                errors.Add(new SettingProblem(null, at + "expected key=value but found no '='; write one setting per line as key=value", lineNumber));
                return;
            }

            int keyEnd = equals;
            while (keyEnd > first && IsBlank(text[keyEnd - 1]))
            {
                keyEnd--;
            }

            if (keyEnd == first)
            {
                errors.Add(new SettingProblem(null, at + "the key before '=' is empty; write key=value", lineNumber));
                return;
            }

            string key = text.Substring(first, keyEnd - first);
            int index = SettingKeys.IndexOf(key);
            if (index < 0)
            {
                errors.Add(new SettingProblem(null, at + "unknown setting " + SettingText.Quote(key) + "; known settings: " + SettingKeys.ListForMessage(), lineNumber));
                return;
            }

            if (firstLineOf[index] != 0)
            {
                errors.Add(new SettingProblem(key, at + key + " is set again (first on line " + firstLineOf[index].ToString() + "); keep one line per setting", lineNumber));
                return;
            }

            firstLineOf[index] = lineNumber;
            string value = Unescape(text, equals + 1, end);
            if (value == null)
            {
                errors.Add(new SettingProblem(key, at + "the value of " + key + " has a bad escape: after '\\' only '\\', 'n' or 'r' may follow (write a backslash as \\\\)", lineNumber));
                return;
            }

            string problem = settings.Set(key, value);
            if (problem != null)
            {
                errors.Add(new SettingProblem(key, at + problem, lineNumber));
            }
        }
    }
}
