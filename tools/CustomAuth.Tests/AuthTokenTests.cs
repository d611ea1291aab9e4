using AwsIotDevice.CustomAuth.Tokens;

namespace AwsIotDevice.CustomAuth.Tests;

public class AuthTokenTests
{
    [Fact]
    public void Encode_MatchesTheDocumentedExample()
    {
        AuthToken token = AuthToken.Create("device-01", DateTimeOffset.FromUnixTimeSeconds(1767225600));
        Assert.Equal("v1.ZGV2aWNlLTAx.1767225600", token.Encode());
    }

    [Theory]
    [InlineData("a")]
    [InlineData("device-01")]
    [InlineData("thing:name_with.dots-and:colons")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void RoundTrip_KeepsClientIdAndExpiry(string clientId)
    {
        AuthToken token = AuthToken.Create(clientId, DateTimeOffset.FromUnixTimeSeconds(1800000000));
        string text = token.Encode();

        Assert.True(AuthToken.TryParse(text, out AuthToken? parsed, out string reason), reason);
        Assert.Equal(clientId, parsed!.ClientId);
        Assert.Equal(1800000000, parsed.ExpiresAtUnixSeconds);
        Assert.True(text.Length < 200, $"token is {text.Length} chars");
    }

    [Fact]
    public void Encode_UsesOnlyUnreservedCharacters_SoPercentEncodingLeavesItUnchanged()
    {
        var random = new Random(7);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-";
        for (int i = 0; i < 200; i++)
        {
            string clientId = new(Enumerable.Range(0, random.Next(1, 129)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            string text = AuthToken.Create(clientId, DateTimeOffset.FromUnixTimeSeconds(random.NextInt64(1, AuthToken.MaxExpiresAtUnixSeconds))).Encode();
            Assert.All(text, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~', $"'{c}' in {text}"));
            Assert.Equal(text, Uri.EscapeDataString(text));
        }
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("v1.ZGV2aWNlLTAx", "3")]
    [InlineData("v1.ZGV2aWNlLTAx.1767225600.extra", "3")]
    [InlineData("v2.ZGV2aWNlLTAx.1767225600", "version")]
    [InlineData("V1.ZGV2aWNlLTAx.1767225600", "version")]
    [InlineData("v1..1767225600", "base64url")]
    [InlineData("v1.ZGV2aWNlLTAx=.1767225600", "base64url")]
    [InlineData("v1.ZGV2aWNlLTAy+.1767225600", "base64url")]
    [InlineData("v1.ZGV2aWNlLTAy/.1767225600", "base64url")]
    [InlineData("v1.ZGV2aWNlLTAx.01767225600", "expiry")]
    [InlineData("v1.ZGV2aWNlLTAx.-1", "expiry")]
    [InlineData("v1.ZGV2aWNlLTAx.17672256e3", "expiry")]
    [InlineData("v1.ZGV2aWNlLTAx.999999999999", "expiry")]
    [InlineData("v1.ZGV2aWNlLTAx.", "expiry")]
    [InlineData("v1.ZGV2aWNlLTAx. 1767225600", "expiry")]
    [InlineData("v1.ZGV2aWNlLzAx.1767225600", "client id")] // "device/01": '/' would add a topic level
    [InlineData("v1.ZGV2Kg.1767225600", "client id")] // "dev*": a policy wildcard
    [InlineData("v1.JGF3cw.1767225600", "client id")] // "$aws"
    [InlineData("v1.__8.1767225600", "base64url")] // 0xFF 0xFF: not UTF-8
    public void TryParse_RejectsAnythingButTheCanonicalForm(string text, string expectedReason)
    {
        Assert.False(AuthToken.TryParse(text, out AuthToken? token, out string reason));
        Assert.Null(token);
        Assert.Contains(expectedReason, reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TryParse_NonCanonicalBase64Spelling_IsRejected()
    {
        // "ZGV2aWNlLTAx" encodes 9 bytes exactly; for a 1-byte id "YQ" is canonical and "YR" decodes to the same byte.
        Assert.True(AuthToken.TryParse("v1.YQ.1767225600", out _, out _));
        Assert.False(AuthToken.TryParse("v1.YR.1767225600", out _, out _));
    }

    [Fact]
    public void TryParse_ReasonNeverRepeatsTheToken()
    {
        const string secretish = "v1.c2VjcmV0LXZhbHVlLTEyMzQ1.12x";
        Assert.False(AuthToken.TryParse(secretish, out _, out string reason));
        Assert.DoesNotContain("c2VjcmV0LXZhbHVlLTEyMzQ1", reason);
    }

    [Fact]
    public void IsExpiredAt_IsTrueFromTheExpirySecondOn()
    {
        AuthToken token = AuthToken.Create("d", DateTimeOffset.FromUnixTimeSeconds(1000));
        Assert.False(token.IsExpiredAt(DateTimeOffset.FromUnixTimeSeconds(999)));
        Assert.True(token.IsExpiredAt(DateTimeOffset.FromUnixTimeSeconds(1000)));
        Assert.True(token.IsExpiredAt(DateTimeOffset.FromUnixTimeSeconds(1001)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("dev/1")]
    [InlineData("dev+1")]
    [InlineData("dev#")]
    [InlineData("dev?")]
    [InlineData("dev 1")]
    [InlineData("dévice")]
    public void Create_RejectsUnsafeClientIds(string clientId)
    {
        Assert.Throws<CustomAuthException>(() => AuthToken.Create(clientId, DateTimeOffset.FromUnixTimeSeconds(1000)));
    }

    [Fact]
    public void Create_RejectsClientIdLongerThan128()
    {
        Assert.Throws<CustomAuthException>(() => AuthToken.Create(new string('a', 129), DateTimeOffset.FromUnixTimeSeconds(1000)));
    }
}
