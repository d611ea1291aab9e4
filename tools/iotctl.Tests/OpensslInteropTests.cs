using System.Text;

namespace AwsIotDevice.Iotctl.Tests;

/// <summary>
/// 'iotctl sign' against the real openssl binary: byte-identical signatures for PKCS#1 and PKCS#8 keys, and
/// openssl accepts what sign makes with a keygen key.
/// </summary>
public class OpensslInteropTests
{
    private static readonly string[] Unicode = ["é", "ü", "ß", "中", "文", "日本", "🚀", "👍🏽", "\u00A0", "Ω", "ж", "€", "\u200D", "ñ"];

    private static List<string> RandomTokens(int seed)
    {
        var random = new Random(seed);
        var tokens = new List<string> { "v1.ZGV2aWNlLTAx.1767225600", "--", "-x", "@file", "a=b:c", " spaced out " };
        while (tokens.Count < 22)
        {
            int length = random.Next(1, 400);
            var builder = new StringBuilder();
            while (builder.Length < length)
            {
                builder.Append(random.Next(4) == 0 ? Unicode[random.Next(Unicode.Length)] : ((char)random.Next(32, 127)).ToString());
            }

            tokens.Add(builder.ToString());
        }

        return tokens;
    }

    [Fact]
    public void Sign_MatchesOpensslByteForByte_ForPkcs8AndPkcs1Keys()
    {
        string dir = Cli.TempDir();
        string pkcs8 = Path.Combine(dir, "pkcs8.pem");
        string pkcs1 = Path.Combine(dir, "pkcs1.pem");
        OpenSsl.Run(null, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", pkcs8);
        OpenSsl.Run(null, "rsa", "-in", pkcs8, "-traditional", "-out", pkcs1);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(pkcs8));
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", File.ReadAllText(pkcs1));

        List<string> tokens = RandomTokens(seed: 20261121);
        foreach (string key in new[] { pkcs8, pkcs1 })
        {
            foreach (string token in tokens)
            {
                // '--' is the one value the parser cannot take as a separate argument; --token=VALUE always works.
                Cli.Result result = token == "--" ? Cli.Run("sign", "--key", key, "--token=" + token) : Cli.Run("sign", "--key", key, "--token", token);
                Assert.True(result.ExitCode == 0, result.Err);

                // openssl base64 -A: one line of standard base64; compared as text and as bytes.
                byte[] opensslBytes = OpenSsl.Run(Encoding.UTF8.GetBytes(token), "dgst", "-sha256", "-sign", key);
                string opensslBase64 = Encoding.ASCII.GetString(OpenSsl.Run(opensslBytes, "base64", "-A"));
                Assert.Equal(opensslBase64 + "\n", result.Out);
                Assert.Equal(opensslBytes, Convert.FromBase64String(result.Out.Trim()));
            }
        }
    }

    [Fact]
    public void OpensslVerifies_WhatSignMakesWithAKeygenKey_AndVerifyAcceptsOpensslSignatures()
    {
        string dir = Cli.TempDir();
        Assert.Equal(0, Cli.Run("keygen", "--out", dir).ExitCode);
        string privatePath = Path.Combine(dir, "private.pem");
        string publicPath = Path.Combine(dir, "public.pem");

        foreach (string token in RandomTokens(seed: 42).Take(8))
        {
            Cli.Result signed = Cli.Run("sign", "--key", privatePath, "--token=" + token);
            Assert.Equal(0, signed.ExitCode);
            string tokenFile = Path.Combine(dir, "token.bin");
            string signatureFile = Path.Combine(dir, "sig.bin");
            File.WriteAllBytes(tokenFile, Encoding.UTF8.GetBytes(token));
            File.WriteAllBytes(signatureFile, Convert.FromBase64String(signed.Out.Trim()));

            string verdict = Encoding.ASCII.GetString(OpenSsl.Run(null, "dgst", "-sha256", "-verify", publicPath, "-signature", signatureFile, tokenFile));
            Assert.Equal("Verified OK", verdict.Trim());

            string opensslSignature = Convert.ToBase64String(OpenSsl.Run(Encoding.UTF8.GetBytes(token), "dgst", "-sha256", "-sign", privatePath));
            Cli.Result verified = Cli.Run("verify", "--public-key", publicPath, "--token=" + token, "--signature", Uri.EscapeDataString(opensslSignature));
            Assert.Equal(0, verified.ExitCode);
            Assert.Equal("valid\n", verified.Out);
        }
    }

    [Fact]
    public void OpensslGeneratedPublicKey_WorksWithVerify()
    {
        string dir = Cli.TempDir();
        string key = Path.Combine(dir, "k.pem");
        string pub = Path.Combine(dir, "pub.pem");
        OpenSsl.Run(null, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key);
        OpenSsl.Run(null, "pkey", "-in", key, "-pubout", "-out", pub);
        const string token = "v1.ZGV2aWNlLTAx.1767225600";
        string signature = Cli.Run("sign", "--key", key, "--token", token).Out.Trim();
        Assert.Equal(0, Cli.Run("verify", "--public-key", pub, "--token", token, "--signature", signature).ExitCode);
        Assert.Equal(1, Cli.Run("verify", "--public-key", pub, "--token", token + "x", "--signature", signature).ExitCode);
    }
}
