using System.IO.Compression;
using System.Text;
using System.Text.Json;
using AwsIotDevice.Emulator.Lambda;

namespace AwsIotDevice.Emulator.Tests;

/// <summary>
/// The runner for authorizer packages with stand-in functions (scripts as <c>bootstrap</c>, which Lambda's custom
/// runtime also allows): the Runtime API contract, and a clear refusal for each way a function can fail.
/// </summary>
public sealed class LambdaRunnerTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "lambda-runner-tests-" + Guid.NewGuid().ToString("N"));

    public LambdaRunnerTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
    }

    private string Zip(string name, byte[] bootstrap, int mode = 0x1ED)
    {
        string path = Path.Combine(_dir, name + ".zip");
        using var zip = new ZipArchive(File.Create(path), ZipArchiveMode.Create);
        ZipArchiveEntry entry = zip.CreateEntry("bootstrap");
        entry.ExternalAttributes = (0x8000 | mode) << 16;
        using Stream s = entry.Open();
        s.Write(bootstrap);
        return path;
    }

    private string Script(string name, string text) => Zip(name, Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\n")));

    private LambdaFunctionRunner Runner(string package, double timeoutSeconds = 5) => new(new LambdaFunctionOptions
    {
        PackagePath = package,
        FunctionName = "test-fn",
        Region = "eu-west-1",
        Account = "123456789012",
        Timeout = TimeSpan.FromSeconds(timeoutSeconds),
        Environment = new Dictionary<string, string> { ["MY_SETTING"] = "42" },
        WorkDirectory = _dir,
    });

    // A Python function that echoes what the Runtime API gave it: headers, its environment, the event.
    private const string EchoFunction = """
        #!/usr/bin/env python3
        import json, os, sys, urllib.request
        api = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime/invocation/"
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        while True:
            with opener.open(api + "next") as r:
                rid = r.headers["Lambda-Runtime-Aws-Request-Id"]
                body = json.loads(r.read())
                answer = {"requestId": rid, "deadline": r.headers["Lambda-Runtime-Deadline-Ms"], "arn": r.headers["Lambda-Runtime-Invoked-Function-Arn"],
                          "setting": os.environ.get("MY_SETTING"), "region": os.environ.get("AWS_REGION"), "event": body}
            print(json.dumps({"requestId": rid, "reason": "echoed"}), flush=True)
            if body.get("fail"):
                req = urllib.request.Request(api + rid + "/error", data=b'{"errorType":"Echo.Failed","errorMessage":"secret-ish text"}', method="POST")
            else:
                req = urllib.request.Request(api + rid + "/response", data=json.dumps(answer).encode(), method="POST")
            opener.open(req).read()
        """;

    [Fact]
    public async Task TheRuntimeApiHandsOverTheEventWithLambdasHeadersAndEnvironment()
    {
        await using var runner = Runner(Script("echo", EchoFunction));
        for (int i = 0; i < 3; i++)
        {
            LambdaInvocationResult result = await runner.InvokeAsync($$"""{"n":{{i}}}""", CancellationToken.None);
            Assert.True(result.ResponseJson is not null, result.Failure + " " + string.Join(" / ", runner.RecentOutput));
            using JsonDocument doc = JsonDocument.Parse(result.ResponseJson!);
            JsonElement root = doc.RootElement;
            Assert.Equal(result.RequestId, root.GetProperty("requestId").GetString());
            Assert.Equal(i, root.GetProperty("event").GetProperty("n").GetInt32());
            Assert.Equal("arn:aws:lambda:eu-west-1:123456789012:function:test-fn", root.GetProperty("arn").GetString());
            Assert.True(long.Parse(root.GetProperty("deadline").GetString()!) > DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            Assert.Equal("42", root.GetProperty("setting").GetString());
            Assert.Equal("eu-west-1", root.GetProperty("region").GetString());
            Assert.Contains("echoed", result.LogLine);
        }

        Assert.Equal(1, runner.EnvironmentsStarted);
    }

    [Fact]
    public async Task AFunctionErrorIsARefusalNamingItsTypeOnly_AndTheNextInvocationGetsANewEnvironment()
    {
        await using var runner = Runner(Script("echo", EchoFunction));
        LambdaInvocationResult failed = await runner.InvokeAsync("""{"fail":true}""", CancellationToken.None);
        Assert.Null(failed.ResponseJson);
        Assert.Contains("returned an error (Echo.Failed)", failed.Failure);
        Assert.DoesNotContain("secret-ish", failed.Failure);
        Assert.NotNull((await runner.InvokeAsync("{}", CancellationToken.None)).ResponseJson);
        Assert.Equal(2, runner.EnvironmentsStarted);
    }

    [Fact]
    public async Task ACrashIsNoticedAtOnce()
    {
        await using var runner = Runner(Script("crash", "#!/bin/sh\necho starting\nexit 3\n"));
        LambdaInvocationResult result = await runner.InvokeAsync("{}", CancellationToken.None);
        Assert.Null(result.ResponseJson);
        Assert.Contains("exited with code 3 before answering", result.Failure);
        Assert.True(result.Duration < TimeSpan.FromSeconds(4), $"took {result.Duration}: a crash must not wait for the timeout");
    }

    [Fact]
    public async Task AHungFunctionTimesOutAndIsEnded()
    {
        await using var runner = Runner(Script("hang", "#!/bin/sh\nexec sleep 60\n"), timeoutSeconds: 1);
        LambdaInvocationResult result = await runner.InvokeAsync("{}", CancellationToken.None);
        Assert.Null(result.ResponseJson);
        Assert.Contains("did not answer within 1 s (AWS's authorizer timeout is 5 s", result.Failure);
        Assert.InRange(result.Duration, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
        await runner.InvokeAsync("{}", CancellationToken.None);
        Assert.Equal(2, runner.EnvironmentsStarted);
    }

    [Fact]
    public void PackagesLambdaWouldRejectAreRefusedWithTheReason()
    {
        Assert.Null(LambdaPackage.Check(Script("plain", "#!/bin/sh\n")));
        Assert.Contains("not executable", LambdaPackage.Check(Zip("noexec", Encoding.UTF8.GetBytes("#!/bin/sh\n"), mode: 0x1A4)));
        byte[] arm = new byte[64];
        arm[0] = 0x7F; arm[1] = (byte)'E'; arm[2] = (byte)'L'; arm[3] = (byte)'F';
        bool hostIsArm = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64;
        arm[18] = hostIsArm ? (byte)62 : (byte)183;
        Assert.Contains("this machine is", LambdaPackage.Check(Zip("foreign", arm)));

        string noBootstrap = Path.Combine(_dir, "empty.zip");
        using (var zip = new ZipArchive(File.Create(noBootstrap), ZipArchiveMode.Create)) zip.CreateEntry("handler.dll");
        Assert.Contains("Runtime.InvalidEntrypoint", LambdaPackage.Check(noBootstrap));
        Assert.Contains("not found", LambdaPackage.Check(Path.Combine(_dir, "missing.zip")));
        File.WriteAllText(Path.Combine(_dir, "text.zip"), "not a zip");
        Assert.Contains("not a zip", LambdaPackage.Check(Path.Combine(_dir, "text.zip")));
    }
}
