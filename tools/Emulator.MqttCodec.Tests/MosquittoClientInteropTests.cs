using System.Net;
using System.Net.Sockets;
using System.Text;
using AwsIotDevice.Emulator.MqttCodec.Channel;
using AwsIotDevice.Emulator.MqttCodec.Packets;
using AwsIotDevice.Emulator.MqttCodec.Tests.Support;

namespace AwsIotDevice.Emulator.MqttCodec.Tests;

/// <summary>
/// The codec as a tiny broker on 127.0.0.1, driven by the real mosquitto_pub client. Bounded: 20 s
/// per test, one connection each, random free port.
/// </summary>
public class MosquittoClientInteropTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task MosquittoPub311_QoS1_IsDecodedAndAcknowledged()
    {
        ExternalProcess.Find("mosquitto_pub");
        using var cts = new CancellationTokenSource(Limit);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            using var pub = ExternalProcess.Start("mosquitto_pub", "-h", "127.0.0.1", "-p", port.ToString(), "-t", "t", "-m", "hello", "-q", "1", "-i", "cid");
            using var client = await listener.AcceptTcpClientAsync(cts.Token);
            var channel = new MqttChannel(client.GetStream());

            var connect = Assert.IsType<ConnectPacket>(await channel.ReadPacketAsync(cts.Token));
            Assert.Equal(MqttProtocolVersion.V311, connect.ProtocolVersion);
            Assert.Equal("cid", connect.ClientId);
            Assert.True(connect.CleanSession);
            Assert.Equal(60, connect.KeepAliveSeconds);
            await channel.WritePacketAsync(new ConnAckPacket { ReasonCode = ConnectReturnCodes.Accepted }, cts.Token);

            var publish = Assert.IsType<PublishPacket>(await channel.ReadPacketAsync(cts.Token));
            Assert.Equal("t", publish.Topic);
            Assert.Equal("hello", Encoding.UTF8.GetString(publish.Payload.Span));
            Assert.Equal(MqttQos.AtLeastOnce, publish.QoS);
            Assert.NotEqual(0, publish.PacketId);
            await channel.WritePacketAsync(new PubAckPacket { PacketId = publish.PacketId }, cts.Token);

            Assert.IsType<DisconnectPacket>(await channel.ReadPacketAsync(cts.Token));
            await pub.WaitForExitAsync(cts.Token);
            Assert.True(pub.ExitCode == 0, $"mosquitto_pub exited {pub.ExitCode}: {pub.Output}");
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task MosquittoPub5_ConnectWithPropertiesAndPassword_RefusedWith0x87()
    {
        ExternalProcess.Find("mosquitto_pub");
        using var cts = new CancellationTokenSource(Limit);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            using var pub = ExternalProcess.Start("mosquitto_pub", "-h", "127.0.0.1", "-p", port.ToString(), "-V", "mqttv5",
                "-t", "t", "-m", "hello", "-q", "1", "-i", "dev-5", "-u", "user?x-amz-customauthorizer-name=auth", "-P", "s3cret",
                "-D", "connect", "session-expiry-interval", "120", "-D", "connect", "user-property", "k", "v");
            using var client = await listener.AcceptTcpClientAsync(cts.Token);
            var channel = new MqttChannel(client.GetStream());

            var connect = Assert.IsType<ConnectPacket>(await channel.ReadPacketAsync(cts.Token));
            Assert.Equal(MqttProtocolVersion.V500, connect.ProtocolVersion);
            Assert.Equal(MqttProtocolVersion.V500, channel.ProtocolVersion);
            Assert.Equal("dev-5", connect.ClientId);
            Assert.Equal("user?x-amz-customauthorizer-name=auth", connect.Username);
            Assert.Equal("s3cret", Encoding.UTF8.GetString(connect.Password!));
            Assert.True(connect.Properties.TryGetNumber(MqttPropertyId.SessionExpiryInterval, out uint expiry));
            Assert.Equal(120u, expiry);
            Assert.Contains(new KeyValuePair<string, string>("k", "v"), connect.Properties.UserProperties);

            await channel.WritePacketAsync(new ConnAckPacket { ReasonCode = ReasonCodes.NotAuthorized }, cts.Token);
            await pub.WaitForExitAsync(cts.Token);
            Assert.NotEqual(0, pub.ExitCode);
            Assert.Contains("not authori", pub.Output, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            listener.Stop();
        }
    }
}
