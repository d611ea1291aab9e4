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

namespace AwsIotDevice.LambdaAuthorizer.Tests;

/// <summary>
/// The configuration 'iotctl emulator init --authorizer-package ZIP' writes, run by the emulator: a correct device is
/// accepted on every protocol (MQTT with ALPN, MQTT over WebSockets with header credentials, HTTPS publish) by the
/// packaged function, and a wrong one is refused with the function's own reason in the log.
/// </summary>
public sealed class EmulatorWithPackageTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly MemoryLogSink _log = new();
    private InitResult _init = null!;
    private EmulatorServer _server = null!;
    private X509Certificate2 _ca = null!;

    public async Task InitializeAsync()
    {
        _init = EmulatorInit.Run(new InitOptions { Directory = PackageCache.TempDir(), Port = 0, AuthorizerPackage = PackageCache.File.Path });
        LoadedConfig config = ConfigLoader.Load(_init.ConfigFile);
        Assert.Equal("lambda", config.Config.Authorizers[0].Kind);
        _ca = X509CertificateLoader.LoadCertificateFromFile(_init.CaFile);
        _server = await EmulatorServer.StartAsync(config, new EmulatorServerOptions { Log = _log });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _ca.Dispose();
    }

    private (string Token, string Signature) Sign(string clientId)
    {
        string token = AuthToken.Create(clientId, DateTimeOffset.UtcNow.AddDays(1)).Encode();
        using var key = RsaKeyFile.LoadPrivateKey(_init.PrivateKeyFile);
        return (token, TokenSignature.Sign(key, token));
    }

    private bool Trust(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(certificate));
    }

    private async Task<(TcpClient Tcp, SslStream Ssl)> TlsAsync(string alpn)
    {
        var tcp = new TcpClient();
        using var cts = new CancellationTokenSource(Wait);
        await tcp.ConnectAsync("127.0.0.1", _server.Ports[0], cts.Token);
        var ssl = new SslStream(tcp.GetStream(), false, (_, cert, _, errors) => Trust(cert, errors));
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            ApplicationProtocols = [new SslApplicationProtocol(alpn)],
        }, cts.Token);
        return (tcp, ssl);
    }

    private static async Task<MqttPacket?> ReadAsync(MqttChannel channel)
    {
        using var cts = new CancellationTokenSource(Wait);
        try { return await channel.ReadPacketAsync(cts.Token); }
        catch (Exception e) when (e is IOException or WebSocketException) { return null; }
    }

    private async Task<ConnAckPacket?> MqttConnectAsync(string clientId, string tokenClientId)
    {
        var (token, signature) = Sign(tokenClientId);
        string username = Core.Auth.AuthUsername.Build("device", _init.AuthorizerName, signature, _init.TokenKeyName, token);
        var (tcp, ssl) = await TlsAsync("mqtt");
        using (tcp)
        await using (ssl)
        {
            var channel = new MqttChannel(ssl);
            using var cts = new CancellationTokenSource(Wait);
            await channel.WritePacketAsync(new ConnectPacket { ClientId = clientId, Username = username, ProtocolVersion = MqttProtocolVersion.V311, KeepAliveSeconds = 60, CleanSession = true }, cts.Token);
            return await ReadAsync(channel) as ConnAckPacket;
        }
    }

    [Fact]
    public async Task MqttDeviceIsAcceptedByThePackagedFunction_AndAnotherDevicesTokenIsRefusedWithItsReason()
    {
        ConnAckPacket? ack = await MqttConnectAsync("pkg-dev-1", "pkg-dev-1");
        Assert.True(ack is { ReasonCode: 0 }, string.Join(" | ", _log.Entries.Select(e => e.Rule)));
        LogEntry ok = await _log.WaitForAsync(e => e.Event == LogEvents.ConnectOk && e.ClientId == "pkg-dev-1", Wait);

        Assert.Null(await MqttConnectAsync("pkg-dev-2", "pkg-dev-1"));
        LogEntry refused = await _log.WaitForAsync(e => e.Event == LogEvents.Refused && e.ClientId == "pkg-dev-2", Wait);
        Assert.Contains("isAuthenticated: false", refused.Rule);
        Assert.Contains("lambda denied: token was issued for client id 'pkg-dev-1'", refused.Rule);
    }

    [Fact]
    public async Task WebSocketDeviceWithHeaderCredentialsIsAccepted()
    {
        var (token, signature) = Sign("pkg-wss");
        using var ws = new ClientWebSocket();
        ws.Options.AddSubProtocol("mqtt");
        ws.Options.RemoteCertificateValidationCallback = (_, cert, _, errors) => Trust(cert, errors);
        ws.Options.SetRequestHeader("x-amz-customauthorizer-name", _init.AuthorizerName);
        ws.Options.SetRequestHeader("x-amz-customauthorizer-signature", signature);
        ws.Options.SetRequestHeader(_init.TokenKeyName, token);
        using var cts = new CancellationTokenSource(Wait);
        await ws.ConnectAsync(new Uri($"wss://localhost:{_server.Ports[0]}/mqtt"), cts.Token);
        var channel = new MqttChannel(WebSocketStream.Create(ws, WebSocketMessageType.Binary, ownsWebSocket: false));
        await channel.WritePacketAsync(new ConnectPacket { ClientId = "pkg-wss", ProtocolVersion = MqttProtocolVersion.V311, KeepAliveSeconds = 60, CleanSession = true }, cts.Token);
        var ack = await ReadAsync(channel) as ConnAckPacket;
        Assert.True(ack is { ReasonCode: 0 }, string.Join(" | ", _log.Entries.Select(e => e.Rule)));
        await channel.WritePacketAsync(new PublishPacket { Topic = "devices/pkg-wss/telemetry", Payload = new byte[] { 1 }, QoS = MqttQos.AtLeastOnce, PacketId = 1 }, cts.Token);
        Assert.IsType<PubAckPacket>(await ReadAsync(channel));
    }

    [Fact]
    public async Task HttpsPublishIsAcceptedOnTheTokensOwnTopicOnly()
    {
        Assert.Equal(200, await PostAsync("/topics/devices/pkg-http/telemetry?qos=1", "pkg-http"));
        Assert.Equal(403, await PostAsync("/topics/devices/someone-else/telemetry?qos=1", "pkg-http"));
    }

    private async Task<int> PostAsync(string target, string clientId)
    {
        var (token, signature) = Sign(clientId);
        var (tcp, ssl) = await TlsAsync("http/1.1");
        using (tcp)
        await using (ssl)
        {
            const string body = "{\"t\":1}";
            string request = $"POST {target} HTTP/1.1\r\nHost: localhost\r\nContent-Length: {body.Length}\r\n" +
                $"x-amz-customauthorizer-name: {_init.AuthorizerName}\r\nx-amz-customauthorizer-signature: {signature}\r\n{_init.TokenKeyName}: {token}\r\n\r\n{body}";
            using var cts = new CancellationTokenSource(Wait);
            await ssl.WriteAsync(Encoding.ASCII.GetBytes(request), cts.Token);
            using var reader = new StreamReader(ssl);
            string response = await reader.ReadToEndAsync(cts.Token);
            return int.Parse(response.Split(' ')[1]);
        }
    }
}
