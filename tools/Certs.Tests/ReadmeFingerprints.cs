using System.Text.RegularExpressions;

namespace AwsIotDevice.Certs.Tests;

/// <summary>Reads the SHA-256 fingerprint stated for each file in the table of certs/README.md.</summary>
internal static partial class ReadmeFingerprints
{
    [GeneratedRegex(@"^\|\s*`(?<file>[^`]+\.pem)`\s*\|.*`(?<fp>(?:[0-9A-F]{2}:){31}[0-9A-F]{2})`\s*\|\s*$", RegexOptions.Multiline)]
    private static partial Regex RowPattern();

    public static IReadOnlyDictionary<string, string> Read()
    {
        string text = File.ReadAllText(Path.Combine(RepoFiles.CertsDir, "README.md"));
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in RowPattern().Matches(text))
        {
            result[m.Groups["file"].Value] = m.Groups["fp"].Value;
        }

        return result;
    }
}
