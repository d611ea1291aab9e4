using System.Security.Cryptography;
using AwsIotDevice.CustomAuth.Signing;
using AwsIotDevice.CustomAuth.Tokens;

namespace AwsIotDevice.LambdaAuthorizer.Tests;

/// <summary>
/// Authorizer events shaped as AWS IoT Core sends them (developer guide, "Defining your Lambda function"; the field
/// names of @types/aws-lambda's IoTCustomAuthorizerEvent agree), signed with a test key.
/// </summary>
internal static class Events
{
    public static readonly RSA Key = RSA.Create(2048);
    public const string Endpoint = "abc123example-ats.iot.eu-west-1.amazonaws.com";

    public static (string Token, string Signature) Credential(string clientId, TimeSpan? life = null)
    {
        string token = AuthToken.Create(clientId, DateTimeOffset.UtcNow + (life ?? TimeSpan.FromDays(1))).Encode();
        return (token, TokenSignature.Sign(Key, token));
    }

    public static string Mqtt(string clientId, string? tokenClientId = null, bool verified = true)
    {
        var (token, signature) = Credential(tokenClientId ?? clientId);
        string username = $"device?x-amz-customauthorizer-name=DeviceAuthorizer&x-amz-customauthorizer-signature={Uri.EscapeDataString(signature)}&token={token}";
        return $$"""
            {"token":"{{token}}","signatureVerified":{{Bool(verified)}},"protocols":["tls","mqtt"],
             "protocolData":{"tls":{"serverName":"{{Endpoint}}"},
                             "mqtt":{"username":"{{username}}","password":"","clientId":"{{clientId}}"} },
             "connectionMetadata":{"id":"{{Guid.NewGuid()}}"} }
            """;
    }

    public static string WssHeaders(string clientId, bool verified = true)
    {
        var (token, signature) = Credential(clientId);
        return $$"""
            {"token":"{{token}}","signatureVerified":{{Bool(verified)}},"protocols":["tls","http","mqtt"],
             "protocolData":{"tls":{"serverName":"{{Endpoint}}"},
                             "http":{"headers":{"host":"{{Endpoint}}","upgrade":"websocket","sec-websocket-protocol":"mqtt",
                                                "x-amz-customauthorizer-name":"DeviceAuthorizer","x-amz-customauthorizer-signature":"{{signature}}","token":"{{token}}"},
                                     "queryString":""},
                             "mqtt":{"username":"","clientId":"{{clientId}}"} },
             "connectionMetadata":{"id":"{{Guid.NewGuid()}}"} }
            """;
    }

    public static string WssQuery(string clientId, bool verified = true)
    {
        var (token, signature) = Credential(clientId);
        string query = $"?x-amz-customauthorizer-name=DeviceAuthorizer&x-amz-customauthorizer-signature={Uri.EscapeDataString(signature)}&token={token}";
        return $$"""
            {"token":"{{token}}","signatureVerified":{{Bool(verified)}},"protocols":["tls","http","mqtt"],
             "protocolData":{"tls":{"serverName":"{{Endpoint}}"},
                             "http":{"headers":{"host":"{{Endpoint}}"},"queryString":"{{query}}"},
                             "mqtt":{"clientId":"{{clientId}}"} },
             "connectionMetadata":{"id":"{{Guid.NewGuid()}}"} }
            """;
    }

    public static string Https(string tokenClientId, bool verified = true)
    {
        var (token, signature) = Credential(tokenClientId);
        return $$"""
            {"token":"{{token}}","signatureVerified":{{Bool(verified)}},"protocols":["tls","http"],
             "protocolData":{"tls":{"serverName":"{{Endpoint}}"},
                             "http":{"headers":{"host":"{{Endpoint}}","x-amz-customauthorizer-name":"DeviceAuthorizer",
                                                "x-amz-customauthorizer-signature":"{{signature}}","token":"{{token}}"},
                                     "queryString":"?qos=1"} },
             "connectionMetadata":{"id":"{{Guid.NewGuid()}}"} }
            """;
    }

    /// <summary>Malformed events: garbage, truncated, half-missing, wrong types; each must be a denial, never a crash.</summary>
    public static IEnumerable<(string Name, string Json, string ReasonPart)> Malformed()
    {
        string good = Mqtt("dev-01");
        yield return ("empty object", "{}", "clientId");
        yield return ("not JSON", "hello, lambda", "not valid JSON");
        yield return ("truncated", good[..(good.Length / 2)], "not valid JSON");
        yield return ("array root", "[1,2,3]", "must be an object");
        yield return ("token is a number", """{"token":42,"protocols":["tls","mqtt"],"protocolData":{"mqtt":{"clientId":"d"} } }""", "$.token must be a string");
        yield return ("protocols is a string", """{"token":"t","protocols":"mqtt"}""", "$.protocols must be an array");
        yield return ("mqtt is an array", """{"token":"t","protocolData":{"mqtt":[]} }""", "$.protocolData.mqtt must be an object");
        yield return ("clientId missing", """{"token":"t","signatureVerified":true,"protocols":["tls","mqtt"],"protocolData":{"mqtt":{"username":"u"} } }""", "clientId");
        yield return ("token missing", """{"signatureVerified":true,"protocols":["tls","mqtt"],"protocolData":{"mqtt":{"clientId":"dev-01"} } }""", "no token");
        yield return ("signatureVerified is a string", """{"token":"t","signatureVerified":"true"}""", "$.signatureVerified must be a boolean");
        yield return ("headers hold a number", """{"token":"t","protocols":["tls","http"],"protocolData":{"http":{"headers":{"x":1} } } }""", "must be a string");
        yield return ("not a v1 token", """{"token":"hello","signatureVerified":true,"protocols":["tls","mqtt"],"protocolData":{"mqtt":{"clientId":"dev-01"} } }""", "dot-separated");
        yield return ("oversized", "{\"token\":\"" + new string('a', 300 * 1024) + "\"}", "larger than");
        yield return ("deeply nested", new string('[', 5000) + new string(']', 5000), "not valid JSON");
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
