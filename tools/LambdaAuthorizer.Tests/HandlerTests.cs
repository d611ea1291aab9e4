using System.Text;
using System.Text.Json;
using AwsIotDevice.CustomAuth;
using AwsIotDevice.CustomAuth.Authorizer;
using AwsIotDevice.CustomAuth.Policies;

namespace AwsIotDevice.LambdaAuthorizer.Tests;

/// <summary>The function's handler in-process: AWS-shaped events in, responses and one decision log line out.</summary>
public class HandlerTests
{
    private static (AuthorizerFunction Function, StringWriter Log) Create(bool withKey = false)
    {
        var log = new StringWriter();
        var options = new ReferenceAuthorizerOptions
        {
            Scope = new PolicyScope("eu-west-1", "123456789012", "devices"),
            PublicKeys = withKey ? [Events.Key] : [],
        };
        return (new AuthorizerFunction(options, TimeProvider.System, new DecisionLog(log)), log);
    }

    private static (JsonElement Response, JsonElement Log) Invoke(string json, bool withKey = false) => Invoke(Encoding.UTF8.GetBytes(json), withKey);

    private static (JsonElement Response, JsonElement Log) Invoke(byte[] body, bool withKey = false)
    {
        var (function, log) = Create(withKey);
        using Stream output = function.Handle(new MemoryStream(body), "req-1");
        using var reader = new StreamReader(output);
        string response = reader.ReadToEnd();
        AuthorizerResponseValidation validation = AuthorizerResponseValidator.Validate(response);
        Assert.True(validation.IsValid, $"{validation.Error}: {validation.Detail}");
        string[] lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        return (JsonDocument.Parse(response).RootElement.Clone(), JsonDocument.Parse(lines[0]).RootElement.Clone());
    }

    public static TheoryData<string, string> AllowedEvents() => new()
    {
        { "mqtt", Events.Mqtt("dev-01") },
        { "wss headers", Events.WssHeaders("dev-01") },
        { "wss query", Events.WssQuery("dev-01") },
        { "https publish", Events.Https("dev-01") },
    };

    [Theory]
    [MemberData(nameof(AllowedEvents))]
    public void EveryProtocolIsAllowed_WhenAwsVerifiedTheSignature(string protocol, string json)
    {
        var (response, log) = Invoke(json);
        Assert.True(response.GetProperty("isAuthenticated").GetBoolean(), protocol + ": " + log.GetProperty("reason").GetString());
        Assert.Equal("allow", log.GetProperty("decision").GetString());
        Assert.Equal("req-1", log.GetProperty("requestId").GetString());
        string policy = response.GetProperty("policyDocuments")[0].GetString()!;
        Assert.Contains("arn:aws:iot:eu-west-1:123456789012:topic/devices/dev-01/*", policy);
        Assert.Equal(protocol != "https publish", policy.Contains("iot:Connect", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(AllowedEvents))]
    public void EveryProtocolIsAllowed_WhenTheFunctionChecksTheSignatureItself(string protocol, string json)
    {
        var (response, log) = Invoke(json.Replace("\"signatureVerified\":true", "\"signatureVerified\":false", StringComparison.Ordinal), withKey: true);
        Assert.True(response.GetProperty("isAuthenticated").GetBoolean(), protocol + ": " + log.GetProperty("reason").GetString());
    }

    [Fact]
    public void AnotherDevicesToken_IsDenied()
    {
        var (response, log) = Invoke(Events.Mqtt("dev-02", tokenClientId: "dev-01"));
        Assert.False(response.GetProperty("isAuthenticated").GetBoolean());
        Assert.Contains("issued for client id 'dev-01'", log.GetProperty("reason").GetString());
    }

    public static TheoryData<string, string, string> MalformedEvents()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (name, json, reason) in Events.Malformed())
        {
            data.Add(name, json, reason);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MalformedEvents))]
    public void MalformedEvents_AreDenialsWithALoggedReason_NeverACrash(string name, string json, string reasonPart)
    {
        var (response, log) = Invoke(json);
        Assert.False(response.GetProperty("isAuthenticated").GetBoolean(), name);
        Assert.Equal("deny", log.GetProperty("decision").GetString());
        Assert.Equal("INFO", log.GetProperty("level").GetString());
        string reason = log.GetProperty("reason").GetString()!;
        Assert.Contains(reasonPart, reason);
        Assert.DoesNotContain("   at ", reason);
        Assert.True(reason.Length < 600, name);
    }

    [Fact]
    public void GarbageBytes_AreDenied_Seeded()
    {
        const int seed = 4711;
        var rng = new Random(seed);
        for (int i = 0; i < 300; i++)
        {
            var bytes = new byte[rng.Next(0, 2000)];
            rng.NextBytes(bytes);
            if (i % 3 == 0 && bytes.Length > 0)
            {
                bytes[0] = (byte)'{';
            }

            var (response, log) = Invoke(bytes);
            Assert.True(!response.GetProperty("isAuthenticated").GetBoolean(), $"seed {seed} case {i}: garbage was allowed");
            Assert.False(string.IsNullOrEmpty(log.GetProperty("reason").GetString()), $"seed {seed} case {i}");
        }
    }

    [Fact]
    public void TheLogLineNeverHoldsTheTokenSignatureOrPassword()
    {
        var (token, signature) = Events.Credential("dev-01");
        string json = Events.Mqtt("dev-01").Replace("\"password\":\"\"", "\"password\":\"c2VjcmV0LXBhc3N3b3Jk\"", StringComparison.Ordinal);
        var (function, log) = Create();
        foreach (string e in new[] { json, Events.WssHeaders("dev-01"), Events.Https("dev-01"), Events.Mqtt("dev-02", "dev-01") })
        {
            function.Handle(new MemoryStream(Encoding.UTF8.GetBytes(e)), "r");
        }

        string text = log.ToString();
        Assert.DoesNotContain("v1.", text);
        Assert.DoesNotContain("c2VjcmV0LXBhc3N3b3Jk", text);
        Assert.DoesNotContain(signature[..20], text);
        Assert.DoesNotContain(token, text);
        Assert.Contains("\"token\":\"len=", text);
    }

    [Fact]
    public void Settings_ComeFromTheEnvironment_WithAClearMessageWhenMissing()
    {
        var env = new Dictionary<string, string> { ["AWS_REGION"] = "eu-west-1", ["AUTHORIZER_ACCOUNT_ID"] = "123456789012", ["AUTHORIZER_TOPIC_PREFIX"] = "fleet", ["AUTHORIZER_REFRESH_AFTER_SECONDS"] = "600" };
        FunctionSettings settings = FunctionSettings.FromEnvironment(k => env.GetValueOrDefault(k));
        Assert.Equal("fleet", settings.Options.Scope.TopicPrefix);
        Assert.Equal(600, settings.Options.RefreshAfterInSeconds);
        Assert.Empty(settings.Options.PublicKeys);

        env["AUTHORIZER_PUBLIC_KEYS"] = Events.Key.ExportSubjectPublicKeyInfoPem();
        Assert.Single(FunctionSettings.FromEnvironment(k => env.GetValueOrDefault(k)).Options.PublicKeys);

        env.Remove("AUTHORIZER_ACCOUNT_ID");
        Assert.Contains("AUTHORIZER_ACCOUNT_ID", Assert.Throws<CustomAuthException>(() => FunctionSettings.FromEnvironment(k => env.GetValueOrDefault(k))).Message);
        env["AUTHORIZER_ACCOUNT_ID"] = "123456789012";
        env["AUTHORIZER_REFRESH_AFTER_SECONDS"] = "5";
        Assert.Contains("300..86400", Assert.Throws<CustomAuthException>(() => FunctionSettings.FromEnvironment(k => env.GetValueOrDefault(k))).Message);
    }
}
