using System.Security.Cryptography;
using AwsIotDevice.CustomAuth.Files;

namespace AwsIotDevice.CustomAuth.Renewal;

/// <summary>
/// A device's renewal key on the host: 32 random bytes, stored as one line of base64 (44 characters), owner-only (0600).
/// The same text goes into the device's <c>aws.renewalKey</c> setting; the backend keeps the file to MAC renewals.
/// </summary>
public static class RenewalKeyFile
{
    /// <summary>Key size in bytes (HMAC-SHA256's output size).</summary>
    public const int KeyBytes = 32;

    /// <summary>Writes a new key to <paramref name="path"/> (0600); refuses to replace one unless <paramref name="overwrite"/>.</summary>
    public static void Generate(string path, bool overwrite)
    {
        if (File.Exists(path) && !overwrite)
        {
            throw new CustomAuthException($"{path}: already exists; pass --force to replace it (devices provisioned with the old key will refuse renewals made with the new one)");
        }

        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null && !Directory.Exists(directory))
        {
            SecureFile.CreateDirectory(directory);
        }

        SecureFile.Write(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)), ownerOnly: true);
    }

    /// <summary>Reads the key in <paramref name="path"/>; throws <see cref="CustomAuthException"/> naming the file (never its content).</summary>
    public static byte[] Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CustomAuthException($"{path}: cannot be read ({e.GetType().Name}); give the file 'iotctl credentials keygen' wrote");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new CustomAuthException($"{path}: is not a renewal key (one line of base64 of {KeyBytes} bytes, as 'iotctl credentials keygen' writes)");
        }

        if (key.Length != KeyBytes || Convert.ToBase64String(key) != text)
        {
            throw new CustomAuthException($"{path}: is not a renewal key (one line of base64 of {KeyBytes} bytes, as 'iotctl credentials keygen' writes)");
        }

        return key;
    }
}
