using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using AwsIotDevice.CustomAuth.Authorizer;
using AwsIotDevice.Emulator.Lambda;

namespace AwsIotDevice.LambdaAuthorizer.Tests;

/// <summary>
/// The packaged artifact (the zip a user deploys) run the way Lambda runs a custom runtime, through the emulator's
/// runner: bootstrap behind a local Runtime API, the template's environment variables, the 5 s authorizer timeout.
/// </summary>
public sealed class PackagedFunctionTests : IAsyncLifetime
{
    private LambdaFunctionRunner _runner = null!;

    private static readonly Dictionary<string, string> TemplateEnvironment = new()
    {
        ["AUTHORIZER_ACCOUNT_ID"] = "123456789012",
        ["AUTHORIZER_TOPIC_PREFIX"] = "devices",
        ["AUTHORIZER_REFRESH_AFTER_SECONDS"] = "300",
    };

    public Task InitializeAsync()
    {
        _runner = new LambdaFunctionRunner(new LambdaFunctionOptions
        {
            PackagePath = PackageCache.File.Path,
            Region = "eu-west-1",
            Environment = TemplateEnvironment,
            WorkDirectory = PackageCache.TempDir(),
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _runner.DisposeAsync();

    private async Task<(JsonElement Response, JsonElement Log)> InvokeAsync(string json)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        LambdaInvocationResult result = await _runner.InvokeAsync(json, cts.Token);
        Assert.True(result.ResponseJson is not null, result.Failure + " | output: " + string.Join(" / ", _runner.RecentOutput));
        AuthorizerResponseValidation validation = AuthorizerResponseValidator.Validate(result.ResponseJson!);
        Assert.True(validation.IsValid, $"{validation.Error}: {validation.Detail}");
        Assert.True(result.LogLine is not null, "the function wrote no decision line for request " + result.RequestId);
        using JsonDocument response = JsonDocument.Parse(result.ResponseJson!);
        using JsonDocument log = JsonDocument.Parse(result.LogLine!);
        Assert.Equal(result.RequestId, log.RootElement.GetProperty("requestId").GetString());
        return (response.RootElement.Clone(), log.RootElement.Clone());
    }

    [Fact]
    public async Task EveryProtocolIsAllowed_AndTheEnvironmentStaysWarm()
    {
        foreach (var (protocol, json) in new[]
        {
            ("mqtt", Events.Mqtt("dev-01")), ("wss headers", Events.WssHeaders("dev-01")), ("wss query", Events.WssQuery("dev-01")), ("https", Events.Https("dev-01")),
        })
        {
            var (response, log) = await InvokeAsync(json);
            Assert.True(response.GetProperty("isAuthenticated").GetBoolean(), protocol + ": " + log.GetProperty("reason").GetString());
            Assert.Contains("arn:aws:iot:eu-west-1:123456789012:topic/devices/dev-01/*", response.GetProperty("policyDocuments")[0].GetString());
        }

        Assert.Equal(1, _runner.EnvironmentsStarted);
    }

    [Fact]
    public async Task MalformedEvents_AreDenialsWithALoggedReason_AndNoStackTrace()
    {
        foreach (var (name, json, reasonPart) in Events.Malformed())
        {
            var (response, log) = await InvokeAsync(json);
            Assert.False(response.GetProperty("isAuthenticated").GetBoolean(), name);
            Assert.Contains(reasonPart, log.GetProperty("reason").GetString());
        }

        var (denied, _) = await InvokeAsync(Events.Mqtt("dev-02", tokenClientId: "dev-01"));
        Assert.False(denied.GetProperty("isAuthenticated").GetBoolean());
        Assert.Equal(1, _runner.EnvironmentsStarted);
        Assert.DoesNotContain(_runner.RecentOutput, line => line.Contains("   at ", StringComparison.Ordinal) || line.Contains("Unhandled", StringComparison.Ordinal));
        Assert.All(_runner.RecentOutput, line => JsonDocument.Parse(line).Dispose());
    }

    [Fact]
    public async Task AMissingSettingIsAnInitErrorThatSaysWhich()
    {
        await using var runner = new LambdaFunctionRunner(new LambdaFunctionOptions { PackagePath = PackageCache.File.Path, WorkDirectory = PackageCache.TempDir() });
        LambdaInvocationResult result = await runner.InvokeAsync(Events.Mqtt("dev-01"), CancellationToken.None);
        Assert.Null(result.ResponseJson);
        Assert.Contains("failed to initialise (Runtime.ConfigurationError", result.Failure);
        Assert.Contains("AUTHORIZER_ACCOUNT_ID", result.Failure);
    }

    [Fact]
    public void TheZipHoldsOnlyAnExecutableBootstrapThatAmazonLinux2023CanLoad()
    {
        using ZipArchive zip = ZipFile.OpenRead(PackageCache.File.Path);
        ZipArchiveEntry entry = Assert.Single(zip.Entries);
        Assert.Equal("bootstrap", entry.FullName);
        Assert.Equal(Convert.ToInt32("100755", 8), (entry.ExternalAttributes >> 16) & 0xFFFF);
        Assert.Contains(PackageCache.File.Architecture, Path.GetFileName(PackageCache.File.Path));
        Assert.Null(LambdaPackage.Check(PackageCache.File.Path));

        // provided.al2023 has glibc 2.34: a symbol version newer than that would fail to load there, though it runs here.
        using var stream = new MemoryStream();
        using (Stream bootstrap = entry.Open())
        {
            bootstrap.CopyTo(stream);
        }

        string text = System.Text.Encoding.Latin1.GetString(stream.ToArray());
        int newest = Regex.Matches(text, @"GLIBC_2\.(\d+)").Select(m => int.Parse(m.Groups[1].Value)).DefaultIfEmpty(0).Max();
        Assert.True(newest is > 0 and <= 34, $"bootstrap needs GLIBC_2.{newest}; Amazon Linux 2023 has 2.34");
    }
}
