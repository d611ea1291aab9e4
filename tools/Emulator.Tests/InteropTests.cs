using AwsIotDevice.Emulator.Config;
using AwsIotDevice.Emulator.Server;
using AwsIotDevice.Emulator.Init;
using AwsIotDevice.Emulator.Logging;
using AwsIotDevice.Emulator.Tests.Support;

namespace AwsIotDevice.Emulator.Tests;

/// <summary>
/// Real third-party clients against the in-process emulator: mosquitto_pub/mosquitto_sub (mosquitto-clients) and
/// Python paho-mqtt (python3-paho-mqtt, /usr/bin/python3). CI installs both (.ci/install); a missing binary fails the
/// tests with an install hint. Every process is bounded by a timeout and killed after it.
/// </summary>
public sealed class InteropTests : IAsyncLifetime
{
    private string _dir = "";
    private EmulatorServer? _host;
    private readonly MemoryLogSink _log = new();
    private InitResult _init = null!;
    private string _pahoPublish = "";

    private const string LabAuthorizer = """
import json, sys
event = json.load(sys.stdin)
client = event.get("protocolData", {}).get("mqtt", {}).get("clientId", "")
ok = client.startswith("lab-") and event.get("signatureVerified") is False
policy = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iot:*", "Resource": "*"}]})
print(json.dumps({"isAuthenticated": ok, "principalId": "lab", "policyDocuments": [policy] if ok else [],
                  "disconnectAfterInSeconds": 3600, "refreshAfterInSeconds": 300}))
""";

    private const string PahoPublish = """
import os, ssl, sys, paho.mqtt.client as mqtt
client_id, cafile, username, port, topic, payload = sys.argv[1:7]
state = {"rc": None, "published": False}
def on_connect(c, u, f, rc):
    state["rc"] = rc
    if rc == 0:
        c.publish(topic, payload, qos=1)
    else:
        c.disconnect()
def on_publish(c, u, mid):
    state["published"] = True
    c.disconnect()
transport = os.environ.get("EMU_TRANSPORT", "tcp")
c = mqtt.Client(client_id=client_id, protocol=mqtt.MQTTv311, transport=transport)
if transport == "websockets":
    c.ws_set_options(path="/mqtt")
ctx = ssl.create_default_context(cafile=cafile)
if os.environ.get("EMU_ALPN", "mqtt"):
    ctx.set_alpn_protocols([os.environ.get("EMU_ALPN", "mqtt")])
sni = os.environ.get("EMU_SNI")
if sni:
    wrap = ctx.wrap_socket
    ctx.wrap_socket = lambda sock, **kw: wrap(sock, **dict(kw, server_hostname=sni))
c.tls_set_context(ctx)
c.username_pw_set(username)
c.on_connect = on_connect
c.on_publish = on_publish
try:
    c.connect("localhost", int(port), keepalive=30)
    for _ in range(100):
        if c.loop(timeout=0.1) != 0:
            break
        if state["published"] or (state["rc"] not in (None, 0)):
            break
except Exception as e:
    print("error=%s" % type(e).__name__)
print("rc=%s published=%s" % (state["rc"], state["published"]))
sys.exit(0 if state["rc"] == 0 and state["published"] else 1)
""";


    public async Task InitializeAsync()
    {
        _dir = Directory.CreateTempSubdirectory("emu-interop").FullName;
        _init = EmulatorInit.Run(new InitOptions { Directory = _dir, Port = 0 });
        string authorizerScript = Path.Combine(_dir, "lab_authorizer.py");
        await File.WriteAllTextAsync(authorizerScript, LabAuthorizer);
        _pahoPublish = Path.Combine(_dir, "paho_publish.py");
        await File.WriteAllTextAsync(_pahoPublish, PahoPublish);
        var config = ConfigLoader.Parse(await File.ReadAllTextAsync(_init.ConfigFile));
        config.Limits.ConnectIntervalMilliseconds = 0; // tests reconnect the demo client id quickly
        config.Authorizers.Add(new AuthorizerConfig
        {
            Name = "LabAuthorizer", SigningDisabled = true, Kind = "command",
            Command = new CommandAuthorizerConfig { Path = "/usr/bin/python3", Args = [authorizerScript] },
        });
        var loaded = ConfigLoader.Load(config, _dir);
        _host = await EmulatorServer.StartAsync(loaded, new EmulatorServerOptions { Log = _log });
    }

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        Directory.Delete(_dir, true);
    }

    private int Port => _host!.Ports[0];

    private string Username(string? signature = null) =>
        $"demo?x-amz-customauthorizer-name={_init.AuthorizerName}&x-amz-customauthorizer-signature={Uri.EscapeDataString(signature ?? _init.Signature)}&{_init.TokenKeyName}={Uri.EscapeDataString(_init.Token)}";

    private IEnumerable<string> MosquittoArgs(string clientId, string username, string version) =>
    [
        "-h", "localhost", "-p", Port.ToString(), "--cafile", _init.CaFile, "--tls-alpn", "mqtt",
        "-i", clientId, "-u", username, "-V", version,
    ];

    [Theory]
    [InlineData("mqttv311")]
    [InlineData("mqttv5")]
    public async Task MosquittoPubConnectsAndPublishes(string version)
    {
        var (code, _, err) = await ExternalProcess.RunAsync("/usr/bin/mosquitto_pub", [.. MosquittoArgs(_init.ClientId, Username(), version), "-t", _init.Topic, "-m", "{\"t\":21.5}", "-q", "1"]);
        Assert.True(code == 0, err);
        var ok = await _log.WaitForAsync(e => e.Event == LogEvents.ConnectOk, TimeSpan.FromSeconds(10));
        Assert.Equal(_init.ClientId, ok.ClientId);
        Assert.Equal("mqtt", ok.Alpn);
    }

    [Fact]
    public async Task MosquittoBadSignatureIsRefusedAndExplained()
    {
        string bad = "A" + _init.Signature[1..];
        if (bad == _init.Signature) bad = "B" + _init.Signature[1..];
        var (code, _, _) = await ExternalProcess.RunAsync("/usr/bin/mosquitto_pub", [.. MosquittoArgs(_init.ClientId, Username(bad), "mqttv311"), "-t", _init.Topic, "-m", "x"]);
        Assert.NotEqual(0, code);
        var e = await _log.WaitForAsync(x => x.Event == LogEvents.Refused, TimeSpan.FromSeconds(10));
        Assert.Equal(LogReasons.AuthorizationFailure, e.Reason);
        Assert.Equal("false", e.Details!["authorizerInvoked"]);
    }

    [Fact]
    public async Task MosquittoWithoutAlpnIsRefusedAsHttps()
    {
        var (code, _, _) = await ExternalProcess.RunAsync("/usr/bin/mosquitto_pub",
            ["-h", "localhost", "-p", Port.ToString(), "--cafile", _init.CaFile, "-i", _init.ClientId, "-u", Username(), "-t", _init.Topic, "-m", "x"]);
        Assert.NotEqual(0, code);
        var e = await _log.WaitForAsync(x => x.Event == LogEvents.Refused, TimeSpan.FromSeconds(10));
        Assert.Contains("no ALPN: AWS treats this as HTTPS", e.Rule);
    }

    [Fact]
    public async Task MosquittoSubReceivesWhatPahoPublishesThroughACommandAuthorizer()
    {
        const string user = "lab?x-amz-customauthorizer-name=LabAuthorizer&SDK=Python&Version=1.6";
        var sub = ExternalProcess.RunAsync("/usr/bin/mosquitto_sub", [.. MosquittoArgs("lab-sub", user, "mqttv311"), "-t", "lab/#", "-C", "1", "-W", "15", "-q", "1"]);
        await _log.WaitForAsync(e => e.Event == LogEvents.ConnectOk && e.ClientId == "lab-sub", TimeSpan.FromSeconds(15));
        // Publish only once the broker holds the subscription (mosquitto_sub subscribes right after CONNACK).
        var subscribed = System.Diagnostics.Stopwatch.StartNew();
        while (!_host!.Broker.Sessions.Any(s => s.ClientId == "lab-sub" && s.SubscriptionsSnapshot().Any(kv => kv.Key == "lab/#")))
        {
            Assert.True(subscribed.Elapsed < TimeSpan.FromSeconds(15), "mosquitto_sub's SUBSCRIBE to lab/# never reached the broker");
            await Task.Delay(20); // polling the broker's state, bounded above
        }

        var (code, output, err) = await ExternalProcess.RunAsync("/usr/bin/python3", [_pahoPublish, "lab-pub", _init.CaFile, user, Port.ToString(), "lab/temp", "21.5"]);
        Assert.True(code == 0, output + err);
        var (scode, sout, serr) = await sub;
        Assert.True(scode == 0, serr);
        Assert.Equal("21.5", sout.Trim());

        // The same authorizer refuses client ids outside lab-*: paho never gets CONNACK 0.
        var (rcode, rout, _) = await ExternalProcess.RunAsync("/usr/bin/python3", [_pahoPublish, "intruder", _init.CaFile, user, Port.ToString(), "lab/temp", "x"]);
        Assert.NotEqual(0, rcode);
        Assert.DoesNotContain("rc=0", rout);
        var refused = await _log.WaitForAsync(e => e.Event == LogEvents.Refused && e.ClientId == "intruder", TimeSpan.FromSeconds(10));
        Assert.Contains("isAuthenticated: false", refused.Rule);
        Assert.Equal("true", refused.Details!["authorizerInvoked"]);
    }

    [Fact]
    public async Task PahoWithTheDemoCredentialConnects()
    {
        var (code, output, err) = await ExternalProcess.RunAsync("/usr/bin/python3", [_pahoPublish, _init.ClientId, _init.CaFile, Username(), Port.ToString(), _init.Topic, "{}"]);
        Assert.True(code == 0, output + err);
        Assert.Contains("rc=0", output);
    }

    [Fact]
    public async Task PahoWithoutAlpnReachesCustomAuthOnlyThroughTheDomainConfiguration()
    {
        // Like stock nanoFramework: no ALPN. The domain configuration (CUSTOM_AUTH + SECURE_MQTT) selects custom auth by SNI.
        var noAlpnDomain = new Dictionary<string, string> { ["EMU_ALPN"] = "", ["EMU_SNI"] = _init.DomainName };
        var (code, output, err) = await ExternalProcess.RunAsync("/usr/bin/python3", [_pahoPublish, _init.ClientId, _init.CaFile, Username(), Port.ToString(), _init.Topic, "{}"], env: noAlpnDomain);
        Assert.True(code == 0, output + err);
        var ok = await _log.WaitForAsync(e => e.Event == LogEvents.ConnectOk, TimeSpan.FromSeconds(10));
        Assert.Equal(_init.DomainName, ok.Sni);

        // The same client on the default endpoint is treated as HTTPS and refused.
        var (code2, output2, _) = await ExternalProcess.RunAsync("/usr/bin/python3", [_pahoPublish, _init.ClientId, _init.CaFile, Username(), Port.ToString(), _init.Topic, "{}"],
            env: new Dictionary<string, string> { ["EMU_ALPN"] = "" });
        Assert.NotEqual(0, code2);
        Assert.DoesNotContain("rc=0", output2);
        var refused = await _log.WaitForAsync(e => e.Event == LogEvents.Refused, TimeSpan.FromSeconds(10));
        Assert.Contains("no ALPN: AWS treats this as HTTPS", refused.Rule);
    }

    [Fact]
    public async Task PahoOverWebSocketsConnectsAndPublishes()
    {
        var ws = new Dictionary<string, string> { ["EMU_ALPN"] = "", ["EMU_TRANSPORT"] = "websockets" };
        var (code, output, err) = await ExternalProcess.RunAsync("/usr/bin/python3", [_pahoPublish, _init.ClientId, _init.CaFile, Username(), Port.ToString(), _init.Topic, "{}"], env: ws);
        Assert.True(code == 0, output + err);
        var ok = await _log.WaitForAsync(e => e.Event == LogEvents.ConnectOk, TimeSpan.FromSeconds(10));
        Assert.Equal("websocket", ok.Details!["transport"]);
    }
}
