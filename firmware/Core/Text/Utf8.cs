namespace AwsIotDevice.Core.Text
{
    /// <summary>
    /// UTF-8 encoding of .NET strings, the way <c>Encoding.UTF8</c> does it (a surrogate pair becomes one 4-byte
    /// sequence, an unpaired surrogate becomes U+FFFD). Core's own because <c>Encoding</c> is not in nanoFramework's
    /// mscorlib (it lives in the System.Text package Core does not depend on). Stateless; any thread.
    /// </summary>
    public static class Utf8
    {
        /// <summary>U+FFFD, written for an unpaired surrogate (it has no UTF-8 form).</summary>
        public const int ReplacementCharacter = 0xFFFD;

        /// <summary>Number of bytes <paramref name="value"/> takes in UTF-8; null counts as empty. Allocates nothing.</summary>
        public static int ByteCount(string value)
        {
            if (value == null)
            {
                return 0;
            }

            int bytes = 0;
            int width;
            for (int i = 0; i < value.Length; i += width)
            {
                bytes += ByteCount(ScalarAt(value, i, out width));
            }

            return bytes;
        }

        /// <summary>The UTF-8 form of <paramref name="value"/> in a new array; null gives an empty array.</summary>
        public static byte[] GetBytes(string value)
        {
            byte[] bytes = new byte[ByteCount(value)];
            Write(value, bytes, 0);
            return bytes;
        }

        /// <summary>
        /// Writes the UTF-8 form of <paramref name="value"/> (null: nothing) into <paramref name="destination"/> at
        /// <paramref name="offset"/> and returns the number of bytes written. The caller provides room for
        /// <see cref="ByteCount(string)"/> bytes; too little room throws IndexOutOfRangeException with part written.
        /// </summary>
        public static int Write(string value, byte[] destination, int offset)
        {
            if (value == null)
            {
                return 0;
            }

            int start = offset;
            int width;
            for (int i = 0; i < value.Length; i += width)
            {
                offset += Write(ScalarAt(value, i, out width), destination, offset);
            }

            return offset - start;
        }

        /// <summary>
        /// The Unicode scalar value at <paramref name="index"/> of <paramref name="text"/>: a surrogate pair is joined
        /// (<paramref name="width"/> = 2), an unpaired surrogate is <see cref="ReplacementCharacter"/>, anything else is
        /// the char itself (<paramref name="width"/> = 1). <paramref name="index"/> must be inside the string.
        /// </summary>
        public static int ScalarAt(string text, int index, out int width)
        {
            char c = text[index];
            width = 1;
            if (c < 0xD800 || c > 0xDFFF)
            {
                return c;
            }

            if (c <= 0xDBFF && index + 1 < text.Length)
            {
                char low = text[index + 1];
                if (low >= 0xDC00 && low <= 0xDFFF)
                {
                    width = 2;
                    return 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                }
            }

            return ReplacementCharacter;
        }

        /// <summary>Bytes the scalar value <paramref name="scalar"/> (0..0x10FFFF, not a surrogate) takes: 1 to 4.</summary>
        public static int ByteCount(int scalar)
        {
            if (scalar < 0x80)
            {
                return 1;
            }

            if (scalar < 0x800)
            {
                return 2;
            }

            return scalar < 0x10000 ? 3 : 4;
        }

        /// <summary>
        /// Writes the scalar value <paramref name="scalar"/> (from <see cref="ScalarAt"/>) at <paramref name="offset"/>
        /// and returns the number of bytes written (<see cref="ByteCount(int)"/>).
        /// </summary>
        public static int Write(int scalar, byte[] destination, int offset)
        {
            if (scalar < 0x80)
            {
                destination[offset] = (byte)scalar;
                return 1;
            }

            if (scalar < 0x800)
            {
                destination[offset] = (byte)(0xC0 | (scalar >> 6));
                destination[offset + 1] = (byte)(0x80 | (scalar & 0x3F));
                return 2;
            }

            if (scalar < 0x10000)
            {
                destination[offset] = (byte)(0xE0 | (scalar >> 12));
                destination[offset + 1] = (byte)(0x80 | ((scalar >> 6) & 0x3F));
                destination[offset + 2] = (byte)(0x80 | (scalar & 0x3F));
                return 3;
            }

            destination[offset] = (byte)(0xF0 | (scalar >> 18));
            destination[offset + 1] = (byte)(0x80 | ((scalar >> 12) & 0x3F));
            destination[offset + 2] = (byte)(0x80 | ((scalar >> 6) & 0x3F));
            destination[offset + 3] = (byte)(0x80 | (scalar & 0x3F));
            return 4;
        }

        /// <summary>
        /// Decodes <paramref name="count"/> bytes of <paramref name="bytes"/> from <paramref name="offset"/>. Returns null
        /// when they are not well-formed UTF-8 (a stray continuation byte, a truncated sequence, an overlong form, an
        /// encoded surrogate or a value above U+10FFFF): MQTT and the WebSocket protocol require the receiver to
        /// refuse such text rather than repair it. Allocates the result only.
        /// </summary>
        public static string Decode(byte[] bytes, int offset, int count)
        {
            return Decode(bytes, offset, count, false);
        }

        /// <summary>
        /// Decodes <paramref name="count"/> bytes of <paramref name="bytes"/> from <paramref name="offset"/>, replacing
        /// each ill-formed part with one <see cref="ReplacementCharacter"/>, as <c>Encoding.UTF8.GetString</c> does (the
        /// Unicode "maximal subpart" practice: a bad lead byte is one replacement; a sequence cut short by a wrong or
        /// missing continuation byte is one replacement for the bytes taken so far, and the offending byte starts
        /// afresh). For text a person typed (the serial line), where a stray byte must not drop the whole line.
        /// Never returns null; allocates the result only.
        /// </summary>
        public static string DecodeReplacing(byte[] bytes, int offset, int count)
        {
            return Decode(bytes, offset, count, true);
        }

        // One decoder for both: where an ill-formed part is found, either one replacement character or null.
        private static string Decode(byte[] bytes, int offset, int count, bool replace)
        {
            char[] chars = new char[count];
            int length = 0;
            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                int lead = bytes[i];
                if (lead < 0x80)
                {
                    chars[length++] = (char)lead;
                    i++;
                    continue;
                }

                int more = lead >= 0xC2 && lead <= 0xDF ? 1 : lead >= 0xE0 && lead <= 0xEF ? 2 : lead >= 0xF0 && lead <= 0xF4 ? 3 : 0;
                int scalar = lead & (more == 1 ? 0x1F : more == 2 ? 0x0F : 0x07);
                int taken = 1;
                while (taken <= more && i + taken < end && IsContinuation(lead, taken, bytes[i + taken]))
                {
                    scalar = (scalar << 6) | (bytes[i + taken] & 0x3F);
                    taken++;
                }

                if (more == 0 || taken <= more)
                {
                    if (!replace)
                    {
                        return null;
                    }

                    chars[length++] = (char)ReplacementCharacter;
                    i += taken;
                    continue;
                }

                i += taken;
                if (scalar < 0x10000)
                {
                    chars[length++] = (char)scalar;
                }
                else
                {
                    scalar -= 0x10000;
                    chars[length++] = (char)(0xD800 + (scalar >> 10));
                    chars[length++] = (char)(0xDC00 + (scalar & 0x3FF));
                }
            }

            return new string(chars, 0, length);
        }

        // The second byte's range excludes overlong forms (E0, F0), surrogates (ED) and values above U+10FFFF (F4),
        // so a well-formed prefix can never decode to a forbidden value.
        private static bool IsContinuation(int lead, int position, int value)
        {
            if (position == 1)
            {
                switch (lead)
                {
                    case 0xE0:
                        return value >= 0xA0 && value <= 0xBF;
                    case 0xED:
                        return value >= 0x80 && value <= 0x9F;
                    case 0xF0:
                        return value >= 0x90 && value <= 0xBF;
                    case 0xF4:
                        return value >= 0x80 && value <= 0x8F;
                }
            }

            return (value & 0xC0) == 0x80;
        }
    }
}
