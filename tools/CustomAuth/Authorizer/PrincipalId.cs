using System.Security.Cryptography;
using System.Text;

namespace AwsIotDevice.CustomAuth.Authorizer;

/// <summary>
/// Derives the response's <c>principalId</c> (AWS: <c>[a-zA-Z0-9]{1,128}</c>) from a client id: its letters and
/// digits (at most 96, readable in logs) followed by 16 hex characters of SHA-256 of the whole client id, so client
/// ids that differ only in punctuation ("dev-1" and "dev.1") still get different principals.
/// </summary>
public static class PrincipalId
{
    /// <summary>Returns the principal id for <paramref name="clientId"/> (any string, even empty).</summary>
    public static string FromClientId(string clientId)
    {
        var builder = new StringBuilder(112);
        foreach (char c in clientId)
        {
            if (builder.Length == 96)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
        }

        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(clientId));
        builder.Append(Convert.ToHexStringLower(hash, 0, 8));
        return builder.ToString();
    }

    /// <summary>True when <paramref name="value"/> matches AWS's principalId pattern.</summary>
    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 128)
        {
            return false;
        }

        foreach (char c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
