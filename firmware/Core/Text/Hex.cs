namespace AwsIotDevice.Core.Text
{
    /// <summary>Bytes as hex digits and back (mscorlib has no such helper). Stateless; any thread.</summary>
    public static class Hex
    {
        /// <summary><paramref name="bytes"/> as lower-case hex, two digits per byte ("" for null or empty).</summary>
        public static string Encode(byte[] bytes)
        {
            if (bytes == null)
            {
                return string.Empty;
            }

            char[] chars = new char[bytes.Length * 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = Digit(bytes[i] >> 4);
                chars[(2 * i) + 1] = Digit(bytes[i] & 0xF);
            }

            return new string(chars);
        }

        /// <summary>
        /// The bytes spelled by <paramref name="text"/> (pairs of hex digits, either case, nothing else), or null for an
        /// odd length or any other character. "" gives an empty array; null gives null.
        /// </summary>
        public static byte[] Decode(string text)
        {
            if (text == null || text.Length % 2 != 0)
            {
                return null;
            }

            byte[] bytes = new byte[text.Length / 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                int high = Value(text[2 * i]);
                int low = Value(text[(2 * i) + 1]);
                if (high < 0 || low < 0)
                {
                    return null;
                }

                bytes[i] = (byte)((high << 4) | low);
            }

            return bytes;
        }

        private static char Digit(int value)
        {
            return (char)(value < 10 ? '0' + value : 'a' + value - 10);
        }

        private static int Value(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            return -1;
        }
    }
}
