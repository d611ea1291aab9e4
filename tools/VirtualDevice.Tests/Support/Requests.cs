using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.VirtualDevice.Tests.Support;

/// <summary>Connect requests for tests (wss: plain user, credentials for the upgrade; otherwise a username with a query).</summary>
internal static class Requests
{
    public const string Token = "tok-test-secret-1234";
    public const string Signature = "c2lnbmF0dXJl+/w==";

    public static MqttConnectRequest To(int port, TransportMode mode = TransportMode.Domain, string host = "localhost", string clientId = "vdev-test", int keepAlive = 60) => new()
    {
        Host = host,
        Port = port,
        Mode = mode,
        ClientId = clientId,
        Username = mode == TransportMode.Wss ? "device" : "device?x-amz-customauthorizer-name=TestAuthorizer",
        Password = null,
        KeepAliveSeconds = keepAlive,
        CleanSession = true,
        AuthorizerName = mode == TransportMode.Wss ? "TestAuthorizer" : null,
        TokenKeyName = mode == TransportMode.Wss ? "token" : null,
        Token = mode == TransportMode.Wss ? Token : null,
        Signature = mode == TransportMode.Wss ? Signature : null,
    };
}
