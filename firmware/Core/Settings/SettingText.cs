using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Settings
{
    /// <summary>
    /// Small text helpers the settings code needs and nanoFramework's BCL lacks or does not guarantee
    /// (char classification, int parsing without exceptions, UTF-8 length without allocating).
    /// </summary>
    internal static class SettingText
    {
        /// <summary>Longest value shown back to the user in a message; longer ones are cut with "...".</summary>
        internal const int MaxQuotedLength = 40;

        internal static bool IsEmpty(string value)
        {
            return value == null || value.Length == 0;
        }

        internal static bool IsAsciiLetter(char c)
        {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        }

        internal static bool IsAsciiDigit(char c)
        {
            return c >= '0' && c <= '9';
        }

        internal static bool IsAsciiLetterOrDigit(char c)
        {
            return IsAsciiLetter(c) || IsAsciiDigit(c);
        }

        internal static bool IsHexDigit(char c)
        {
            return IsAsciiDigit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
        }

        /// <summary>
        /// Parses an optionally negative run of ASCII digits (nothing else, no spaces). Returns false when
        /// the text is not a whole number. A number too large for an int parses as int.MaxValue (or
        /// int.MinValue), so range checks still reject it with the right message.
        /// </summary>
        internal static bool TryParseWhole(string text, out int value)
        {
            value = 0;
            if (IsEmpty(text))
            {
                return false;
            }

            int start = text[0] == '-' ? 1 : 0;
            if (start == text.Length)
            {
                return false;
            }

            long result = 0;
            for (int i = start; i < text.Length; i++)
            {
                char c = text[i];
                if (!IsAsciiDigit(c))
                {
                    return false;
                }

                if (result <= int.MaxValue)
                {
                    result = result * 10 + (c - '0');
                }
            }

            if (start == 1)
            {
                result = -result;
            }

            if (result > int.MaxValue)
            {
                value = int.MaxValue;
            }
            else if (result < int.MinValue)
            {
                value = int.MinValue;
            }
            else
            {
                value = (int)result;
            }

            return true;
        }

        /// <summary>
        /// Returns <paramref name="value"/> in single quotes for a message, cut to <see cref="MaxQuotedLength"/>
        /// characters and with control characters shown as escapes so a message stays one line.
        /// Never call this with a secret.
        /// </summary>
        internal static string Quote(string value)
        {
            TextBuilder builder = new TextBuilder();
            builder.Append('\'');
            string text = value == null ? string.Empty : value;
            int shown = text.Length > MaxQuotedLength ? MaxQuotedLength : text.Length;
            for (int i = 0; i < shown; i++)
            {
                char c = text[i];
                if (c == '\n')
                {
                    builder.Append("\\n");
                }
                else if (c == '\r')
                {
                    builder.Append("\\r");
                }
                else if (c < ' ')
                {
                    builder.Append('?');
                }
                else
                {
                    builder.Append(c);
                }
            }

            if (shown < text.Length)
            {
                builder.Append("...");
            }

            builder.Append('\'');
            return builder.ToString();
        }

        /// <summary>True when <paramref name="text"/> starts with <paramref name="prefix"/> (ordinal).</summary>
        internal static bool StartsWith(string text, string prefix)
        {
            if (text == null || text.Length < prefix.Length)
            {
                return false;
            }

            for (int i = 0; i < prefix.Length; i++)
            {
                if (text[i] != prefix[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Index of <paramref name="c"/> in <paramref name="text"/>, or -1.</summary>
        internal static int IndexOf(string text, char c)
        {
            if (text == null)
            {
                return -1;
            }

            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == c)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Number of times <paramref name="c"/> occurs in <paramref name="text"/> from <paramref name="start"/>.</summary>
        internal static int CountOf(string text, char c, int start)
        {
            int count = 0;
            for (int i = start; i < text.Length; i++)
            {
                if (text[i] == c)
                {
                    count++;
                }
            }

            return count;
        }
    }
}
