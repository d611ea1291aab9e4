namespace AwsIotDevice.Core.Text
{
    /// <summary>
    /// ASCII-only case folding and cleaning for protocol text (HTTP header names and tokens compare case-insensitively
    /// in ASCII only, RFC 7230 3.2). Core's own because nanoFramework's mscorlib has no ToLowerInvariant, and
    /// culture-aware folding would be wrong for protocol tokens anyway. Stateless; any thread.
    /// </summary>
    public static class Ascii
    {
        /// <summary>'A'..'Z' folded to 'a'..'z'; every other char unchanged.</summary>
        public static char ToLower(char c)
        {
            return c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : c;
        }

        /// <summary>True when <paramref name="a"/> and <paramref name="b"/> are equal ignoring ASCII case (null equals only null).</summary>
        public static bool EqualsIgnoreCase(string a, string b)
        {
            if (a == null || b == null)
            {
                return a == null && b == null;
            }

            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (ToLower(a[i]) != ToLower(b[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// True when the comma-separated list <paramref name="list"/> (an HTTP header value such as
        /// "keep-alive, Upgrade") has an element equal to <paramref name="token"/> ignoring ASCII case and the
        /// spaces or tabs around elements.
        /// </summary>
        public static bool ListContains(string list, string token)
        {
            if (list == null)
            {
                return false;
            }

            int start = 0;
            while (start <= list.Length)
            {
                int comma = list.IndexOf(',', start);
                int end = comma < 0 ? list.Length : comma;
                if (EqualsIgnoreCase(Trim(list.Substring(start, end - start)), token))
                {
                    return true;
                }

                if (comma < 0)
                {
                    return false;
                }

                start = comma + 1;
            }

            return false;
        }

        /// <summary><paramref name="text"/> without leading and trailing spaces and tabs (HTTP's optional whitespace).</summary>
        public static string Trim(string text)
        {
            int start = 0;
            int end = text.Length;
            while (start < end && (text[start] == ' ' || text[start] == '\t'))
            {
                start++;
            }

            while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\t'))
            {
                end--;
            }

            return start == 0 && end == text.Length ? text : text.Substring(start, end - start);
        }

        /// <summary>
        /// <paramref name="text"/> made safe for a one-line detail string: every char outside printable ASCII
        /// (0x20..0x7E) becomes '?', and the result is cut to <paramref name="maxLength"/> chars. Null gives "".
        /// </summary>
        public static string Printable(string text, int maxLength)
        {
            if (text == null)
            {
                return string.Empty;
            }

            int length = text.Length < maxLength ? text.Length : maxLength;
            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                char c = text[i];
                chars[i] = c >= ' ' && c <= '~' ? c : '?';
            }

            return new string(chars);
        }
    }
}
