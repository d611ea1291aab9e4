using AwsIotDevice.CustomAuth.Authorizer;

namespace AwsIotDevice.CustomAuth.Tests;

public class AuthorizerEventTests
{
    private const string AwsExample = """
        {
          "token": "aToken",
          "signatureVerified": true,
          "protocols": ["tls", "http", "mqtt"],
          "protocolData": {
            "tls": { "serverName": "serverName" },
            "http": { "headers": { "x-name": "x-value" }, "queryString": "?a=b" },
            "mqtt": { "username": "myUserName", "password": "bXlQYXNzd29yZA==", "clientId": "myClientId" }
          },
          "connectionMetadata": { "id": "2c5a3b2e-0a1f-4d57-8f8a-1a2b3c4d5e6f" },
          "somethingAwsAddsLater": { "nested": [1, 2] }
        }
        """;

    [Fact]
    public void Parse_ReadsEveryFieldOfTheAwsExample()
    {
        AuthorizerEvent e = AuthorizerEvent.Parse(AwsExample);
        Assert.Equal("aToken", e.Token);
        Assert.True(e.SignatureVerified);
        Assert.Equal(["tls", "http", "mqtt"], e.Protocols);
        Assert.Equal("serverName", e.ServerName);
        Assert.Equal("x-value", e.HttpHeaders["x-name"]);
        Assert.Equal("?a=b", e.HttpQueryString);
        Assert.Equal("myUserName", e.MqttUsername);
        Assert.Equal("bXlQYXNzd29yZA==", e.MqttPassword);
        Assert.Equal("myClientId", e.MqttClientId);
        Assert.Equal("2c5a3b2e-0a1f-4d57-8f8a-1a2b3c4d5e6f", e.ConnectionId);
    }

    [Fact]
    public void ToJson_RoundTrips()
    {
        AuthorizerEvent e = AuthorizerEvent.Parse(AwsExample);
        AuthorizerEvent again = AuthorizerEvent.Parse(e.ToJson());
        Assert.Equal(e.Token, again.Token);
        Assert.Equal(e.MqttClientId, again.MqttClientId);
        Assert.Equal(e.MqttUsername, again.MqttUsername);
        Assert.Equal(e.ServerName, again.ServerName);
        Assert.Equal(e.Protocols, again.Protocols);
        Assert.Equal(e.HttpHeaders, again.HttpHeaders);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"protocolData\":{}}")]
    [InlineData("{\"token\":null,\"protocolData\":{\"mqtt\":{}}}")]
    public void Parse_MissingFieldsAreAllowed(string json)
    {
        AuthorizerEvent e = AuthorizerEvent.Parse(json);
        Assert.Null(e.Token);
        Assert.False(e.SignatureVerified);
        Assert.Null(e.MqttClientId);
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("garbage", "not valid JSON")]
    [InlineData("{\"token\":", "not valid JSON")]
    [InlineData("[]", "$ must be an object")]
    [InlineData("\"x\"", "$ must be an object")]
    [InlineData("{\"token\":5}", "$.token must be a string, not a number")]
    [InlineData("{\"signatureVerified\":\"true\"}", "$.signatureVerified must be a boolean, not a string")]
    [InlineData("{\"protocols\":\"mqtt\"}", "$.protocols must be an array")]
    [InlineData("{\"protocols\":[1]}", "$.protocols[0] must be a string")]
    [InlineData("{\"protocolData\":[]}", "$.protocolData must be an object")]
    [InlineData("{\"protocolData\":{\"mqtt\":\"x\"}}", "$.protocolData.mqtt must be an object")]
    [InlineData("{\"protocolData\":{\"mqtt\":{\"clientId\":7}}}", "$.protocolData.mqtt.clientId must be a string")]
    [InlineData("{\"protocolData\":{\"tls\":{\"serverName\":true}}}", "$.protocolData.tls.serverName must be a string")]
    [InlineData("{\"protocolData\":{\"http\":{\"headers\":{\"a\":1}}}}", "must be a string")]
    [InlineData("{\"connectionMetadata\":{\"id\":{}}}", "$.connectionMetadata.id must be a string")]
    [InlineData("{\"token\":\"a\",\"token\":\"b\"}", "not valid JSON")]
    public void Parse_MalformedEvents_FailWithThePath(string json, string expected)
    {
        var e = Assert.Throws<CustomAuthException>(() => AuthorizerEvent.Parse(json));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Parse_ErrorsNeverQuoteValues()
    {
        const string secret = "v1.c2VjcmV0.1999999999";
        var e = Assert.Throws<CustomAuthException>(() => AuthorizerEvent.Parse($"{{\"token\":\"{secret}\",\"signatureVerified\":\"{secret}\"}}"));
        Assert.DoesNotContain(secret, e.Message);
        var e2 = Assert.Throws<CustomAuthException>(() => AuthorizerEvent.Parse($"{{\"token\":\"{secret}\" x"));
        Assert.DoesNotContain(secret, e2.Message);
    }

    [Fact]
    public void Parse_TooLarge_IsRefused()
    {
        string json = "{\"token\":\"" + new string('a', AuthorizerEvent.MaxJsonBytes) + "\"}";
        Assert.Contains("larger than", Assert.Throws<CustomAuthException>(() => AuthorizerEvent.Parse(json)).Message);
    }
}
