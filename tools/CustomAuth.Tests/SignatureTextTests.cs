using AwsIotDevice.CustomAuth.Signing;

namespace AwsIotDevice.CustomAuth.Tests;

public class SignatureTextTests
{
    [Theory]
    [InlineData("+/8=")]
    [InlineData("%2B%2F8%3D")]
    [InlineData("%2b%2f8%3d")]
    [InlineData("%2B/8=")]
    public void TryDecode_AcceptsRawAndPercentEncoded(string text)
    {
        Assert.True(SignatureText.TryDecode(text, out byte[] bytes, out string reason), reason);
        Assert.Equal(new byte[] { 0xFB, 0xFF }, bytes);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("ab=c")]
    [InlineData("a===")]
    [InlineData("ab-_")]
    [InlineData("ab c")]
    [InlineData("%41%41==")]
    [InlineData("%2")]
    public void TryDecode_RejectsMalformed(string? text)
    {
        Assert.False(SignatureText.TryDecode(text, out _, out string reason));
        Assert.NotEmpty(reason);
    }

    [Fact]
    public void TryDecode_RejectsLongerThanAwsLimit()
    {
        Assert.True(SignatureText.TryDecode(new string('A', 2560), out _, out _));
        Assert.False(SignatureText.TryDecode(new string('A', 2564), out _, out string reason));
        Assert.Contains("2560", reason);
    }
}
