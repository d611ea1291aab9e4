using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using AwsIotDevice.Emulator.MqttCodec.Channel;
using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.Emulator.Tests.Support;

/// <summary>
/// Sends exactly the packets a test builds (SslStream + the emulator's own codec), bounded in time: for broker tests at
/// the packet level (refusal without CONNACK, forbidden packets, exact reason codes, odd usernames). What a
/// well-behaved client sees is tested with MQTTnet (<see cref="RealClient"/>).
/// </summary>
public sealed class RawMqttClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly SslStream _ssl;

    private RawMqttClient(TcpClient tcp, SslStream ssl)
    {
        _tcp = tcp;
        _ssl = ssl;
        Channel = new MqttChannel(ssl, new MqttFrameReaderOptions { FrameTimeout = TimeSpan.FromSeconds(5) });
    }

    public MqttChannel Channel { get; }
    public SslStream Ssl => _ssl;

    public static async Task<RawMqttClient> ConnectTlsAsync(int port, string? sni, string[]? alpn, bool ignoreName = false)
    {
        var tcp = new TcpClient();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await tcp.ConnectAsync("127.0.0.1", port, cts.Token);
        var ssl = new SslStream(tcp.GetStream(), false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = sni ?? "",
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            RemoteCertificateValidationCallback = (_, cert, _, errors) => EmulatorTestPki.Validate(cert, errors, ignoreName || sni is null),
        };
        if (alpn is not null) options.ApplicationProtocols = alpn.Select(a => new SslApplicationProtocol(a)).ToList();
        try
        {
            await ssl.AuthenticateAsClientAsync(options, cts.Token);
        }
        catch
        {
            await ssl.DisposeAsync();
            tcp.Dispose();
            throw;
        }
        return new RawMqttClient(tcp, ssl);
    }

    public static ConnectPacket Connect(string clientId, string? username, MqttProtocolVersion version = MqttProtocolVersion.V311, ushort keepAlive = 60, byte[]? password = null) =>
        new() { ClientId = clientId, Username = username, Password = password, ProtocolVersion = version, KeepAliveSeconds = keepAlive, CleanSession = true };

    public async Task SendAsync(MqttPacket packet)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await Channel.WritePacketAsync(packet, cts.Token);
    }

    /// <summary>The next packet, or null when the server closed the connection (EOF or reset) within the timeout.</summary>
    public async Task<MqttPacket?> ReadAsync(double seconds = 5)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            return await Channel.ReadPacketAsync(cts.Token);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Sends CONNECT and reads the answer (null = closed without CONNACK).</summary>
    public async Task<ConnAckPacket?> ConnectAsync(ConnectPacket connect)
    {
        await SendAsync(connect);
        var p = await ReadAsync();
        return p as ConnAckPacket ?? (p is null ? null : throw new InvalidOperationException($"expected CONNACK, got {p.Type}"));
    }

    public async ValueTask DisposeAsync()
    {
        try { await _ssl.DisposeAsync(); } catch (IOException) { }
        _tcp.Dispose();
    }
}
