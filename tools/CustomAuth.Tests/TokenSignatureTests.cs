using System.Security.Cryptography;
using System.Text;
using AwsIotDevice.CustomAuth.Signing;

namespace AwsIotDevice.CustomAuth.Tests;

public class TokenSignatureTests
{
    [Fact]
    public void Sign_IsPkcs1Sha256OverUtf8_AndVerifies()
    {
        const string token = "v1.ZGV2aWNlLTAx.1767225600 ünïcødé 🚀";
        string signature = TokenSignature.Sign(TestKeys.Primary, token);

        byte[] expected = TestKeys.Primary.SignData(Encoding.UTF8.GetBytes(token), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Assert.Equal(Convert.ToBase64String(expected), signature);
        Assert.Equal(344, signature.Length);
        using RSA publicKey = TestKeys.PublicOf(TestKeys.Primary);
        Assert.True(TokenSignature.Verify(publicKey, token, signature));
        Assert.True(TokenSignature.Verify(publicKey, token, Uri.EscapeDataString(signature)));
    }

    [Fact]
    public void Verify_FailsForTamperedTokenWrongKeyOrDamagedSignature()
    {
        const string token = "v1.ZGV2aWNlLTAx.1767225600";
        string signature = TokenSignature.Sign(TestKeys.Primary, token);
        using RSA publicKey = TestKeys.PublicOf(TestKeys.Primary);
        using RSA otherKey = TestKeys.PublicOf(TestKeys.Secondary);
        char[] damaged = signature.ToCharArray();
        damaged[10] = damaged[10] == 'A' ? 'B' : 'A';

        Assert.False(TokenSignature.Verify(publicKey, token + "0", signature));
        Assert.False(TokenSignature.Verify(otherKey, token, signature));
        Assert.False(TokenSignature.Verify(publicKey, token, new string(damaged)));
        Assert.False(TokenSignature.Verify(publicKey, token, "not base64!"));
        Assert.False(TokenSignature.Verify(publicKey, "", signature));
    }

    [Fact]
    public void Sign_RefusesTokensAwsWouldNotAccept()
    {
        Assert.Throws<CustomAuthException>(() => TokenSignature.Sign(TestKeys.Primary, ""));
        Assert.Throws<CustomAuthException>(() => TokenSignature.Sign(TestKeys.Primary, new string('a', 6145)));
        var e = Assert.Throws<CustomAuthException>(() => TokenSignature.Sign(TestKeys.Primary, "ab\uD800cd"));
        Assert.Contains("surrogate", e.Message);
        Assert.NotNull(TokenSignature.Sign(TestKeys.Primary, new string('a', 6144)));
    }
}
