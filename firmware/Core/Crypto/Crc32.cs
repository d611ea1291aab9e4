namespace AwsIotDevice.Core.Crypto
{
    /// <summary>
    /// CRC-32 as zlib, PNG and Ethernet compute it (ISO-HDLC: polynomial 0x04C11DB7 reflected as 0xEDB88320, initial
    /// value and final XOR 0xFFFFFFFF); the check value of the ASCII bytes "123456789" is 0xCBF43926. Detects a torn or
    /// truncated file, not tampering (anyone can recompute it). Bitwise, without a table: the files it guards are a few
    /// kilobytes, and 1 KB of table would sit in RAM for nothing. Stateless; any thread.
    /// </summary>
    public static class Crc32
    {
        private const uint Polynomial = 0xEDB88320;

        /// <summary>The CRC-32 of <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        public static uint Compute(byte[] data, int offset, int count)
        {
            return Finish(Append(Start, data, offset, count));
        }

        /// <summary>The running value before any byte (feed it to <see cref="Append"/>).</summary>
        public const uint Start = 0xFFFFFFFF;

        /// <summary>Feeds <paramref name="count"/> bytes into the running value <paramref name="crc"/> and returns the new running value.</summary>
        public static uint Append(uint crc, byte[] data, int offset, int count)
        {
            if (data == null)
            {
                throw new System.ArgumentNullException("data");
            }

            if (offset < 0 || count < 0 || offset > data.Length - count)
            {
                throw new System.ArgumentOutOfRangeException("count");
            }

            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc ^= data[i];
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ Polynomial : crc >> 1;
                }
            }

            return crc;
        }

        /// <summary>The CRC of a running value (the final XOR).</summary>
        public static uint Finish(uint crc)
        {
            return crc ^ 0xFFFFFFFF;
        }

        /// <summary><paramref name="crc"/> as 8 lower-case hex digits, e.g. "cbf43926".</summary>
        public static string ToHex(uint crc)
        {
            char[] chars = new char[8];
            for (int i = 7; i >= 0; i--)
            {
                chars[i] = HexDigit((int)(crc & 0xF));
                crc >>= 4;
            }

            return new string(chars);
        }

        private static char HexDigit(int value)
        {
            return (char)(value < 10 ? '0' + value : 'a' + value - 10);
        }
    }
}
