using AwsIotDevice.TestSupport;
using System.Security.Cryptography;

namespace AwsIotDevice.CustomAuth.Tests;

/// <summary>RSA keys shared by the tests (generating 2048-bit keys is slow) plus helpers for key files.</summary>
internal static class TestKeys
{
    public static readonly RSA Primary = RSA.Create(2048);
    public static readonly RSA Secondary = RSA.Create(2048);

    public static RSA PublicOf(RSA key)
    {
        var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);
        return rsa;
    }

    /// <summary>The base64 body lines of a PEM text: the parts that must never appear in a message.</summary>
    public static IEnumerable<string> SecretLines(string pem) =>
        pem.Split('\n').Select(l => l.Trim()).Where(l => l.Length >= 16 && !l.StartsWith("-----", StringComparison.Ordinal));

    private static readonly TempDirectories TempDirs = new("customauth-tests-");

    /// <summary>A fresh directory, deleted when the test process exits (it may hold test private keys).</summary>
    public static string TempDir() => TempDirs.Create();
}
