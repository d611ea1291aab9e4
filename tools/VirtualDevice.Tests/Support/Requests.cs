using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.VirtualDevice.Tests.Support;

/// <summary>Connect requests for tests.</summary>
internal static class Requests
{
    public static MqttConnectRequest To(int port, TransportMode mode = TransportMode.Domain, string host = "localhost", string clientId = "vdev-test", int keepAlive = 60) => new()
    {
        Host = host,
        Port = port,
        Mode = mode,
        ClientId = clientId,
        Username = "device?x-amz-customauthorizer-name=TestAuthorizer",
        Password = null,
        KeepAliveSeconds = keepAlive,
        CleanSession = true,
    };
}
