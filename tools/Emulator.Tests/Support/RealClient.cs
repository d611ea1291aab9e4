using AwsIotDevice.CustomAuthMqttClient;
using MQTTnet;
using MQTTnet.Formatter;

namespace AwsIotDevice.Emulator.Tests.Support;

/// <summary>
/// MQTTnet, an independent client, against the in-process emulator: for the behaviour a real client must see.
/// Tests that must send exact or malformed packets use <see cref="RawMqttClient"/> (the emulator's own codec) instead.
/// </summary>
public static class RealClient
{
    /// <summary>An unconnected MQTTnet client and options for 127.0.0.1:<paramref name="port"/> with SNI <paramref name="sni"/>.</summary>
    public static (IMqttClient Client, MqttClientOptions Options) Create(int port, string sni, string[] alpn, string clientId, string? username, MqttProtocolVersion version = MqttProtocolVersion.V311)
    {
        var endpoint = new CustomAuthEndpoint { ConnectHost = "127.0.0.1", Port = port, ServerName = sni, ApplicationProtocols = alpn, Trust = [EmulatorTestPki.Ca] };
        return (new MqttClientFactory().CreateMqttClient(), CustomAuthMqttOptions.Create(endpoint, clientId, username, version, timeout: TimeSpan.FromSeconds(5)));
    }

    /// <summary>Connects; returns the client (connected) or throws what MQTTnet threw.</summary>
    public static async Task<IMqttClient> ConnectAsync(int port, string sni, string[] alpn, string clientId, string? username, MqttProtocolVersion version = MqttProtocolVersion.V311)
    {
        var (client, options) = Create(port, sni, alpn, clientId, username, version);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            MqttClientConnectResult result = await client.ConnectAsync(options, limit.Token);
            Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
