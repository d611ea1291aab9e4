using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AwsIotDevice.CustomAuth.Signing;
using AwsIotDevice.CustomAuth.Tokens;
using AwsIotDevice.Emulator.Config;
using AwsIotDevice.Emulator.Init;
using AwsIotDevice.Emulator.Logging;
using AwsIotDevice.Emulator.MqttCodec.Channel;
using AwsIotDevice.Emulator.MqttCodec.Packets;
using AwsIotDevice.Emulator.Server;

namespace AwsIotDevice.Emulator.Tests;

/// <summary>
/// The configuration 'iotctl emulator init' writes (built-in reference authorizer) accepts a correct device on every
/// protocol: raw MQTT with ALPN, MQTT over WebSockets with the credentials in the upgrade headers or query (and no
/// username), and HTTPS publish.
/// </summary>
public sealed class InitConfigEveryProtocolTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "emulator-init-protocols-" + Guid.NewGuid().ToString("N"));
    private readonly MemoryLogSink _log = new();
    private InitResult _init = null!;
    private EmulatorServer _server = null!;
    private X509Certificate2 _ca = null!;

    public async Task InitializeAsync()
    {
        _init = EmulatorInit.Run(new InitOptions { Directory = _dir, Port = 0 });
        _ca = X509CertificateLoader.LoadCertificateFromFile(_init.CaFile);
        _server = await EmulatorServer.StartAsync(ConfigLoader.Load(_init.ConfigFile), new EmulatorServerOptions { Log = _log });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _ca.Dispose();
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
    }

    private (string Token, string Signature) Sign(string clientId)
    {
        string token = AuthToken.Create(clientId, DateTimeOffset.UtcNow.AddDays(1)).Encode();
        using var key = RsaKeyFile.LoadPrivateKey(_init.PrivateKeyFile);
        return (token, TokenSignature.Sign(key, token));
    }

    private bool Trust(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(certificate));
    }

    private static async Task<MqttPacket?> ReadAsync(MqttChannel channel)
    {
        using var cts = new CancellationTokenSource(Wait);
        try { return await channel.ReadPacketAsync(cts.Token); }
        catch (Exception e) when (e is IOException or WebSocketException) { return null; }
    }

    private string Rules() => string.Join(" | ", _log.Entries.Select(e => e.Rule));

    [Fact]
    public async Task RawMqttWithAlpn()
    {
        var (token, signature) = Sign(_init.ClientId);
        using var tcp = new TcpClient();
        using var cts = new CancellationTokenSource(Wait);
        await tcp.ConnectAsync("127.0.0.1", _server.Ports[0], cts.Token);
        await using var ssl = new SslStream(tcp.GetStream(), false, (_, c, _, e) => Trust(c, e));
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost", ApplicationProtocols = [new SslApplicationProtocol("mqtt")] }, cts.Token);
        var channel = new MqttChannel(ssl);
        string username = $"device?x-amz-customauthorizer-name={_init.AuthorizerName}&x-amz-customauthorizer-signature={Uri.EscapeDataString(signature)}&{_init.TokenKeyName}={token}";
        await channel.WritePacketAsync(new ConnectPacket { ClientId = _init.ClientId, Username = username, ProtocolVersion = MqttProtocolVersion.V311, KeepAliveSeconds = 60, CleanSession = true }, cts.Token);
        Assert.True(await ReadAsync(channel) is ConnAckPacket { ReasonCode: 0 }, Rules());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task MqttOverWebSocketsWithUpgradeCredentials(bool inHeaders)
    {
        var (token, signature) = Sign(_init.ClientId);
        using var ws = new ClientWebSocket();
        ws.Options.AddSubProtocol("mqtt");
        ws.Options.RemoteCertificateValidationCallback = (_, c, _, e) => Trust(c, e);
        string query = "";
        if (inHeaders)
        {
            ws.Options.SetRequestHeader("x-amz-customauthorizer-name", _init.AuthorizerName);
            ws.Options.SetRequestHeader("x-amz-customauthorizer-signature", signature);
            ws.Options.SetRequestHeader(_init.TokenKeyName, token);
        }
        else
        {
            query = $"?x-amz-customauthorizer-name={_init.AuthorizerName}&x-amz-customauthorizer-signature={Uri.EscapeDataString(signature)}&{_init.TokenKeyName}={token}";
        }

        using var cts = new CancellationTokenSource(Wait);
        await ws.ConnectAsync(new Uri($"wss://localhost:{_server.Ports[0]}/mqtt{query}"), cts.Token);
        var channel = new MqttChannel(WebSocketStream.Create(ws, WebSocketMessageType.Binary, ownsWebSocket: false));
        await channel.WritePacketAsync(new ConnectPacket { ClientId = _init.ClientId, ProtocolVersion = MqttProtocolVersion.V311, KeepAliveSeconds = 60, CleanSession = true }, cts.Token);
        Assert.True(await ReadAsync(channel) is ConnAckPacket { ReasonCode: 0 }, Rules());
        await channel.WritePacketAsync(new PublishPacket { Topic = _init.Topic, Payload = new byte[] { 1 }, QoS = MqttQos.AtLeastOnce, PacketId = 3 }, cts.Token);
        Assert.IsType<PubAckPacket>(await ReadAsync(channel));
    }

    [Fact]
    public async Task HttpsPublish()
    {
        var (token, signature) = Sign(_init.ClientId);
        using var tcp = new TcpClient();
        using var cts = new CancellationTokenSource(Wait);
        await tcp.ConnectAsync("127.0.0.1", _server.Ports[0], cts.Token);
        await using var ssl = new SslStream(tcp.GetStream(), false, (_, c, _, e) => Trust(c, e));
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }, cts.Token);
        const string body = "{\"t\":1}";
        string request = $"POST /topics/{_init.Topic}?qos=1 HTTP/1.1\r\nHost: localhost\r\nContent-Length: {body.Length}\r\n" +
            $"x-amz-customauthorizer-name: {_init.AuthorizerName}\r\nx-amz-customauthorizer-signature: {signature}\r\n{_init.TokenKeyName}: {token}\r\n\r\n{body}";
        await ssl.WriteAsync(Encoding.ASCII.GetBytes(request), cts.Token);
        using var reader = new StreamReader(ssl);
        string response = await reader.ReadToEndAsync(cts.Token);
        Assert.True(response.StartsWith("HTTP/1.1 200", StringComparison.Ordinal), response.Split('\n')[0] + " " + Rules());
    }
}
