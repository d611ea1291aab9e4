using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Json
{
    /// <summary>Writing JSON values into a <see cref="TextBuilder"/> (RFC 8259 escaping). Stateless; any thread.</summary>
    public static class JsonText
    {
        /// <summary>
        /// Appends <paramref name="value"/> as a JSON string, quotes included (null as ""): '"' and '\' escaped, control
        /// characters as \n, \r, \t or \u00XX; everything else as it is (UTF-8 on the wire).
        /// </summary>
        public static void AppendString(TextBuilder builder, string value)
        {
            builder.Append('"');
            if (value != null)
            {
                for (int i = 0; i < value.Length; i++)
                {
                    char c = value[i];
                    if (c == '"')
                    {
                        builder.Append("\\\"");
                    }
                    else if (c == '\\')
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
                    else if (c == '\t')
                    {
                        builder.Append("\\t");
                    }
                    else if (c < ' ')
                    {
                        builder.Append("\\u00");
                        builder.Append((char)(c < 0x10 ? '0' : '1'));
                        int low = c & 0xF;
                        builder.Append((char)(low < 10 ? '0' + low : 'a' + low - 10));
                    }
                    else
                    {
                        builder.Append(c);
                    }
                }
            }

            builder.Append('"');
        }

        /// <summary>Appends <c>"name":</c> (with a leading ',' unless <paramref name="first"/>).</summary>
        public static void AppendName(TextBuilder builder, string name, bool first)
        {
            if (!first)
            {
                builder.Append(',');
            }

            AppendString(builder, name);
            builder.Append(':');
        }
    }
}
