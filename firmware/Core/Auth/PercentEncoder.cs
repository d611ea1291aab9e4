using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Auth
{
    /// <summary>
    /// RFC 3986 percent-encoding: every byte of the UTF-8 form outside the unreserved set
    /// (ALPHA / DIGIT / "-" / "." / "_" / "~") becomes "%XX" with upper-case hex. Space is "%20", never "+",
    /// so base64 signatures survive ("+" "/" "=" are always encoded). Written here because nanoFramework has
    /// no Uri.EscapeDataString and HttpUtility.UrlEncode turns space into "+".
    /// </summary>
    public static class PercentEncoder
    {
        private const string Hex = "0123456789ABCDEF";

        /// <summary>Returns <paramref name="value"/> percent-encoded; null is treated as empty.</summary>
        public static string Encode(string value)
        {
            int length = EncodedLength(value);
            TextBuilder builder = new TextBuilder(length, length);
            Append(builder, value);
            return builder.ToString();
        }

        /// <summary>Appends <paramref name="value"/> percent-encoded to <paramref name="builder"/>.</summary>
        public static void Append(TextBuilder builder, string value)
        {
            if (value == null || value.Length == 0)
            {
                return;
            }

            byte[] utf8 = Utf8.GetBytes(value);
            for (int i = 0; i < utf8.Length; i++)
            {
                byte b = utf8[i];
                if (IsUnreserved(b))
                {
                    builder.Append((char)b);
                }
                else
                {
                    builder.Append('%');
                    builder.Append(Hex[b >> 4]);
                    builder.Append(Hex[b & 0x0F]);
                }
            }
        }

        /// <summary>Length of <paramref name="value"/> once encoded, computed without encoding it; null counts as empty.</summary>
        public static int EncodedLength(string value)
        {
            if (value == null || value.Length == 0)
            {
                return 0;
            }

            byte[] utf8 = Utf8.GetBytes(value);
            int length = 0;
            for (int i = 0; i < utf8.Length; i++)
            {
                length += IsUnreserved(utf8[i]) ? 1 : 3;
            }

            return length;
        }

        /// <summary>True for the RFC 3986 unreserved characters.</summary>
        public static bool IsUnreserved(byte b)
        {
            return (b >= (byte)'A' && b <= (byte)'Z')
                || (b >= (byte)'a' && b <= (byte)'z')
                || (b >= (byte)'0' && b <= (byte)'9')
                || b == (byte)'-' || b == (byte)'.' || b == (byte)'_' || b == (byte)'~';
        }
    }
}
