using AwsIotDevice.Core.Auth;
using AwsIotDevice.CustomAuth.Tokens;

namespace AwsIotDevice.Iotctl.Tests;

public class TokenCommandTests
{
    [Fact]
    public void Token_WithFixedNow_IsExactAndParses()
    {
        Cli.Result result = Cli.Run("token", "--client-id", "device-01", "--expires-in", "30d", "--now", "2025-12-02T00:00:00Z");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("v1.ZGV2aWNlLTAx.1767225600\n", result.Out);
        Assert.Equal(string.Empty, result.Err);

        Cli.Result unix = Cli.Run("token", "--client-id", "device-01", "--expires-in", "3600s", "--now", "1767222000");
        Assert.Equal("v1.ZGV2aWNlLTAx.1767225600\n", unix.Out);
        AuthToken token = AuthToken.Parse(unix.Out.Trim());
        Assert.Equal("device-01", token.ClientId);
    }

    [Fact]
    public void Token_WithKey_PrintsTokenAndVerifiableSignature_OrJson()
    {
        string dir = Cli.TempDir();
        Assert.Equal(0, Cli.Run("keygen", "--out", dir).ExitCode);
        Cli.Result result = Cli.Run("token", "--client-id", "dev:7", "--expires-in", "12h", "--key", Path.Combine(dir, "private.pem"));
        Assert.Equal(0, result.ExitCode);
        string[] lines = result.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("token=v1.", lines[0]);
        Assert.StartsWith("signature=", lines[1]);
        string token = lines[0]["token=".Length..];
        string signature = lines[1]["signature=".Length..];
        Assert.Equal(0, Cli.Run("verify", "--public-key", Path.Combine(dir, "public.pem"), "--token", token, "--signature", signature).ExitCode);

        Cli.Result json = Cli.Run("token", "--client-id", "dev:7", "--expires-in", "12h", "--key", Path.Combine(dir, "private.pem"), "--json", "--now", "0");
        using var doc = System.Text.Json.JsonDocument.Parse(json.Out);
        Assert.Equal("dev:7", doc.RootElement.GetProperty("clientId").GetString());
        Assert.Equal(43200, doc.RootElement.GetProperty("expiresAtUnix").GetInt64());
        Assert.Equal("1970-01-01T12:00:00Z", doc.RootElement.GetProperty("expiresAt").GetString());
        Assert.Equal(344, doc.RootElement.GetProperty("signature").GetString()!.Length);
    }

    [Theory]
    [InlineData("dev/1", "30d", "contains")]
    [InlineData("", "30d", "empty")]
    [InlineData("dev", "30x", "unit")]
    [InlineData("dev", "400d", "out of range")]
    [InlineData("dev", "0d", "not valid")]
    public void Token_BadInput_IsOneLine(string clientId, string duration, string expected)
    {
        Cli.AssertOneLineError(Cli.Run("token", "--client-id", clientId, "--expires-in", duration), 2, expected);
    }

    [Fact]
    public void Token_BadNow_IsOneLine()
    {
        Cli.AssertOneLineError(Cli.Run("token", "--client-id", "d", "--expires-in", "1d", "--now", "yesterday"), 2, "--now");
    }
}

public class UsernameCommandTests
{
    private const string Token = "v1.ZGV2aWNlLTAx.1767225600";
    private const string Signature = "ab+c/d==";

    [Fact]
    public void Username_IsExactlyWhatTheFirmwareBuilds()
    {
        Cli.Result result = Cli.Run("username", "--user", "dev user", "--authorizer", "my-auth", "--token-key", "token", "--token", Token, "--signature", Signature);
        Assert.Equal(0, result.ExitCode);
        string expected = AuthUsername.Build("dev user", "my-auth", Signature, "token", Token);
        Assert.Equal(expected + "\n", result.Out);
        Assert.Equal("dev%20user?x-amz-customauthorizer-name=my-auth&x-amz-customauthorizer-signature=ab%2Bc%2Fd%3D%3D&token=v1.ZGV2aWNlLTAx.1767225600\n", result.Out);
    }

    [Fact]
    public void Username_PercentEncodedSignatureIsNotEncodedTwice()
    {
        Cli.Result raw = Cli.Run("username", "--authorizer", "a", "--token-key", "token", "--token", Token, "--signature", Signature);
        Cli.Result encoded = Cli.Run("username", "--authorizer", "a", "--token-key", "token", "--token", Token, "--signature", "ab%2Bc%2Fd%3D%3D");
        Assert.Equal(raw.Out, encoded.Out);
        Assert.StartsWith("?x-amz-customauthorizer-name=a&", raw.Out);
    }

    [Theory]
    [InlineData("bad name", "token", Signature, "--authorizer")]
    [InlineData("a", "tok.en", Signature, "--token-key")]
    [InlineData("a", "token", "not*base64", "--signature")]
    public void Username_BadInput_IsOneLine_WithoutTheToken(string authorizer, string key, string signature, string expected)
    {
        Cli.Result result = Cli.Run("username", "--authorizer", authorizer, "--token-key", key, "--token", Token, "--signature", signature);
        Cli.AssertOneLineError(result, 2, expected);
        Assert.DoesNotContain(Token, result.Err);
    }
}
