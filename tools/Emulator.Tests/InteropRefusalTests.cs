using System.Security.Cryptography;
using AwsIotDevice.CustomAuth.Signing;
using AwsIotDevice.CustomAuth.Tokens;
using AwsIotDevice.Emulator.Config;
using AwsIotDevice.Emulator.Server;
using AwsIotDevice.Emulator.Init;
using AwsIotDevice.Emulator.Logging;
using AwsIotDevice.Emulator.Tests.Support;

namespace AwsIotDevice.Emulator.Tests;

/// <summary>
/// Real third-party clients (mosquitto_pub, Python paho-mqtt) that the emulator must refuse, each checked twice: the client
/// fails, and the emulator's structured log says why (reason + rule). A fresh emulator from <c>init</c> per test on 127.0.0.1.
/// </summary>
public sealed class InteropRefusalTests : IAsyncLifetime
{
    private static readonly TimeSpan LogWait = TimeSpan.FromSeconds(10);
    private const string Mosquitto = "/usr/bin/mosquitto_pub";
    private const string Python = "/usr/bin/python3";

    // Connects (optionally with a forced SNI) and reports the CONNACK code; exit 0 only on CONNACK 0.
    private const string PahoConnect = """
import os, ssl, sys, paho.mqtt.client as mqtt
client_id, cafile, username, port = sys.argv[1:5]
state = {"rc": None}
def on_connect(c, u, f, rc):
    state["rc"] = rc
    c.disconnect()
c = mqtt.Client(client_id=client_id, protocol=mqtt.MQTTv311)
ctx = ssl.create_default_context(cafile=cafile)
ctx.check_hostname = False
ctx.set_alpn_protocols(["mqtt"])
sni = os.environ.get("EMU_SNI")
if sni:
    wrap = ctx.wrap_socket
    ctx.wrap_socket = lambda sock, **kw: wrap(sock, **dict(kw, server_hostname=sni))
c.tls_set_context(ctx)
c.username_pw_set(username)
c.on_connect = on_connect
try:
    c.connect("localhost", int(port), keepalive=30)
    for _ in range(50):
        if c.loop(timeout=0.1) != 0 or state["rc"] is not None:
            break
except Exception as e:
    print("error=%s" % type(e).__name__)
print("rc=%s" % state["rc"])
sys.exit(0 if state["rc"] == 0 else 1)
""";

    private string _dir = "";
    private EmulatorServer? _host;
    private readonly MemoryLogSink _log = new();
    private InitResult _init = null!;
    private string _paho = "";

    public async Task InitializeAsync()
    {
        _dir = Directory.CreateTempSubdirectory("emu-refusal").FullName;
        _init = EmulatorInit.Run(new InitOptions { Directory = _dir, Port = 0 });
        _paho = Path.Combine(_dir, "paho_connect.py");
        await File.WriteAllTextAsync(_paho, PahoConnect);
        var config = ConfigLoader.Parse(await File.ReadAllTextAsync(_init.ConfigFile));
        config.Limits.ConnectIntervalMilliseconds = 0;
        Assert.True(config.Strictness.PlusIsSpace, "init must write a strict config (plusIsSpace) for the '+' test to mean anything");
        _host = await EmulatorServer.StartAsync(ConfigLoader.Load(config, _dir), new EmulatorServerOptions { Log = _log });
    }

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        Directory.Delete(_dir, true);
    }

    private int Port => _host!.Ports[0];

    private string Username(string token, string signature) =>
        $"demo?x-amz-customauthorizer-name={_init.AuthorizerName}&x-amz-customauthorizer-signature={Uri.EscapeDataString(signature)}&{_init.TokenKeyName}={Uri.EscapeDataString(token)}";

    private string DemoUsername => Username(_init.Token, _init.Signature);

    private string[] MosquittoArgs(string host, string clientId, string username, params string[] extra) =>
    [
        "-h", host, "-p", Port.ToString(), "--cafile", _init.CaFile, "--tls-alpn", "mqtt",
        "-i", clientId, "-u", username, "-V", "mqttv311", .. extra,
    ];

    private string SignWithInitKey(string token)
    {
        using RSA key = RsaKeyFile.LoadPrivateKey(_init.PrivateKeyFile);
        return TokenSignature.Sign(key, token);
    }

    private async Task<LogEntry> RefusedAsync() => await _log.WaitForAsync(e => e.Event == LogEvents.Refused, LogWait);

    private void NoConnectOk() => Assert.DoesNotContain(_log.Entries, e => e.Event == LogEvents.ConnectOk);

    [Fact]
    public async Task MosquittoToAnIpAddressIsRefusedBySni()
    {
        // The server certificate names 127.0.0.1, and --insecure skips the host check anyway: only SNI can refuse this.
        var (code, _, _) = await ExternalProcess.RunAsync(Mosquitto,
            [.. MosquittoArgs("127.0.0.1", _init.ClientId, DemoUsername, "-t", _init.Topic, "-m", "x"), "--insecure"]);
        Assert.NotEqual(0, code);
        var e = await RefusedAsync();
        Assert.Equal(LogReasons.ClientError, e.Reason);
        Assert.Contains("SNI", e.Rule);
        Assert.Matches("no SNI|SNI is an IP address", e.Rule!);
        NoConnectOk();
    }

    [Fact]
    public async Task PahoWithAnUnknownSniIsRefusedBySni()
    {
        var (code, output, err) = await ExternalProcess.RunAsync(Python, [_paho, _init.ClientId, _init.CaFile, DemoUsername, Port.ToString()],
            env: new Dictionary<string, string> { ["EMU_SNI"] = "not-configured.example.test" });
        Assert.True(code != 0, output + err);
        Assert.DoesNotContain("rc=0", output);
        var e = await RefusedAsync();
        Assert.Equal(LogReasons.ClientError, e.Reason);
        Assert.Contains("unknown SNI 'not-configured.example.test'", e.Rule);
        NoConnectOk();
    }

    [Fact]
    public async Task MosquittoWithARawPlusInTheSignatureIsRefusedInStrictMode()
    {
        // Tokens differ by expiry second; about 3 in 4 base64 signatures of 344 chars contain a '+', so this ends quickly.
        string token = "", signature = "";
        for (int i = 0; i < 200 && !signature.Contains('+'); i++)
        {
            token = AuthToken.Create(_init.ClientId, DateTimeOffset.UtcNow.AddDays(1).AddSeconds(i)).Encode();
            signature = SignWithInitKey(token);
        }
        Assert.Contains('+', signature);
        string rawPlus = Username(token, signature).Replace("%2B", "+", StringComparison.Ordinal);
        Assert.Contains("signature=", rawPlus);

        var (code, _, _) = await ExternalProcess.RunAsync(Mosquitto, MosquittoArgs("localhost", _init.ClientId, rawPlus, "-t", _init.Topic, "-m", "x"));
        Assert.NotEqual(0, code);
        var e = await RefusedAsync();
        Assert.Equal(LogReasons.AuthorizationFailure, e.Reason);
        Assert.Contains("unencoded '+' in signature", e.Rule);
        Assert.Equal("false", e.Details!["authorizerInvoked"]);

        // Control: the same token and signature, properly encoded, connect; so the '+' alone made the difference.
        var (ok, _, okErr) = await ExternalProcess.RunAsync(Mosquitto, MosquittoArgs("localhost", _init.ClientId, Username(token, signature), "-t", _init.Topic, "-m", "x"));
        Assert.True(ok == 0, okErr);
    }

    [Fact]
    public async Task MosquittoWithAnExpiredValidlySignedTokenIsRefused()
    {
        string token = AuthToken.Create(_init.ClientId, DateTimeOffset.UtcNow.AddHours(-1)).Encode();
        var (code, _, _) = await ExternalProcess.RunAsync(Mosquitto, MosquittoArgs("localhost", _init.ClientId, Username(token, SignWithInitKey(token)), "-t", _init.Topic, "-m", "x"));
        Assert.NotEqual(0, code);
        var e = await RefusedAsync();
        Assert.Equal(LogReasons.AuthorizationFailure, e.Reason);
        Assert.Contains("token expired at", e.Rule);
        Assert.Equal("true", e.Details!["authorizerInvoked"]);
    }

    [Fact]
    public async Task MosquittoWithAClientIdOtherThanTheTokensIsRefused()
    {
        var (code, _, _) = await ExternalProcess.RunAsync(Mosquitto, MosquittoArgs("localhost", "someone-else", DemoUsername, "-t", _init.Topic, "-m", "x"));
        Assert.NotEqual(0, code);
        var e = await RefusedAsync();
        Assert.Equal(LogReasons.AuthorizationFailure, e.Reason);
        Assert.Equal("someone-else", e.ClientId);
        Assert.Contains($"token was issued for client id '{_init.ClientId}'", e.Rule);
    }

    [Fact]
    public async Task PahoWithAClientIdOtherThanTheTokensIsRefused()
    {
        var (code, output, err) = await ExternalProcess.RunAsync(Python, [_paho, "someone-else", _init.CaFile, DemoUsername, Port.ToString()]);
        Assert.True(code != 0, output + err);
        Assert.DoesNotContain("rc=0", output);
        var e = await RefusedAsync();
        Assert.Equal(LogReasons.AuthorizationFailure, e.Reason);
        Assert.Contains("token was issued for client id", e.Rule);
    }

    [Fact]
    public async Task MosquittoPublishOutsideThePolicyIsClosedWithForbiddenAccess()
    {
        var (code, _, err) = await ExternalProcess.RunAsync(Mosquitto, MosquittoArgs("localhost", _init.ClientId, DemoUsername, "-t", "someone-else/telemetry", "-m", "x", "-q", "1"), seconds: 20);
        Assert.True(code != 0, "mosquitto_pub must report the closed connection; stderr: " + err);
        // The connection itself was allowed; the PUBLISH closed it (MQTT 3.1.1).
        await _log.WaitForAsync(e => e.Event == LogEvents.ConnectOk, LogWait);
        var d = await _log.WaitForAsync(e => e.Event == LogEvents.Disconnect, LogWait);
        Assert.Equal(LogReasons.ForbiddenAccess, d.Reason);
        Assert.Contains("unauthorized PUBLISH", d.Rule);
    }

    [Fact]
    public async Task MosquittoQos2PublishIsClosedAsAClientError()
    {
        var (code, _, err) = await ExternalProcess.RunAsync(Mosquitto, MosquittoArgs("localhost", _init.ClientId, DemoUsername, "-t", _init.Topic, "-m", "x", "-q", "2"), seconds: 20);
        Assert.True(code != 0, "mosquitto_pub must report the closed connection; stderr: " + err);
        await _log.WaitForAsync(e => e.Event == LogEvents.ConnectOk, LogWait);
        var d = await _log.WaitForAsync(e => e.Event == LogEvents.Disconnect, LogWait);
        Assert.Equal(LogReasons.ClientError, d.Reason);
        Assert.Contains("PUBLISH with QoS 2", d.Rule);
    }
}
