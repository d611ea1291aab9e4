using System.Text;

namespace AwsIotDevice.Iotctl.Tests.Spec;

/// <summary>A word of a shell command line: its text after quote removal, and whether it came from a variable or a substitution.</summary>
internal sealed record ShellWord(string Text, bool IsExpansion);

/// <summary>
/// Splits bash command lines the way the shell does for what the setup prints: comments, line continuations, single
/// and double quotes, and <c>$VAR</c> / <c>$(...)</c> expansions (kept as one word, marked, never interpreted).
/// </summary>
internal static class ShellWords
{
    /// <summary>The commands of <paramref name="script"/>, one word list each (continuations joined, comments dropped).</summary>
    public static IReadOnlyList<IReadOnlyList<ShellWord>> Commands(string script)
    {
        var commands = new List<IReadOnlyList<ShellWord>>();
        var pending = new StringBuilder();
        foreach (string raw in script.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (pending.Length == 0 && line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending.Append(line[..^1]).Append(' ');
                continue;
            }

            pending.Append(line);
            string text = pending.ToString().Trim();
            pending.Clear();
            if (text.Length > 0)
            {
                commands.Add(Split(text));
            }
        }

        return commands;
    }

    /// <summary>The words of one command line.</summary>
    public static IReadOnlyList<ShellWord> Split(string line)
    {
        var words = new List<ShellWord>();
        var word = new StringBuilder();
        bool inWord = false;
        bool expansion = false;
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (char.IsWhiteSpace(ch))
            {
                Flush();
                continue;
            }

            inWord = true;
            if (ch == '\'')
            {
                int end = line.IndexOf('\'', i + 1);
                if (end < 0)
                {
                    throw new FormatException($"unclosed ' in: {line}");
                }

                word.Append(line, i + 1, end - i - 1);
                i = end;
            }
            else if (ch == '"')
            {
                int depth = 0;
                int j = i + 1;
                for (; j < line.Length && (line[j] != '"' || depth > 0); j++)
                {
                    if (line[j] == '$' && j + 1 < line.Length && line[j + 1] == '(')
                    {
                        depth++;
                    }
                    else if (line[j] == ')' && depth > 0)
                    {
                        depth--;
                    }
                }

                if (j >= line.Length)
                {
                    throw new FormatException($"unclosed \" in: {line}");
                }

                string inner = line[(i + 1)..j];
                expansion |= inner.Contains('$');
                word.Append(inner);
                i = j;
            }
            else
            {
                expansion |= ch == '$';
                word.Append(ch);
            }
        }

        Flush();
        return words;

        void Flush()
        {
            if (inWord)
            {
                words.Add(new ShellWord(word.ToString(), expansion));
            }

            word.Clear();
            inWord = false;
            expansion = false;
        }
    }
}
