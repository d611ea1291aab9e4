using AwsIotDevice.CustomAuth.Tokens;

namespace AwsIotDevice.CustomAuth.Tests;

public class TokenDurationTests
{
    [Theory]
    [InlineData("3600s", 3600)]
    [InlineData("60s", 60)]
    [InlineData("15m", 900)]
    [InlineData("12h", 43200)]
    [InlineData("30d", 2592000)]
    [InlineData("366d", 31622400)]
    public void Parse_AcceptsNumberAndUnit(string text, long seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), TokenDuration.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("d")]
    [InlineData("0d")]
    [InlineData("01d")]
    [InlineData("59s")]
    [InlineData("367d")]
    [InlineData("-5m")]
    [InlineData("5 m")]
    [InlineData("5M")]
    [InlineData("1.5h")]
    [InlineData("30w")]
    [InlineData("99999999999d")]
    [InlineData("9223372036854775807s")]
    public void Parse_RejectsEverythingElse(string? text)
    {
        var e = Assert.Throws<CustomAuthException>(() => TokenDuration.Parse(text));
        Assert.Contains("30d", e.Message);
    }
}
