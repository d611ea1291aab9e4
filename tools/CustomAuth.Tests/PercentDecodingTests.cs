using System.Text;
using AwsIotDevice.CustomAuth.Authorizer;

namespace AwsIotDevice.CustomAuth.Tests;

/// <summary>
/// The one percent-decoder (<see cref="PercentDecoding"/>) used by the emulator and the reference authorizer. The first
/// two tests moved here from the emulator's fuzz tests; the last checks that the plus-is-space switch changes nothing
/// but '+'.
/// </summary>
public class PercentDecodingTests
{
    [Fact]
    public void LoneSurrogateInAPercentEncodedValueIsRefusedNotThrown()
    {
        // Found by the fuzzer: a lone high surrogate followed by a pair used to throw ArgumentException.
        Assert.Null(PercentDecoding.Decode("\uD83D\uD83D\uDE00%41", true));
        Assert.Null(PercentDecoding.Decode("a\uDE00%41", true));
        Assert.Equal("\uD83D\uDE00A", PercentDecoding.Decode("\uD83D\uDE00%41", true));
    }

    [Fact]
    public void DecodeRefusesBrokenPercentEscapesWithoutThrowing()
    {
        var rng = new Random(7);
        const string alphabet = "%0123456789abcdefABCDEFgG+ zé";
        for (int i = 0; i < 5000; i++)
        {
            var sb = new StringBuilder();
            int len = rng.Next(0, 12);
            for (int k = 0; k < len; k++) sb.Append(alphabet[rng.Next(alphabet.Length)]);
            string text = sb.ToString();
            string? decoded = PercentDecoding.Decode(text, true);
            // Reference: a '%' not followed by two hex digits is malformed; so is percent-encoded invalid UTF-8.
            bool escapesOk = true;
            for (int p = 0; p < text.Length; p++)
                if (text[p] == '%') { if (p + 2 >= text.Length || !Uri.IsHexDigit(text[p + 1]) || !Uri.IsHexDigit(text[p + 2])) { escapesOk = false; break; } p += 2; }
            if (!escapesOk) Assert.True(decoded is null, $"'{text}' has a broken escape but decoded to '{decoded}'");
            else if (decoded is not null) Assert.Equal(Uri.UnescapeDataString(text.Replace("+", "%20", StringComparison.Ordinal)), decoded);
        }
    }

    private static readonly string[] Vectors =
    [
        "", "plain", "a+b", "+", "++", "%2B", "a%2Bb+c", "%20+%20", "ab%2Fcd%3D%3D", "ab/cd==", "ab%2fcd%3d%3d", "v%C3%A9", "é😀%20",
        "%", "%4", "%G1", "%C3", "%FF", "%C3%28", "a\uDE00", "\uD83D\uD83D\uDE00", "x+%zz", "%E2%82%AC+%E2%82%AC", "Q2x+/abc==",
    ];

    [Fact]
    public void BothModesDecodeTheSameVectorsExceptPlus()
    {
        int seed = 20261202;
        var rng = new Random(seed);
        const string alphabet = "%0123456789abcdefABCDEF+/= zé😀&?";
        var inputs = new List<string>(Vectors);
        for (int i = 0; i < 3000; i++)
        {
            var sb = new StringBuilder();
            int len = rng.Next(0, 16);
            for (int k = 0; k < len; k++)
            {
                sb.Append(alphabet[rng.Next(alphabet.Length)]);
            }

            inputs.Add(sb.ToString());
        }

        int withPlus = 0;
        foreach (string text in inputs)
        {
            string? strict = PercentDecoding.Decode(text, plusIsSpace: true);
            string? lenient = PercentDecoding.Decode(text, plusIsSpace: false);
            if (!text.Contains('+'))
            {
                Assert.True(strict == lenient, $"seed {seed}: '{text}' decodes to '{strict}' with plus-is-space but '{lenient}' without");
                continue;
            }

            withPlus++;
            // A raw '+' is the only difference: as a space it equals an encoded space; kept, it equals an encoded '+'.
            Assert.True(strict == PercentDecoding.Decode(text.Replace("+", "%20", StringComparison.Ordinal), false), $"seed {seed}: '{text}' plus-is-space");
            Assert.True(lenient == PercentDecoding.Decode(text.Replace("+", "%2B", StringComparison.Ordinal), true), $"seed {seed}: '{text}' plus kept");
        }

        Assert.True(withPlus > 100, $"only {withPlus} inputs had a '+'; the generator is not exercising the switch");
    }

    [Theory]
    [InlineData("a+b", "a b", "a+b")]
    [InlineData("Q2x+/abc==", "Q2x /abc==", "Q2x+/abc==")]
    [InlineData("%2B+", "+ ", "++")]
    public void PlusIsTheOnlySwitch(string text, string strict, string lenient)
    {
        Assert.Equal(strict, PercentDecoding.Decode(text, plusIsSpace: true));
        Assert.Equal(lenient, PercentDecoding.Decode(text, plusIsSpace: false));
    }

    [Fact]
    public void LoneSurrogateWithoutEscapesIsRefusedToo()
    {
        Assert.Null(PercentDecoding.Decode("a\uDE00b", false));
        Assert.Equal("\uD83D\uDE00", PercentDecoding.Decode("\uD83D\uDE00", false));
    }
}
