using System.Globalization;
using System.Text;
using AwsIotDevice.Core.Text;

namespace AwsIotDevice.SerialLines.Tests;

/// <summary>
/// Core's Utf8.DecodeReplacing (what the board's serial line decodes with) gives exactly what .NET's Encoding.UTF8 gives,
/// on random byte strings biased towards UTF-8 lead and continuation bytes. Seeded (UTF8_SEED, or a random one); the seed is printed on failure.
/// </summary>
public class Utf8ReplacingParityTests
{
    [Fact]
    public void Core_decodes_random_bytes_exactly_as_dotnet_does()
    {
        int seed = SeedFrom(Environment.GetEnvironmentVariable("UTF8_SEED"));
        var random = new Random(seed);
        byte[] interesting = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF];
        for (int round = 0; round < 20000; round++)
        {
            byte[] bytes = new byte[random.Next(0, 12)];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = random.Next(3) == 0 ? (byte)random.Next(256) : interesting[random.Next(interesting.Length)];
            }

            string expected = Encoding.UTF8.GetString(bytes);
            string actual = Utf8.DecodeReplacing(bytes, 0, bytes.Length);
            Assert.True(expected == actual, $"UTF8_SEED={seed}: bytes {Convert.ToHexString(bytes)} decode to {Escape(actual)}, .NET gives {Escape(expected)}");
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void An_unset_or_empty_UTF8_SEED_draws_a_seed(string? given) => Assert.InRange(SeedFrom(given), 0, int.MaxValue);

    [Fact]
    public void UTF8_SEED_is_read_whatever_the_current_culture()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            // A culture whose negative sign is not '-': a culture-dependent parse refuses "-5".
            var odd = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            odd.NumberFormat.NegativeSign = "neg";
            CultureInfo.CurrentCulture = odd;
            Assert.Equal(-5, SeedFrom("-5"));
            Assert.Equal(42, SeedFrom("42"));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    // As SOAK_SEED: unset or empty draws a random seed; a given one is read in the invariant culture.
    private static int SeedFrom(string? given) =>
        string.IsNullOrEmpty(given) ? Random.Shared.Next() : int.Parse(given, CultureInfo.InvariantCulture);

    private static string Escape(string text) => string.Concat(text.Select(c => c < 0x80 && !char.IsControl(c) ? c.ToString() : $"\\u{(int)c:X4}"));
}
