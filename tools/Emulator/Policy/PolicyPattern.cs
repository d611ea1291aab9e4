namespace AwsIotDevice.Emulator.Policy;

/// <summary>
/// IAM-style pattern matching as IoT policies use it: <c>*</c> matches any run of characters (also across '/'),
/// <c>?</c> exactly one character; everything else, including MQTT's <c>+</c> and <c>#</c>, is literal.
/// Policy variables (<c>${iot:ClientId}</c>) are replaced by their value as literal text (a client id containing
/// '*' does not become a wildcard). An unknown or unresolvable variable makes the pattern match nothing.
/// </summary>
public static class PolicyPattern
{
    /// <summary>
    /// Whether <paramref name="value"/> matches <paramref name="pattern"/>. <paramref name="variables"/> maps
    /// variable names (e.g. <c>iot:ClientId</c>) to values.
    /// </summary>
    public static bool Matches(string pattern, string value, IReadOnlyDictionary<string, string>? variables = null, bool ignoreCase = false)
    {
        if (!TryCompile(pattern, variables, out var chars, out var wild)) return false;
        return Match(chars, wild, value, ignoreCase);
    }

    /// <summary>Expands variables: the pattern as characters plus, per character, whether it is a wildcard.</summary>
    internal static bool TryCompile(string pattern, IReadOnlyDictionary<string, string>? variables, out List<char> chars, out List<bool> wild)
    {
        chars = new List<char>(pattern.Length);
        wild = new List<bool>(pattern.Length);
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '$' && i + 1 < pattern.Length && pattern[i + 1] == '{')
            {
                int end = pattern.IndexOf('}', i + 2);
                if (end < 0) return false;
                string name = pattern[(i + 2)..end];
                if (variables is null || !variables.TryGetValue(name, out var val)) return false;
                foreach (char vc in val) { chars.Add(vc); wild.Add(false); }
                i = end;
                continue;
            }
            chars.Add(c);
            wild.Add(c is '*' or '?');
        }
        return true;
    }

    private static bool Match(List<char> p, List<bool> wild, string s, bool ignoreCase)
    {
        int pi = 0, si = 0, starP = -1, starS = 0;
        while (si < s.Length)
        {
            if (pi < p.Count && wild[pi] && p[pi] == '*')
            {
                starP = pi++;
                starS = si;
            }
            else if (pi < p.Count && ((wild[pi] && p[pi] == '?') || Same(p[pi], s[si], ignoreCase)))
            {
                pi++;
                si++;
            }
            else if (starP >= 0)
            {
                pi = starP + 1;
                si = ++starS;
            }
            else return false;
        }
        while (pi < p.Count && wild[pi] && p[pi] == '*') pi++;
        return pi == p.Count;
    }

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToLowerInvariant(a) == char.ToLowerInvariant(b));
}
