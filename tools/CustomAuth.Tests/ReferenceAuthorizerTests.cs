using System.Security.Cryptography;
using System.Text.Json;
using AwsIotDevice.CustomAuth.Authorizer;
using AwsIotDevice.CustomAuth.Policies;
using AwsIotDevice.CustomAuth.Signing;
using AwsIotDevice.CustomAuth.Tokens;

namespace AwsIotDevice.CustomAuth.Tests;

public class ReferenceAuthorizerTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly RSA PublicKey = TestKeys.PublicOf(TestKeys.Primary);
    private static readonly RSA SecondPublicKey = TestKeys.PublicOf(TestKeys.Secondary);

    private static string TokenFor(string clientId, long lifetimeSeconds = 86400 * 30) =>
        AuthToken.Create(clientId, Now.AddSeconds(lifetimeSeconds)).Encode();

    private static AuthorizerEvent Event(string? token, string? clientId, string? signature = null, bool verified = false, bool encode = true)
    {
        string? username = signature is null ? "user" : $"user?x-amz-customauthorizer-name=auth&x-amz-customauthorizer-signature={(encode ? Uri.EscapeDataString(signature) : signature)}&token={token}";
        return new AuthorizerEvent
        {
            Token = token,
            SignatureVerified = verified,
            Protocols = ["tls", "mqtt"],
            ServerName = "example-ats.iot.eu-west-1.amazonaws.com",
            MqttUsername = username,
            MqttClientId = clientId,
            ConnectionId = "id",
        };
    }

    private static ReferenceAuthorizerOptions WithKeys(params RSA[] keys) => new()
    {
        Scope = new PolicyScope("eu-west-1", "123456789012", "fleet/telemetry"),
        PublicKeys = keys,
    };

    private static AuthorizerDecision Decide(AuthorizerEvent e, ReferenceAuthorizerOptions? options = null) =>
        ReferenceAuthorizer.Authorize(e, options ?? WithKeys(PublicKey), Now);

    [Fact]
    public void ValidSignedToken_IsAllowedWithLeastPrivilegePolicy()
    {
        string token = TokenFor("dev-01");
        AuthorizerDecision d = Decide(Event(token, "dev-01", TokenSignature.Sign(TestKeys.Primary, token)));

        Assert.True(d.Response.IsAuthenticated, d.Reason);
        Assert.Matches("^[a-zA-Z0-9]{1,128}$", d.Response.PrincipalId);
        Assert.Equal(86400, d.Response.DisconnectAfterInSeconds);
        Assert.Equal(300, d.Response.RefreshAfterInSeconds);
        string policy = Assert.Single(d.Response.PolicyDocuments);
        using JsonDocument doc = JsonDocument.Parse(policy);
        JsonElement[] statements = doc.RootElement.GetProperty("Statement").EnumerateArray().ToArray();
        Assert.Equal(4, statements.Length);
        Assert.Equal("iot:Connect", statements[0].GetProperty("Action").GetString());
        Assert.Equal("arn:aws:iot:eu-west-1:123456789012:client/dev-01", statements[0].GetProperty("Resource").GetString());
        Assert.Equal(["iot:Publish", "iot:Receive"], statements[1].GetProperty("Action").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("arn:aws:iot:eu-west-1:123456789012:topic/fleet/telemetry/dev-01/*", statements[1].GetProperty("Resource").GetString());
        Assert.Equal("iot:Subscribe", statements[2].GetProperty("Action").GetString());
        Assert.Equal("arn:aws:iot:eu-west-1:123456789012:topicfilter/fleet/telemetry/dev-01/*", statements[2].GetProperty("Resource").GetString());
        Assert.All(statements[..3], s => Assert.Equal("Allow", s.GetProperty("Effect").GetString()));
        Assert.Equal("Deny", statements[3].GetProperty("Effect").GetString());
        Assert.Equal("iot:Publish", statements[3].GetProperty("Action").GetString());
        Assert.Equal("arn:aws:iot:eu-west-1:123456789012:topic/fleet/telemetry/dev-01/credentials", statements[3].GetProperty("Resource").GetString());

        AuthorizerResponseValidation validation = AuthorizerResponseValidator.Validate(d.Response.ToJson());
        Assert.True(validation.IsValid, validation.Detail);
    }

    [Fact]
    public void SignatureMayBeRawInTheUsername_AndTheSecondKeyWorks()
    {
        string token = TokenFor("dev-01");
        string signature = TokenSignature.Sign(TestKeys.Secondary, token);
        AuthorizerDecision d = Decide(Event(token, "dev-01", signature, encode: false), WithKeys(PublicKey, SecondPublicKey));
        Assert.True(d.Response.IsAuthenticated, d.Reason);
    }

    [Fact]
    public void WithoutKeys_SignatureVerifiedTrueIsTrusted()
    {
        string token = TokenFor("dev-01");
        Assert.True(Decide(Event(token, "dev-01", verified: true), WithKeys()).Response.IsAuthenticated);
    }

    [Fact]
    public void WithoutKeys_SignatureVerifiedFalse_IsDenied()
    {
        AuthorizerDecision d = Decide(Event(TokenFor("dev-01"), "dev-01", verified: false), WithKeys());
        AssertDenied(d, "signatureVerified");
    }

    [Fact]
    public void WrongClientId_IsDenied()
    {
        string token = TokenFor("dev-01");
        AssertDenied(Decide(Event(token, "dev-02", TokenSignature.Sign(TestKeys.Primary, token))), "issued for client id 'dev-01'");
    }

    [Fact]
    public void ClientIdComparisonIsExact()
    {
        string token = TokenFor("dev-01");
        AssertDenied(Decide(Event(token, "DEV-01", TokenSignature.Sign(TestKeys.Primary, token))), "issued for");
    }

    [Fact]
    public void ExpiredToken_IsDenied_FromTheExpirySecond()
    {
        string atExpiry = AuthToken.Create("dev-01", Now).Encode();
        string oneLeft = AuthToken.Create("dev-01", Now.AddSeconds(1)).Encode();
        AssertDenied(Decide(Event(atExpiry, "dev-01", TokenSignature.Sign(TestKeys.Primary, atExpiry))), "expired");
        AuthorizerDecision d = Decide(Event(oneLeft, "dev-01", TokenSignature.Sign(TestKeys.Primary, oneLeft)));
        Assert.True(d.Response.IsAuthenticated);
        Assert.Equal(300, d.Response.DisconnectAfterInSeconds);
    }

    [Fact]
    public void DisconnectFollowsTheTokensRemainingLifetime()
    {
        string token = TokenFor("dev-01", 3600);
        Assert.Equal(3600, Decide(Event(token, "dev-01", TokenSignature.Sign(TestKeys.Primary, token))).Response.DisconnectAfterInSeconds);
    }

    [Fact]
    public void TamperedToken_IsDenied_EvenIfSignatureVerifiedClaimsTrue()
    {
        string token = TokenFor("dev-01");
        string signature = TokenSignature.Sign(TestKeys.Primary, token);
        string tampered = TokenFor("dev-02");
        AssertDenied(Decide(Event(tampered, "dev-02", signature, verified: true)), "does not verify");
    }

    [Fact]
    public void SignatureFromAnotherKey_IsDenied()
    {
        string token = TokenFor("dev-01");
        AssertDenied(Decide(Event(token, "dev-01", TokenSignature.Sign(TestKeys.Secondary, token))), "does not verify");
    }

    [Fact]
    public void GarbageSignature_IsDenied()
    {
        AssertDenied(Decide(Event(TokenFor("dev-01"), "dev-01", "!!notbase64!!", encode: false)), "does not verify");
    }

    [Fact]
    public void MissingSignatureInUsername_IsDenied()
    {
        AssertDenied(Decide(Event(TokenFor("dev-01"), "dev-01")), "x-amz-customauthorizer-signature");
    }

    [Fact]
    public void MissingToken_IsDenied()
    {
        AssertDenied(Decide(Event(null, "dev-01", verified: true), WithKeys()), "no token");
    }

    [Fact]
    public void MissingClientId_IsDenied()
    {
        AuthorizerDecision d = Decide(Event(TokenFor("dev-01"), null, verified: true), WithKeys());
        AssertDenied(d, "clientId");
        Assert.Equal("unidentified", d.Response.PrincipalId);
    }

    [Fact]
    public void SignedButNotAV1Token_IsDenied()
    {
        const string token = "hello";
        AssertDenied(Decide(Event(token, "dev-01", TokenSignature.Sign(TestKeys.Primary, token))), "dot-separated");
    }

    [Fact]
    public void HostileClientIdInReason_IsEscapedAndCut()
    {
        string token = TokenFor("dev-01");
        string hostile = "x\n" + new string('y', 500);
        AuthorizerDecision d = Decide(Event(token, hostile, TokenSignature.Sign(TestKeys.Primary, token)));
        Assert.False(d.Response.IsAuthenticated);
        Assert.DoesNotContain("\n", d.Reason);
        Assert.True(d.Reason.Length < 300);
    }

    [Fact]
    public void Reasons_NeverContainTokenOrSignature()
    {
        string token = TokenFor("dev-01");
        string signature = TokenSignature.Sign(TestKeys.Secondary, token);
        foreach (AuthorizerDecision d in new[]
        {
            Decide(Event(token, "dev-01", signature)),
            Decide(Event(token, "dev-02", TokenSignature.Sign(TestKeys.Primary, token))),
            Decide(Event(token, "dev-01", signature, verified: true), WithKeys()),
            Decide(Event(token, "dev-01", TokenSignature.Sign(TestKeys.Primary, token))),
        })
        {
            Assert.DoesNotContain(token, d.Reason);
            Assert.DoesNotContain(signature, d.Reason);
            Assert.DoesNotContain(token, d.Response.ToJson());
        }
    }

    // ---- every protocol: events shaped as AWS sends them (developer guide, "Defining your Lambda function") ----

    private static AuthorizerEvent Parse(string json) => AuthorizerEvent.Parse(json);

    private static string WssHeaderEvent(string token, string signature, string clientId, bool verified) => $$"""
        {"token":"{{token}}","signatureVerified":{{(verified ? "true" : "false")}},"protocols":["tls","http","mqtt"],
         "protocolData":{"tls":{"serverName":"example-ats.iot.eu-west-1.amazonaws.com"},
           "http":{"headers":{"host":"example-ats.iot.eu-west-1.amazonaws.com","x-amz-customauthorizer-name":"auth",
                              "x-amz-customauthorizer-signature":"{{signature}}","token":"{{token}}","sec-websocket-protocol":"mqtt"},
                   "queryString":""},
           "mqtt":{"username":"","clientId":"{{clientId}}"} },
         "connectionMetadata":{"id":"c0ffee00-0000-4000-8000-000000000001"} }
        """;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Wss_HeaderCredentials_AreAccepted_WithTheRawBase64SignatureAsInAwsCurlExample(bool verified)
    {
        string token = TokenFor("dev-01");
        string signature = TokenSignature.Sign(TestKeys.Primary, token);
        AuthorizerDecision d = Decide(Parse(WssHeaderEvent(token, signature, "dev-01", verified)));
        Assert.True(d.Response.IsAuthenticated, d.Reason);
        Assert.Contains("iot:Connect", Assert.Single(d.Response.PolicyDocuments));
    }

    [Fact]
    public void Wss_HeaderCredentials_ForAnotherClientId_AreDenied()
    {
        string token = TokenFor("dev-01");
        AssertDenied(Decide(Parse(WssHeaderEvent(token, TokenSignature.Sign(TestKeys.Primary, token), "dev-02", true))), "issued for client id 'dev-01'");
    }

    [Fact]
    public void Wss_ForgedHeaderSignature_IsDenied_EvenIfSignatureVerifiedClaimsTrue()
    {
        string token = TokenFor("dev-01");
        AssertDenied(Decide(Parse(WssHeaderEvent(token, TokenSignature.Sign(TestKeys.Secondary, token), "dev-01", true))), "from protocolData.http.headers does not verify");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Wss_QueryStringCredentials_ArePercentDecoded(bool verified)
    {
        string token = TokenFor("dev-01");
        string signature = TokenSignature.Sign(TestKeys.Primary, token);
        string query = $"?x-amz-customauthorizer-name=auth&x-amz-customauthorizer-signature={Uri.EscapeDataString(signature)}&token={token}";
        string json = $$"""
            {"token":"{{token}}","signatureVerified":{{(verified ? "true" : "false")}},"protocols":["tls","http","mqtt"],
             "protocolData":{"tls":{"serverName":"example-ats.iot.eu-west-1.amazonaws.com"},
               "http":{"headers":{"host":"example-ats.iot.eu-west-1.amazonaws.com"},"queryString":"{{query}}"},
               "mqtt":{"clientId":"dev-01"} },
             "connectionMetadata":{"id":"c0ffee00-0000-4000-8000-000000000002"} }
            """;
        AuthorizerDecision d = Decide(Parse(json));
        Assert.True(d.Response.IsAuthenticated, d.Reason);
    }

    [Fact]
    public void SignatureVerifiedTrue_NeedsNoSignatureInTheEvent_EvenWithKeys()
    {
        string token = TokenFor("dev-01");
        AuthorizerDecision d = Decide(Event(token, "dev-01", signature: null, verified: true));
        Assert.True(d.Response.IsAuthenticated, d.Reason);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void HttpsPublish_IsAllowedToPublishOnItsOwnTopicsOnly(bool verified)
    {
        string token = TokenFor("dev-01");
        string signature = TokenSignature.Sign(TestKeys.Primary, token);
        string json = $$"""
            {"token":"{{token}}","signatureVerified":{{(verified ? "true" : "false")}},"protocols":["tls","http"],
             "protocolData":{"tls":{"serverName":"example-ats.iot.eu-west-1.amazonaws.com"},
               "http":{"headers":{"x-amz-customauthorizer-name":"auth","x-amz-customauthorizer-signature":"{{signature}}","token":"{{token}}"},
                       "queryString":"?qos=1"} },
             "connectionMetadata":{"id":"c0ffee00-0000-4000-8000-000000000003"} }
            """;
        AuthorizerDecision d = Decide(Parse(json));
        Assert.True(d.Response.IsAuthenticated, d.Reason);
        Assert.Equal(PrincipalId.FromClientId("dev-01"), d.Response.PrincipalId);
        using JsonDocument doc = JsonDocument.Parse(Assert.Single(d.Response.PolicyDocuments));
        JsonElement[] statements = doc.RootElement.GetProperty("Statement").EnumerateArray().ToArray();
        Assert.Equal(2, statements.Length);
        Assert.All(statements, s => Assert.Equal("iot:Publish", s.GetProperty("Action").GetString()));
        Assert.Equal("Allow", statements[0].GetProperty("Effect").GetString());
        Assert.Equal("arn:aws:iot:eu-west-1:123456789012:topic/fleet/telemetry/dev-01/*", statements[0].GetProperty("Resource").GetString());
        Assert.Equal("Deny", statements[1].GetProperty("Effect").GetString());
        Assert.Equal("arn:aws:iot:eu-west-1:123456789012:topic/fleet/telemetry/dev-01/credentials", statements[1].GetProperty("Resource").GetString());
        Assert.True(AuthorizerResponseValidator.Validate(d.Response.ToJson()).IsValid);
    }

    [Fact]
    public void HttpsPublish_WithExpiredOrForgedToken_IsDenied()
    {
        string expired = AuthToken.Create("dev-01", Now).Encode();
        string http(string token, string signature) => $$"""
            {"token":"{{token}}","signatureVerified":false,"protocols":["tls","http"],
             "protocolData":{"http":{"headers":{"x-amz-customauthorizer-signature":"{{signature}}"} } } }
            """;
        AssertDenied(Decide(Parse(http(expired, TokenSignature.Sign(TestKeys.Primary, expired)))), "expired");
        string token = TokenFor("dev-01");
        AssertDenied(Decide(Parse(http(token, TokenSignature.Sign(TestKeys.Secondary, token)))), "does not verify");
    }

    [Fact]
    public void NoClientIdAndNoProtocols_IsDenied()
    {
        AssertDenied(Decide(Parse($$"""{"token":"{{TokenFor("dev-01")}}","signatureVerified":true}""")), "neither MQTT nor HTTPS publish");
    }

    private static void AssertDenied(AuthorizerDecision d, string reasonPart)
    {
        Assert.False(d.Response.IsAuthenticated);
        Assert.Empty(d.Response.PolicyDocuments);
        Assert.StartsWith("denied: ", d.Reason);
        Assert.Contains(reasonPart, d.Reason);
        AuthorizerResponseValidation validation = AuthorizerResponseValidator.Validate(d.Response.ToJson());
        Assert.True(validation.IsValid);
        Assert.False(validation.IsAuthenticated);
    }
}
