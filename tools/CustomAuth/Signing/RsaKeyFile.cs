using System.Security.Cryptography;
using System.Text;

namespace AwsIotDevice.CustomAuth.Signing;

/// <summary>
/// Loads the RSA keys of a custom authorizer from PEM files. Only unencrypted RSA-2048 keys are accepted because
/// AWS IoT authorizers take exactly RSA-2048 public keys (other sizes have been rejected), so a key of another size
/// could sign tokens that AWS will never accept. Every failure is a <see cref="CustomAuthException"/> naming the
/// file and the problem; no message ever contains key material.
/// </summary>
public static class RsaKeyFile
{
    /// <summary>The only RSA key size AWS IoT custom authorizers accept.</summary>
    public const int RequiredKeySizeBits = 2048;

    // Key files are small; refusing large inputs keeps a wrong path (a log, an image) from being read into memory.
    private const int MaxFileBytes = 64 * 1024;

    // DER of OID 1.2.840.113549.1.1.1 (rsaEncryption): present in every RSA SubjectPublicKeyInfo / PKCS#8 key.
    private static readonly byte[] RsaEncryptionOid = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01];

    /// <summary>
    /// Loads a private key: PKCS#8 ("BEGIN PRIVATE KEY") or PKCS#1 ("BEGIN RSA PRIVATE KEY"), unencrypted, RSA-2048.
    /// </summary>
    public static RSA LoadPrivateKey(string path) => ParsePrivateKeyPem(ReadText(path), path);

    /// <summary>Loads a public key: SubjectPublicKeyInfo ("BEGIN PUBLIC KEY") or PKCS#1 ("BEGIN RSA PUBLIC KEY"), RSA-2048.</summary>
    public static RSA LoadPublicKey(string path) => ParsePublicKeyPem(ReadText(path), path);

    /// <summary>Parses private-key PEM text; <paramref name="source"/> names it in messages (a path, or "stdin").</summary>
    public static RSA ParsePrivateKeyPem(string pem, string source)
    {
        (string label, byte[] der) = FindPem(pem, source);
        switch (label)
        {
            case "PRIVATE KEY":
                RequireRsaOid(der, source, "private");
                return Checked(source, "private", rsa => rsa.ImportPkcs8PrivateKey(der, out _), der);
            case "RSA PRIVATE KEY":
                return Checked(source, "private", rsa => rsa.ImportRSAPrivateKey(der, out _), der);
            case "ENCRYPTED PRIVATE KEY":
                throw Encrypted(source);
            case "PUBLIC KEY":
            case "RSA PUBLIC KEY":
            case "CERTIFICATE":
                throw new CustomAuthException($"{source}: is a {Describe(label)}, but a private key is needed here (private.pem from 'iotctl keygen')");
            default:
                throw NotRsa(source, label);
        }
    }

    /// <summary>Parses public-key PEM text; <paramref name="source"/> names it in messages.</summary>
    public static RSA ParsePublicKeyPem(string pem, string source)
    {
        (string label, byte[] der) = FindPem(pem, source);
        switch (label)
        {
            case "PUBLIC KEY":
                RequireRsaOid(der, source, "public");
                return Checked(source, "public", rsa => rsa.ImportSubjectPublicKeyInfo(der, out _), der);
            case "RSA PUBLIC KEY":
                return Checked(source, "public", rsa => rsa.ImportRSAPublicKey(der, out _), der);
            case "PRIVATE KEY":
            case "RSA PRIVATE KEY":
            case "ENCRYPTED PRIVATE KEY":
                throw new CustomAuthException($"{source}: is a private key, but a public key is needed here (public.pem from 'iotctl keygen'); keep the private key off machines that only verify");
            case "CERTIFICATE":
                throw new CustomAuthException($"{source}: is a certificate; extract its public key with 'openssl x509 -in FILE -pubkey -noout'");
            default:
                throw NotRsa(source, label);
        }
    }

    private static string ReadText(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (Directory.Exists(path))
            {
                throw new CustomAuthException($"{path}: is a directory, expected a PEM key file");
            }

            if (!info.Exists)
            {
                throw new CustomAuthException($"{path}: file not found");
            }

            if (info.Length > MaxFileBytes)
            {
                throw new CustomAuthException($"{path}: is {info.Length} bytes, too large for a PEM key file");
            }

            byte[] bytes = File.ReadAllBytes(path);
            return Encoding.UTF8.GetString(bytes);
        }
        catch (UnauthorizedAccessException)
        {
            throw new CustomAuthException($"{path}: permission denied");
        }
        catch (IOException e)
        {
            // IOException messages name the path and the OS reason, never file contents.
            throw new CustomAuthException($"{path}: cannot be read ({e.Message})");
        }
    }

    private static (string Label, byte[] Der) FindPem(string pem, string source)
    {
        // Legacy OpenSSL encryption puts headers inside the block, which PemEncoding does not parse at all.
        if (pem.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal))
        {
            throw Encrypted(source);
        }

        if (pem.Contains("BEGIN OPENSSH PRIVATE KEY", StringComparison.Ordinal))
        {
            throw new CustomAuthException($"{source}: is an OpenSSH-format key; convert it to PEM (PKCS#8) with 'ssh-keygen -p -m PKCS8 -f FILE' or make a new one with 'iotctl keygen'");
        }

        if (!PemEncoding.TryFind(pem, out PemFields fields))
        {
            throw new CustomAuthException($"{source}: no PEM block found (expected '-----BEGIN ... KEY-----')");
        }

        string label = pem[fields.Label].ToString();
        byte[] der = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64Chars(pem[fields.Base64Data], der, out int written))
        {
            throw new CustomAuthException($"{source}: the PEM block's base64 data is damaged");
        }

        return (label, der.AsSpan(0, written).ToArray());
    }

    private static void RequireRsaOid(byte[] der, string source, string kind)
    {
        // The algorithm identifier sits near the start; searching the first bytes avoids matching key data.
        ReadOnlySpan<byte> head = der.AsSpan(0, Math.Min(der.Length, 32));
        if (head.IndexOf(RsaEncryptionOid) < 0)
        {
            throw new CustomAuthException($"{source}: is a {kind} key but not an RSA key; AWS IoT custom authorizers need RSA-2048");
        }
    }

    private static RSA Checked(string source, string kind, Action<RSA> import, byte[] der)
    {
        var rsa = RSA.Create();
        try
        {
            import(rsa);
        }
        catch (CryptographicException)
        {
            rsa.Dispose();
            throw new CustomAuthException($"{source}: the {kind} key data is not a valid RSA key");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }

        if (rsa.KeySize != RequiredKeySizeBits)
        {
            int size = rsa.KeySize;
            rsa.Dispose();
            throw new CustomAuthException($"{source}: is a {size}-bit RSA key; AWS IoT custom authorizers need exactly {RequiredKeySizeBits} bits (make one with 'iotctl keygen')");
        }

        return rsa;
    }

    private static CustomAuthException Encrypted(string source) =>
        new($"{source}: the private key is encrypted; decrypt it first ('openssl pkey -in FILE -out plain.pem') and keep the result owner-readable only");

    private static CustomAuthException NotRsa(string source, string label) =>
        new($"{source}: holds a '{Describe(label)}' block, not an RSA key; AWS IoT custom authorizers need RSA-2048");

    private static string Describe(string label) => label.ToLowerInvariant();
}
