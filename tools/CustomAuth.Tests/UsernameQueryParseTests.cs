using AwsIotDevice.CustomAuth.Authorizer;

namespace AwsIotDevice.CustomAuth.Tests;

/// <summary>The username-query parser in both modes (moved from the emulator's tests when the two parsers became one).</summary>
public class UsernameQueryParseTests
{
    private static UsernameQuery Parse(string? u, bool plusIsSpace = true)
    {
        Assert.True(UsernameQuery.TryParse(u, plusIsSpace, true, out var q, out var error), error);
        return q;
    }

    [Fact]
    public void NullUsernameHasNoQuery()
    {
        var q = Parse(null);
        Assert.False(q.HasQuery);
        Assert.Null(q.User);
        Assert.Null(q.AuthorizerName);
    }

    [Fact]
    public void PlainUsernameHasNoQuery()
    {
        var q = Parse("alice");
        Assert.False(q.HasQuery);
        Assert.Equal("alice", q.User);
        Assert.Empty(q.Keys);
    }

    [Fact]
    public void SplitsAtFirstQuestionMark()
    {
        var q = Parse("user?x-amz-customauthorizer-name=Auth1&token=abc");
        Assert.True(q.HasQuery);
        Assert.Equal("user", q.User);
        Assert.Equal("Auth1", q.AuthorizerName);
        Assert.Equal("abc", q.Get("token"));
    }

    [Fact]
    public void EmptyUserBeforeQueryIsAllowed()
    {
        var q = Parse("?token=x");
        Assert.Equal("", q.User);
        Assert.Equal("x", q.Get("token"));
    }

    [Fact]
    public void SecondQuestionMarkIsMalformed()
    {
        Assert.False(UsernameQuery.TryParse("u?token=a?SDK=x", true, true, out _, out var error));
        Assert.Contains("second '?'", error);
    }

    [Fact]
    public void SecondQuestionMarkIsLiteralWhenObservedSwitchIsOff()
    {
        Assert.True(UsernameQuery.TryParse("u?token=a?b", true, false, out var q, out _));
        Assert.Equal("a?b", q.Get("token"));
    }

    [Fact]
    public void PercentDecodesKeysAndValues()
    {
        var q = Parse("u?x-amz-customauthorizer-signature=ab%2Bcd%2F%3D%3D&tok%65n=v%C3%A9");
        Assert.Equal("ab+cd/==", q.Signature);
        Assert.Equal("vé", q.Get("token"));
    }

    [Theory]
    [InlineData("ab/cd==", "ab/cd==")]
    [InlineData("ab%2Fcd%3D%3D", "ab/cd==")]
    [InlineData("ab%2fcd%3d%3d", "ab/cd==")]
    public void SignatureAcceptsRawOrEncodedSlash(string raw, string expected)
    {
        Assert.Equal(expected, Parse($"u?x-amz-customauthorizer-signature={raw}").Signature);
    }

    [Fact]
    public void RawPlusBecomesSpaceInStrictMode()
    {
        var q = Parse("u?x-amz-customauthorizer-signature=ab+cd", plusIsSpace: true);
        Assert.Equal("ab cd", q.Signature);
        Assert.True(q.SignatureHasRawPlus);
    }

    [Fact]
    public void RawPlusStaysPlusWhenNotStrict()
    {
        var q = Parse("u?x-amz-customauthorizer-signature=ab+cd", plusIsSpace: false);
        Assert.Equal("ab+cd", q.Signature);
    }

    [Fact]
    public void EncodedPlusIsNeverSpace()
    {
        var q = Parse("u?x-amz-customauthorizer-signature=ab%2Bcd", plusIsSpace: true);
        Assert.Equal("ab+cd", q.Signature);
        Assert.False(q.SignatureHasRawPlus);
    }

    [Theory]
    [InlineData("u?token=%")]
    [InlineData("u?token=%4")]
    [InlineData("u?token=%G1")]
    [InlineData("u?token=%C3")]
    [InlineData("u?to%zzken=1")]
    public void BrokenPercentEncodingIsMalformed(string username)
    {
        Assert.False(UsernameQuery.TryParse(username, true, true, out _, out var error));
        Assert.Contains("percent-encoding", error);
    }

    [Fact]
    public void ErrorNeverRepeatsTheValue()
    {
        Assert.False(UsernameQuery.TryParse("u?token=SECRETVALUE%zz", true, true, out _, out var error));
        Assert.DoesNotContain("SECRETVALUE", error);
    }

    [Fact]
    public void SdkMetricsKeysAreIgnored()
    {
        var q = Parse("u?x-amz-customauthorizer-name=A&SDK=Python&Version=1.2&Platform=linux&MQTTLib=paho&Metadata=x&token=t");
        Assert.Equal(["SDK", "Version", "Platform", "MQTTLib", "Metadata"], q.IgnoredMetricsKeys);
        Assert.Null(q.Get("SDK"));
        Assert.Equal(["token", "x-amz-customauthorizer-name"], q.Keys.OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public void FirstDuplicateWins()
    {
        var q = Parse("u?token=first&token=second");
        Assert.Equal("first", q.Get("token"));
        Assert.Equal(["token"], q.DuplicateKeys);
    }

    [Fact]
    public void KeyWithoutValueIsEmpty()
    {
        var q = Parse("u?flag&token=");
        Assert.Equal("", q.Get("flag"));
        Assert.Equal("", q.Get("token"));
    }

    [Fact]
    public void ValueMayContainEquals()
    {
        Assert.Equal("a=b", Parse("u?token=a=b").Get("token"));
    }

    [Fact]
    public void EmptyPairsAreSkipped()
    {
        var q = Parse("u?&&token=1&");
        Assert.Equal("1", q.Get("token"));
        Assert.Single(q.Keys);
    }

    [Fact]
    public void RawValueIsKept()
    {
        var q = Parse("u?x-amz-customauthorizer-signature=a%2Bb");
        Assert.Equal("a%2Bb", q.GetRaw(UsernameQuery.SignatureKey));
    }

    [Fact]
    public void NonAsciiRawCharactersRoundTrip()
    {
        Assert.Equal("é😀", Parse("u?k=é😀%20").Get("k")!.TrimEnd());
    }

    [Fact]
    public void DecodeOfEncodedStringRoundTrips()
    {
        var rng = new Random(42);
        for (int i = 0; i < 200; i++)
        {
            var chars = Enumerable.Range(0, rng.Next(0, 40)).Select(_ => (char)rng.Next(32, 0x7F)).ToArray();
            string s = new(chars);
            Assert.Equal(s, PercentDecoding.Decode(Uri.EscapeDataString(s), plusIsSpace: true));
        }
    }
}
