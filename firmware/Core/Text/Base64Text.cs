using System;

namespace AwsIotDevice.Core.Text
{
    /// <summary>
    /// Strict base64 checks and decoding on top of mscorlib's <c>Convert.FromBase64String</c> (which nanoFramework has):
    /// only the canonical spelling of some bytes is accepted, so one value has one text. Also base64url without padding
    /// (RFC 4648 section 5), turned into standard base64 char by char (mscorlib has no string.Replace). Never throws for
    /// bad input: every decoder returns null instead. Stateless; any thread.
    /// </summary>
    public static class Base64Text
    {
        /// <summary>True for A-Z a-z 0-9 + / (standard base64's 64 symbols).</summary>
        public static bool IsStandardSymbol(char c)
        {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
        }

        /// <summary>True for A-Z a-z 0-9 - _ (base64url's 64 symbols).</summary>
        public static bool IsUrlSymbol(char c)
        {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        }

        /// <summary>
        /// True when <paramref name="text"/> matches AWS's pattern for a token signature, <c>[A-Za-z0-9+/]+={0,2}</c>, and
        /// has <paramref name="minLength"/>..<paramref name="maxLength"/> characters (AWS: 1..2560). Syntax only: the
        /// pattern does not ask for a multiple of 4, so neither does this.
        /// </summary>
        public static bool MatchesAwsSignaturePattern(string text, int minLength, int maxLength)
        {
            if (text == null || text.Length < minLength || text.Length > maxLength)
            {
                return false;
            }

            int padding = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '=')
                {
                    padding++;
                }
                else if (padding > 0 || !IsStandardSymbol(c))
                {
                    return false;
                }
            }

            return padding <= 2 && padding < text.Length;
        }

        /// <summary>
        /// The bytes of canonical, padded standard base64 <paramref name="text"/> (length a multiple of 4, '=' only as the
        /// last one or two characters, unused bits zero), or null for anything else (null and "" included).
        /// </summary>
        public static byte[] DecodeStandard(string text)
        {
            if (text == null || text.Length == 0 || text.Length % 4 != 0)
            {
                return null;
            }

            int padding = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '=')
                {
                    padding++;
                }
                else if (padding > 0 || !IsStandardSymbol(c))
                {
                    return null;
                }
            }

            if (padding > 2)
            {
                return null;
            }

            return DecodeCanonical(text);
        }

        /// <summary>
        /// The bytes of canonical unpadded base64url <paramref name="text"/> (RFC 4648 section 5: A-Z a-z 0-9 - _, no '=',
        /// unused bits zero), or null for anything else (null and "" included).
        /// </summary>
        public static byte[] DecodeUrlUnpadded(string text)
        {
            if (text == null || text.Length == 0 || text.Length % 4 == 1)
            {
                return null;
            }

            int padded = (text.Length + 3) / 4 * 4;
            char[] standard = new char[padded];
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (!IsUrlSymbol(c))
                {
                    return null;
                }

                standard[i] = c == '-' ? '+' : (c == '_' ? '/' : c);
            }

            for (int i = text.Length; i < padded; i++)
            {
                standard[i] = '=';
            }

            return DecodeCanonical(new string(standard));
        }

        // The text is syntactically base64 here; decoding may still fail on some runtimes, and a spelling with non-zero
        // unused bits decodes to bytes whose encoding differs: both are refused.
        private static byte[] DecodeCanonical(string text)
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(text);
            }
            catch (Exception)
            {
                return null;
            }

            if (bytes == null || Convert.ToBase64String(bytes) != text)
            {
                return null;
            }

            return bytes;
        }
    }
}
