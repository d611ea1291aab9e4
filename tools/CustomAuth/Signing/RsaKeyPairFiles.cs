using System.Security.Cryptography;
using AwsIotDevice.CustomAuth.Files;

namespace AwsIotDevice.CustomAuth.Signing;

/// <summary>
/// Creates an RSA-2048 key pair as two PEM files: <c>private.pem</c> in PKCS#8 ("BEGIN PRIVATE KEY", what
/// <c>openssl genpkey</c> writes) and <c>public.pem</c> as SubjectPublicKeyInfo ("BEGIN PUBLIC KEY", what
/// <c>aws iot create-authorizer --token-signing-public-keys</c> takes).
/// On Unix the private key is created with mode 0600 (never chmod-ed later, so it is never readable by others,
/// not even for a moment); replacing a file goes through a new 0600 file and an atomic rename.
/// </summary>
public static class RsaKeyPairFiles
{
    /// <summary>File name of the private key inside the output directory.</summary>
    public const string PrivateKeyFileName = "private.pem";

    /// <summary>File name of the public key inside the output directory.</summary>
    public const string PublicKeyFileName = "public.pem";

    /// <summary>
    /// Writes a new key pair into <paramref name="directory"/> (created if missing) and returns both paths.
    /// Without <paramref name="overwrite"/> an existing file is an error and nothing is written.
    /// </summary>
    public static (string PrivateKeyPath, string PublicKeyPath) Generate(string directory, bool overwrite)
    {
        string privatePath = Path.Combine(directory, PrivateKeyFileName);
        string publicPath = Path.Combine(directory, PublicKeyFileName);
        if (File.Exists(directory))
        {
            throw new CustomAuthException($"{directory}: is a file, expected a directory");
        }

        if (!overwrite)
        {
            foreach (string path in new[] { privatePath, publicPath })
            {
                if (File.Exists(path))
                {
                    throw new CustomAuthException($"{path}: already exists; pass --force to replace the key pair");
                }
            }
        }

        try
        {
            SecureFile.CreateDirectory(directory);

            using RSA rsa = RSA.Create(RsaKeyFile.RequiredKeySizeBits);
            SecureFile.Write(privatePath, rsa.ExportPkcs8PrivateKeyPem(), ownerOnly: true);
            SecureFile.Write(publicPath, rsa.ExportSubjectPublicKeyInfoPem(), ownerOnly: false);
        }
        catch (UnauthorizedAccessException)
        {
            throw new CustomAuthException($"{directory}: permission denied");
        }
        catch (IOException e)
        {
            throw new CustomAuthException($"{directory}: cannot write the key pair ({e.Message})");
        }

        return (privatePath, publicPath);
    }
}
