using AwsIotDevice.Core.Crypto;
using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Settings
{
    /// <summary>
    /// The last line of a file the device must be able to tell complete from torn (an import file copied by nanoff, the
    /// pending renewal): <c>#end &lt;byte count&gt; &lt;crc32 hex&gt;</c> and a final "\n", where the count is the number of
    /// bytes before the trailer line and the CRC-32 (<see cref="Crc32"/>, 8 lower-case hex digits) is over those bytes.
    /// A copy cut short loses the trailer or its count no longer matches; flipped bytes fail the CRC. Not a signature: it
    /// stops accidents, not an attacker who can write the file. The line starts with '#', so the settings codec reads it
    /// as a comment and the file stays a settings file. Stateless; any thread.
    /// </summary>
    public static class IntegrityTrailer
    {
        /// <summary>How the trailer line starts.</summary>
        public const string Prefix = "#end ";

        /// <summary>Why a check failed: no trailer line at the end.</summary>
        public const string Missing = "missing";

        /// <summary>Why a check failed: the count does not match the bytes before the trailer.</summary>
        public const string Truncated = "truncated";

        /// <summary>Why a check failed: the CRC does not match.</summary>
        public const string Damaged = "damaged";

        /// <summary>
        /// <paramref name="body"/> (a final "\n" added when missing) followed by its trailer line. The count is of the body's
        /// UTF-8 bytes.
        /// </summary>
        public static string Append(string body)
        {
            string text = body == null ? string.Empty : body;
            if (text.Length > 0 && text[text.Length - 1] != '\n')
            {
                text += "\n";
            }

            byte[] bytes = Utf8.GetBytes(text);
            return text + Prefix + bytes.Length.ToString() + " " + Crc32.ToHex(Crc32.Compute(bytes, 0, bytes.Length)) + "\n";
        }

        /// <summary>
        /// Checks the first <paramref name="count"/> bytes of <paramref name="bytes"/>. Returns the number of body bytes
        /// (those before the trailer) when the trailer is the last line (the final "\n" may be missing), its count equals
        /// them and its CRC matches; otherwise -1 with <paramref name="failure"/> set to <see cref="Missing"/>,
        /// <see cref="Truncated"/> or <see cref="Damaged"/>. Never throws for bad content.
        /// </summary>
        public static int Check(byte[] bytes, int count, out string failure)
        {
            failure = Missing;
            if (bytes == null || count <= 0 || count > bytes.Length)
            {
                return -1;
            }

            int end = bytes[count - 1] == (byte)'\n' ? count - 1 : count;
            int lineStart = end;
            while (lineStart > 0 && bytes[lineStart - 1] != (byte)'\n')
            {
                lineStart--;
            }

            // "#end " + 1..10 digits + " " + 8 hex digits.
            int at = lineStart;
            for (int i = 0; i < Prefix.Length; i++)
            {
                if (at >= end || bytes[at] != (byte)Prefix[i])
                {
                    return -1;
                }

                at++;
            }

            long declared = 0;
            int digits = 0;
            while (at < end && bytes[at] >= (byte)'0' && bytes[at] <= (byte)'9' && digits < 10)
            {
                declared = (declared * 10) + (bytes[at] - '0');
                digits++;
                at++;
            }

            if (digits == 0 || at >= end || bytes[at] != (byte)' ' || end - (at + 1) != 8)
            {
                return -1;
            }

            uint crc = 0;
            for (int i = at + 1; i < end; i++)
            {
                int digit = HexValue(bytes[i]);
                if (digit < 0)
                {
                    return -1;
                }

                crc = (crc << 4) | (uint)digit;
            }

            if (declared != lineStart)
            {
                failure = Truncated;
                return -1;
            }

            if (Crc32.Compute(bytes, 0, lineStart) != crc)
            {
                failure = Damaged;
                return -1;
            }

            failure = string.Empty;
            return lineStart;
        }

        private static int HexValue(byte b)
        {
            if (b >= (byte)'0' && b <= (byte)'9')
            {
                return b - '0';
            }

            return b >= (byte)'a' && b <= (byte)'f' ? b - 'a' + 10 : -1;
        }
    }
}
