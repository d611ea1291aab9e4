using System.Text.Json;
using AwsIotDevice.Core.Auth;
using AwsIotDevice.CustomAuth.Authorizer;

namespace AwsIotDevice.Iotctl.Tests;

/// <summary>'iotctl authorize' fed AWS-shaped events on stdin.</summary>
public class AuthorizeCommandTests
{
    private const string Now = "2026-01-01T00:00:00Z";
    private static readonly Lazy<(string Private, string Public, string Other)> KeyFiles = new(() =>
    {
        string dir = Cli.TempDir();
        Assert.Equal(0, Cli.Run("keygen", "--out", Path.Combine(dir, "a")).ExitCode);
        Assert.Equal(0, Cli.Run("keygen", "--out", Path.Combine(dir, "b")).ExitCode);
        return (Path.Combine(dir, "a", "private.pem"), Path.Combine(dir, "a", "public.pem"), Path.Combine(dir, "b", "private.pem"));
    });

    private static (string Token, string Signature) Issue(string clientId, string expiresIn = "30d", string? key = null, string now = Now)
    {
        Cli.Result result = Cli.Run("token", "--client-id", clientId, "--expires-in", expiresIn, "--key", key ?? KeyFiles.Value.Private, "--now", now);
        Assert.Equal(0, result.ExitCode);
        string[] lines = result.Out.TrimEnd('\n').Split('\n');
        return (lines[0]["token=".Length..], lines[1]["signature=".Length..]);
    }

    private static string Event(string? token, string? signature, string? clientId, bool signatureVerified = true)
    {
        var e = new AuthorizerEvent
        {
            Token = token,
            SignatureVerified = signatureVerified,
            Protocols = ["tls", "mqtt"],
            ServerName = "abc123-ats.iot.eu-west-1.amazonaws.com",
            MqttUsername = signature is null ? "device" : AuthUsername.Build("device", "my-auth", signature, "token", token ?? string.Empty),
            MqttPassword = null,
            MqttClientId = clientId,
            ConnectionId = "6f0a4c1e-3b8d-4a57-9e1f-0c2b3d4e5f60",
        };
        return e.ToJson();
    }

    private static Cli.Result Authorize(string stdin, bool withKey = true) => withKey
        ? Cli.RunWithInput(stdin, "authorize", "--public-key", KeyFiles.Value.Public, "--region", "eu-west-1", "--account", "123456789012", "--now", Now)
        : Cli.RunWithInput(stdin, "authorize", "--now", Now);

    private static JsonElement Response(Cli.Result result)
    {
        Assert.True(result.ExitCode == 0, result.Err);
        AuthorizerResponseValidation validation = AuthorizerResponseValidator.Validate(result.Out);
        Assert.True(validation.IsValid, validation.Detail);
        return JsonDocument.Parse(result.Out).RootElement.Clone();
    }

    private static void AssertDenied(Cli.Result result, string reason, params string[] secrets)
    {
        JsonElement response = Response(result);
        Assert.False(response.GetProperty("isAuthenticated").GetBoolean());
        Assert.Equal(0, response.GetProperty("policyDocuments").GetArrayLength());
        Assert.Matches("^[a-zA-Z0-9]{1,128}$", response.GetProperty("principalId").GetString());
        Assert.Contains("denied: ", result.Err);
        Assert.Contains(reason, result.Err);
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, result.Err));
    }

    [Fact]
    public void ValidSignedToken_IsAuthenticatedWithExactPolicy()
    {
        (string token, string signature) = Issue("dev-01");
        Cli.Result result = Authorize(Event(token, signature, "dev-01", signatureVerified: false));
        JsonElement response = Response(result);

        Assert.True(response.GetProperty("isAuthenticated").GetBoolean());
        Assert.Matches("^[a-zA-Z0-9]{1,128}$", response.GetProperty("principalId").GetString());
        Assert.Equal(86400, response.GetProperty("disconnectAfterInSeconds").GetInt32());
        Assert.Equal(300, response.GetProperty("refreshAfterInSeconds").GetInt32());
        string policy = Assert.Single(response.GetProperty("policyDocuments").EnumerateArray()).GetString()!;
        Assert.Equal(
            "{\"Version\":\"2012-10-17\",\"Statement\":["
            + "{\"Effect\":\"Allow\",\"Action\":\"iot:Connect\",\"Resource\":\"arn:aws:iot:eu-west-1:123456789012:client/dev-01\"},"
            + "{\"Effect\":\"Allow\",\"Action\":[\"iot:Publish\",\"iot:Receive\"],\"Resource\":\"arn:aws:iot:eu-west-1:123456789012:topic/devices/dev-01/*\"},"
            + "{\"Effect\":\"Allow\",\"Action\":\"iot:Subscribe\",\"Resource\":\"arn:aws:iot:eu-west-1:123456789012:topicfilter/devices/dev-01/*\"},"
            + "{\"Effect\":\"Deny\",\"Action\":\"iot:Publish\",\"Resource\":\"arn:aws:iot:eu-west-1:123456789012:topic/devices/dev-01/credentials\"}]}",
            policy);
        Assert.Contains("allowed", result.Err);
        Assert.DoesNotContain(token, result.Err);
        Assert.DoesNotContain(signature, result.All);
    }

    [Fact]
    public void TopicPrefixAndWildcardAccount_AreApplied()
    {
        (string token, string signature) = Issue("dev-01");
        Cli.Result result = Cli.RunWithInput(Event(token, signature, "dev-01"), "authorize", "--topic-prefix", "fleet/a", "--now", Now);
        string policy = Response(result).GetProperty("policyDocuments")[0].GetString()!;
        Assert.Contains("arn:aws:iot:*:*:topic/fleet/a/dev-01/*", policy);
    }

    [Fact]
    public void WrongClientId_IsDenied()
    {
        (string token, string signature) = Issue("dev-01");
        AssertDenied(Authorize(Event(token, signature, "dev-02")), "issued for client id 'dev-01'", token, signature);
    }

    [Fact]
    public void ExpiredToken_IsDenied()
    {
        (string token, string signature) = Issue("dev-01", "1h", now: "2025-12-31T22:00:00Z");
        AssertDenied(Authorize(Event(token, signature, "dev-01")), "expired", token, signature);
    }

    [Fact]
    public void TamperedToken_IsDenied()
    {
        (string token, string signature) = Issue("dev-01");
        string tampered = token[..^1] + (token[^1] == '0' ? '1' : '0');
        AssertDenied(Authorize(Event(tampered, signature, "dev-01")), "does not verify", tampered, signature);
    }

    [Fact]
    public void SignatureFromAnotherKey_IsDenied()
    {
        (string token, string signature) = Issue("dev-01", key: KeyFiles.Value.Other);
        AssertDenied(Authorize(Event(token, signature, "dev-01")), "does not verify", token, signature);
    }

    [Fact]
    public void NoKeyAndSignatureVerifiedFalse_IsDenied()
    {
        (string token, string signature) = Issue("dev-01");
        AssertDenied(Authorize(Event(token, signature, "dev-01", signatureVerified: false), withKey: false), "signatureVerified", token);
    }

    [Fact]
    public void NoKeyAndSignatureVerifiedTrue_IsAllowed()
    {
        (string token, _) = Issue("dev-01");
        Assert.True(Response(Authorize(Event(token, null, "dev-01"), withKey: false)).GetProperty("isAuthenticated").GetBoolean());
    }

    [Theory]
    [InlineData("{}", "clientId")]
    [InlineData("{\"signatureVerified\":true,\"protocolData\":{\"mqtt\":{\"clientId\":\"dev-01\"}}}", "no token")]
    [InlineData("{\"token\":\"v1.ZGV2LTAx.1999999999\",\"signatureVerified\":true,\"protocolData\":{\"tls\":{\"serverName\":\"x\"}}}", "clientId")]
    // With a key and no signature anywhere in the event, only signatureVerified: true would do (AWS checked it).
    [InlineData("{\"token\":\"v1.ZGV2LTAx.1999999999\",\"signatureVerified\":false,\"protocolData\":{\"mqtt\":{\"clientId\":\"dev-01\"}}}", "x-amz-customauthorizer-signature")]
    public void MissingFields_AreDenied(string json, string reason)
    {
        AssertDenied(Authorize(json), reason);
    }

    [Theory]
    [InlineData("garbage", "not valid JSON")]
    [InlineData("{\"token\": ", "not valid JSON")]
    [InlineData("[1,2,3]", "$ must be an object")]
    [InlineData("{\"token\":42}", "$.token must be a string")]
    [InlineData("{\"signatureVerified\":\"yes\"}", "$.signatureVerified must be a boolean")]
    [InlineData("{\"protocolData\":{\"mqtt\":{\"clientId\":[\"dev-01\"]}}}", "$.protocolData.mqtt.clientId must be a string")]
    [InlineData("{\"protocolData\":\"mqtt\"}", "$.protocolData must be an object")]
    [InlineData("", "stdin is empty")]
    public void MalformedEvents_AreOneLineErrors(string json, string expected)
    {
        Cli.AssertOneLineError(Authorize(json), 2, expected);
    }

    [Fact]
    public void MalformedEvent_NeverEchoesTheToken()
    {
        (string token, string signature) = Issue("dev-01");
        string json = Event(token, signature, "dev-01").Replace("\"signatureVerified\":true", "\"signatureVerified\":\"" + token + "\"");
        Cli.Result result = Authorize(json);
        Cli.AssertOneLineError(result, 2, "signatureVerified");
        Assert.DoesNotContain(token, result.Err);
        Assert.DoesNotContain(signature, result.Err);
    }

    [Fact]
    public void EventFromFile_AndOptionErrors()
    {
        (string token, string signature) = Issue("dev-01");
        string file = Path.Combine(Cli.TempDir(), "event.json");
        File.WriteAllText(file, Event(token, signature, "dev-01"));
        Assert.True(Response(Cli.Run("authorize", "--event", file, "--public-key", KeyFiles.Value.Public, "--now", Now)).GetProperty("isAuthenticated").GetBoolean());

        Cli.AssertOneLineError(Cli.Run("authorize", "--event", file + ".missing"), 2, "file not found");
        Cli.AssertOneLineError(Cli.Run("authorize", "--event", file, "--refresh-after", "10"), 2, "--refresh-after");
        Cli.AssertOneLineError(Cli.Run("authorize", "--event", file, "--topic-prefix", "a/#"), 2, "topic prefix");
        Cli.AssertOneLineError(Cli.Run("authorize", "--event", file, "--account", "12"), 2, "account");
        Cli.AssertOneLineError(Cli.Run("authorize", "--event", file, "--public-key", KeyFiles.Value.Private), 2, "is a private key");
    }
}
