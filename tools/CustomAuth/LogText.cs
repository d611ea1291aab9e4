using System.Text;

namespace AwsIotDevice.CustomAuth;

/// <summary>
/// Makes untrusted, non-secret text (client ids, file names) safe for a one-line message: control characters are
/// escaped and long values are cut, so a hostile client id cannot forge or flood log lines.
/// Never pass secrets here: quoting does not hide them.
/// </summary>
public static class LogText
{
    /// <summary>Returns <paramref name="value"/> in single quotes, escaped, at most <paramref name="max"/> characters of it.</summary>
    public static string Quote(string? value, int max = 64)
    {
        if (value is null)
        {
            return "(none)";
        }

        var builder = new StringBuilder(value.Length + 2);
        builder.Append('\'');
        int count = 0;
        foreach (char c in value)
        {
            if (count++ == max)
            {
                builder.Append("...");
                break;
            }

            if (char.IsControl(c) || c == '\'' || c == '\\')
            {
                builder.Append("\\u").Append(((int)c).ToString("x4"));
            }
            else
            {
                builder.Append(c);
            }
        }

        builder.Append('\'');
        return builder.ToString();
    }
}
