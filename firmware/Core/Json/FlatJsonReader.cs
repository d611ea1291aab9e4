using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Json
{
    /// <summary>
    /// A strict, bounded reader for one flat JSON object (RFC 8259) of string and whole-number members, e.g.
    /// <c>{"v":1,"clientId":"device-01"}</c>: what the device accepts from the network, and nothing more. Refused with a
    /// reason: anything that is not valid JSON; a top level other than an object; nested objects, arrays, true, false,
    /// null; fractions and exponents; numbers beyond 18 digits; duplicate names; more members or bytes than allowed;
    /// invalid UTF-8, control characters in strings, unpaired surrogate escapes; anything after the closing brace but
    /// whitespace. Never throws for bad input, and a reason never quotes a value (the input may carry a secret).
    /// Stateless; any thread.
    /// </summary>
    public static class FlatJsonReader
    {
        /// <summary>Most digits a number may have (so it always fits a long).</summary>
        public const int MaxDigits = 18;

        /// <summary>
        /// Reads <paramref name="count"/> UTF-8 bytes of <paramref name="bytes"/> from <paramref name="offset"/>. Returns the
        /// object, or null with <paramref name="error"/> saying what is wrong (secret-free) when the input is refused,
        /// including when it is longer than <paramref name="maxBytes"/> or has more than <paramref name="maxMembers"/> members.
        /// </summary>
        public static FlatJsonObject Parse(byte[] bytes, int offset, int count, int maxBytes, int maxMembers, out string error)
        {
            if (bytes == null || offset < 0 || count < 0 || offset > bytes.Length - count)
            {
                error = "no JSON given";
                return null;
            }

            if (count > maxBytes)
            {
                error = "JSON is " + count.ToString() + " bytes; at most " + maxBytes.ToString() + " are accepted";
                return null;
            }

            string text = Utf8.Decode(bytes, offset, count);
            if (text == null)
            {
                error = "JSON is not valid UTF-8";
                return null;
            }

            return Parse(text, maxMembers, out error);
        }

        /// <summary>Reads <paramref name="text"/>; see <see cref="Parse(byte[], int, int, int, int, out string)"/>.</summary>
        public static FlatJsonObject Parse(string text, int maxMembers, out string error)
        {
            if (text == null)
            {
                error = "no JSON given";
                return null;
            }

            Reader reader = new Reader(text, maxMembers < 0 ? 0 : maxMembers);
            FlatJsonObject result = reader.ReadObject();
            error = reader.Error;
            return result;
        }

        private sealed class Reader
        {
            private readonly string _text;
            private readonly int _maxMembers;
            private readonly string[] _names;
            private readonly string[] _strings;
            private readonly long[] _numbers;
            private readonly bool[] _isString;
            private int _count;
            private int _at;

            internal Reader(string text, int maxMembers)
            {
                _text = text;
                _maxMembers = maxMembers;
                _names = new string[maxMembers];
                _strings = new string[maxMembers];
                _numbers = new long[maxMembers];
                _isString = new bool[maxMembers];
            }

            internal string Error { get; private set; }

            internal FlatJsonObject ReadObject()
            {
                SkipWhitespace();
                if (!Take('{'))
                {
                    return Fail("JSON must be an object ({...})");
                }

                SkipWhitespace();
                if (!Take('}'))
                {
                    while (true)
                    {
                        if (!ReadMember())
                        {
                            return null;
                        }

                        SkipWhitespace();
                        if (Take('}'))
                        {
                            break;
                        }

                        if (!Take(','))
                        {
                            return Fail("expected ',' or '}' at character " + _at.ToString());
                        }

                        SkipWhitespace();
                    }
                }

                SkipWhitespace();
                if (_at != _text.Length)
                {
                    return Fail("text after the closing '}' at character " + _at.ToString());
                }

                return new FlatJsonObject(_names, _strings, _numbers, _isString, _count);
            }

            private bool ReadMember()
            {
                if (Peek() != '"')
                {
                    Fail("expected a member name in double quotes at character " + _at.ToString());
                    return false;
                }

                string name = ReadString();
                if (name == null)
                {
                    return false;
                }

                for (int i = 0; i < _count; i++)
                {
                    if (_names[i] == name)
                    {
                        Fail("member " + Shown(name) + " appears twice");
                        return false;
                    }
                }

                if (_count == _maxMembers)
                {
                    Fail("more than " + _maxMembers.ToString() + " members");
                    return false;
                }

                SkipWhitespace();
                if (!Take(':'))
                {
                    Fail("expected ':' after member " + Shown(name));
                    return false;
                }

                SkipWhitespace();
                char c = Peek();
                if (c == '"')
                {
                    string value = ReadString();
                    if (value == null)
                    {
                        return false;
                    }

                    Store(name, value, 0, true);
                    return true;
                }

                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    long number;
                    if (!ReadNumber(name, out number))
                    {
                        return false;
                    }

                    Store(name, null, number, false);
                    return true;
                }

                Fail("member " + Shown(name) + " is not a string or a whole number (objects, arrays, true, false and null are not accepted)");
                return false;
            }

            private void Store(string name, string text, long number, bool isString)
            {
                _names[_count] = name;
                _strings[_count] = text;
                _numbers[_count] = number;
                _isString[_count] = isString;
                _count++;
            }

            private bool ReadNumber(string name, out long value)
            {
                value = 0;
                bool negative = Take('-');
                int start = _at;
                while (_at < _text.Length && _text[_at] >= '0' && _text[_at] <= '9')
                {
                    _at++;
                }

                int digits = _at - start;
                if (digits == 0 || (digits > 1 && _text[start] == '0'))
                {
                    Fail("member " + Shown(name) + " is not a JSON number (no digits, or a leading zero)");
                    return false;
                }

                char next = Peek();
                if (next == '.' || next == 'e' || next == 'E')
                {
                    Fail("member " + Shown(name) + " must be a whole number (no fraction or exponent)");
                    return false;
                }

                if (digits > MaxDigits)
                {
                    Fail("member " + Shown(name) + " has more than " + MaxDigits.ToString() + " digits");
                    return false;
                }

                for (int i = start; i < _at; i++)
                {
                    value = (value * 10) + (_text[i] - '0');
                }

                if (negative)
                {
                    value = -value;
                }

                return true;
            }

            // At the opening quote. Returns the decoded string, or null (with Error set).
            private string ReadString()
            {
                _at++;
                TextBuilder builder = new TextBuilder();
                while (true)
                {
                    if (_at >= _text.Length)
                    {
                        Fail("a string is not closed");
                        return null;
                    }

                    char c = _text[_at++];
                    if (c == '"')
                    {
                        return builder.ToString();
                    }

                    if (c < ' ')
                    {
                        Fail("a string contains a control character (write it as an escape)");
                        return null;
                    }

                    if (c >= 0xD800 && c <= 0xDFFF)
                    {
                        // Text decoded from UTF-8 only has whole pairs; a string given directly might not.
                        if (c > 0xDBFF || _at >= _text.Length || _text[_at] < 0xDC00 || _text[_at] > 0xDFFF)
                        {
                            Fail("a string has an unpaired surrogate");
                            return null;
                        }

                        builder.Append(c);
                        builder.Append(_text[_at++]);
                        continue;
                    }

                    if (c != '\\')
                    {
                        builder.Append(c);
                        continue;
                    }

                    if (!ReadEscape(builder))
                    {
                        return null;
                    }
                }
            }

            private bool ReadEscape(TextBuilder builder)
            {
                if (_at >= _text.Length)
                {
                    Fail("a string ends in a lone backslash");
                    return false;
                }

                char e = _text[_at++];
                switch (e)
                {
                    case '"':
                        builder.Append('"');
                        return true;
                    case '\\':
                        builder.Append('\\');
                        return true;
                    case '/':
                        builder.Append('/');
                        return true;
                    case 'b':
                        builder.Append('\b');
                        return true;
                    case 'f':
                        builder.Append('\f');
                        return true;
                    case 'n':
                        builder.Append('\n');
                        return true;
                    case 'r':
                        builder.Append('\r');
                        return true;
                    case 't':
                        builder.Append('\t');
                        return true;
                    case 'u':
                        return ReadUnicodeEscape(builder);
                    default:
                        Fail("a string has an unknown escape (only \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
                        return false;
                }
            }

            private bool ReadUnicodeEscape(TextBuilder builder)
            {
                int unit = ReadHex4();
                if (unit < 0)
                {
                    return false;
                }

                if (unit >= 0xDC00 && unit <= 0xDFFF)
                {
                    Fail("a string has an unpaired surrogate escape");
                    return false;
                }

                if (unit >= 0xD800 && unit <= 0xDBFF)
                {
                    if (_at + 1 >= _text.Length || _text[_at] != '\\' || _text[_at + 1] != 'u')
                    {
                        Fail("a string has an unpaired surrogate escape");
                        return false;
                    }

                    _at += 2;
                    int low = ReadHex4();
                    if (low < 0)
                    {
                        return false;
                    }

                    if (low < 0xDC00 || low > 0xDFFF)
                    {
                        Fail("a string has an unpaired surrogate escape");
                        return false;
                    }

                    builder.Append((char)unit);
                    builder.Append((char)low);
                    return true;
                }

                builder.Append((char)unit);
                return true;
            }

            private int ReadHex4()
            {
                if (_at + 4 > _text.Length)
                {
                    Fail("a \\u escape needs four hex digits");
                    return -1;
                }

                int value = 0;
                for (int i = 0; i < 4; i++)
                {
                    char c = _text[_at + i];
                    int digit = c >= '0' && c <= '9' ? c - '0' : (c >= 'a' && c <= 'f' ? c - 'a' + 10 : (c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1));
                    if (digit < 0)
                    {
                        Fail("a \\u escape needs four hex digits");
                        return -1;
                    }

                    value = (value << 4) | digit;
                }

                _at += 4;
                return value;
            }

            private void SkipWhitespace()
            {
                while (_at < _text.Length)
                {
                    char c = _text[_at];
                    if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                    {
                        return;
                    }

                    _at++;
                }
            }

            private char Peek()
            {
                return _at < _text.Length ? _text[_at] : '\0';
            }

            private bool Take(char c)
            {
                if (_at < _text.Length && _text[_at] == c)
                {
                    _at++;
                    return true;
                }

                return false;
            }

            private FlatJsonObject Fail(string message)
            {
                if (Error == null)
                {
                    Error = message;
                }

                return null;
            }

            private static string Shown(string name)
            {
                return "'" + Ascii.Printable(name, 40) + "'";
            }
        }
    }
}
