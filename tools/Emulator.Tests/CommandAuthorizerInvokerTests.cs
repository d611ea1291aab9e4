using AwsIotDevice.Emulator.Auth;
using AwsIotDevice.Emulator.Config;

namespace AwsIotDevice.Emulator.Tests;

public class CommandAuthorizerInvokerTests
{
    private static LoadedAuthorizer Authorizer(string script, int timeout = 5) => new(new AuthorizerConfig
    {
        Name = "Cmd", SigningDisabled = true, Kind = "command",
        Command = new CommandAuthorizerConfig { Path = "/bin/sh", Args = ["-c", script], TimeoutSeconds = timeout },
    }, []);

    [Fact]
    public async Task EventGoesToStdinAndStdoutIsTheResponse()
    {
        var invoker = new CommandAuthorizerInvoker(Path.GetTempPath());
        var r = await invoker.InvokeAsync(Authorizer("cat"), "{\"token\":\"x\"}", CancellationToken.None);
        Assert.Null(r.Failure);
        Assert.Equal("{\"token\":\"x\"}", r.ResponseJson);
    }

    [Fact]
    public async Task NonZeroExitIsAFailure()
    {
        var r = await new CommandAuthorizerInvoker(Path.GetTempPath()).InvokeAsync(Authorizer("cat >/dev/null; echo oops >&2; exit 3"), "{}", CancellationToken.None);
        Assert.Null(r.ResponseJson);
        Assert.Contains("exited with code 3", r.Failure);
        Assert.DoesNotContain("oops", r.Failure);
    }

    [Fact]
    public async Task TimeoutKillsTheProcess()
    {
        var started = DateTime.UtcNow;
        var r = await new CommandAuthorizerInvoker(Path.GetTempPath()).InvokeAsync(Authorizer("sleep 30", timeout: 1), "{}", CancellationToken.None);
        Assert.Contains("did not answer within 1 s", r.Failure);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task MissingExecutableIsAFailure()
    {
        var a = new LoadedAuthorizer(new AuthorizerConfig { Name = "Cmd", SigningDisabled = true, Kind = "command", Command = new CommandAuthorizerConfig { Path = "/nonexistent/authorizer" } }, []);
        var r = await new CommandAuthorizerInvoker(Path.GetTempPath()).InvokeAsync(a, "{}", CancellationToken.None);
        Assert.Contains("could not be started", r.Failure);
    }
}
