using System.Security.Cryptography;
using System.Text;

namespace AwsIotDevice.CustomAuth.Signing;

/// <summary>
/// Signs and verifies custom-authorizer tokens exactly as AWS IoT checks them: RSA PKCS#1 v1.5 with SHA-256 over
/// the token's UTF-8 bytes, base64 encoded. Byte-identical to
/// <c>printf %s TOKEN | openssl dgst -sha256 -sign private.pem | openssl base64 -A</c> (PKCS#1 v1.5 is deterministic).
/// </summary>
public static class TokenSignature
{
    /// <summary>AWS's maximum token length in characters.</summary>
    public const int MaxTokenLength = 6144;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Returns the base64 signature of <paramref name="token"/>. Throws <see cref="CustomAuthException"/> when the
    /// token is empty, longer than AWS allows, or not valid Unicode (a lone surrogate has no UTF-8 form, so no other
    /// tool would sign the same bytes).
    /// </summary>
    public static string Sign(RSA privateKey, string token)
    {
        byte[] data = TokenBytes(token);
        byte[] signature = privateKey.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return Convert.ToBase64String(signature);
    }

    /// <summary>
    /// True when <paramref name="signature"/> (base64, raw or percent-encoded) is a valid signature of
    /// <paramref name="token"/> under <paramref name="publicKey"/>. A malformed signature or token is simply invalid.
    /// </summary>
    public static bool Verify(RSA publicKey, string token, string signature)
    {
        if (!SignatureText.TryDecode(signature, out byte[] bytes, out _))
        {
            return false;
        }

        byte[] data;
        try
        {
            data = TokenBytes(token);
        }
        catch (CustomAuthException)
        {
            return false;
        }

        return publicKey.VerifyData(data, bytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private static byte[] TokenBytes(string token)
    {
        if (string.IsNullOrEmpty(token))
        {
            throw new CustomAuthException("token is empty");
        }

        if (token.Length > MaxTokenLength)
        {
            throw new CustomAuthException($"token is {token.Length} characters; AWS IoT accepts at most {MaxTokenLength}");
        }

        try
        {
            return StrictUtf8.GetBytes(token);
        }
        catch (EncoderFallbackException)
        {
            throw new CustomAuthException("token is not valid Unicode (it contains an unpaired surrogate)");
        }
    }
}
