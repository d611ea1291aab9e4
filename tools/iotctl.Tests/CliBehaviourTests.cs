namespace AwsIotDevice.Iotctl.Tests;

public class CliBehaviourTests
{
    [Theory]
    [InlineData("keygen")]
    [InlineData("sign")]
    [InlineData("verify")]
    [InlineData("token")]
    [InlineData("username")]
    [InlineData("authorize")]
    [InlineData("aws")]
    [InlineData("aws", "setup")]
    public void EveryCommandHasHelp(params string[] command)
    {
        Cli.Result result = Cli.Run([.. command, "--help"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Out);
        Assert.Contains(" " + string.Join(' ', command) + " [", result.Out);
    }

    [Fact]
    public void RootHelp_ListsEveryCommand()
    {
        Cli.Result result = Cli.Run("--help");
        Assert.Equal(0, result.ExitCode);
        foreach (string name in new[] { "keygen", "sign", "verify", "token", "username", "authorize", "aws" })
        {
            Assert.Contains(name, result.Out);
        }
    }

    [Fact]
    public void UnknownCommand_IsOneLine()
    {
        Cli.AssertOneLineError(Cli.Run("frobnicate"), 2, "frobnicate");
    }

    [Fact]
    public void RealProcess_SignVerifyAndErrors()
    {
        string dir = Cli.TempDir();
        Assert.Equal(0, Cli.RunProcess(string.Empty, "keygen", "--out", dir).ExitCode);
        string privatePath = Path.Combine(dir, "private.pem");
        const string token = "v1.ZGV2aWNlLTAx.1767225600";

        Cli.Result signed = Cli.RunProcess(string.Empty, "sign", "--key", privatePath, "--token", token);
        Assert.Equal(0, signed.ExitCode);
        Assert.Equal(Cli.Run("sign", "--key", privatePath, "--token", token).Out, signed.Out);

        Cli.Result verified = Cli.RunProcess(string.Empty, "verify", "--public-key", Path.Combine(dir, "public.pem"), "--token", token, "--signature", signed.Out.Trim());
        Assert.Equal(0, verified.ExitCode);
        Assert.Equal("valid", verified.Out.Trim());

        Cli.Result bad = Cli.RunProcess(string.Empty, "sign", "--key", Path.Combine(dir, "public.pem"), "--token", token);
        Cli.AssertOneLineError(bad with { Err = bad.Err.Replace("\r", "") }, 2, "is a public key");

        Cli.Result garbage = Cli.RunProcess("{{{ not json", "authorize");
        Cli.AssertOneLineError(garbage with { Err = garbage.Err.Replace("\r", "") }, 2, "not valid JSON");
    }
}
