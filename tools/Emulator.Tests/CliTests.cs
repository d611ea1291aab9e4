using System.CommandLine;
using System.Text.Json;
using AwsIotDevice.Emulator.Config;
using AwsIotDevice.Emulator.Server;
using AwsIotDevice.Emulator.Init;
using AwsIotDevice.Emulator.Logging;
using AwsIotDevice.CustomAuthMqttClient;
using AwsIotDevice.Emulator.Tests.Support;
using MQTTnet;

namespace AwsIotDevice.Emulator.Tests;

public class CliTests
{
    private static (int Code, string Out, string Err) Invoke(params string[] args)
    {
        var root = new RootCommand { AwsIotDevice.Iotctl.Commands.EmulatorCommands.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        int code = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task InitJsonThenRunAcceptsTheDemoDevice()
    {
        string dir = Directory.CreateTempSubdirectory("emu-init").FullName;
        try
        {
            var (code, output, error) = Invoke("emulator", "init", "--dir", dir, "--json", "--port", "0", "--host", "xyz987-ats.iot.eu-west-1.amazonaws.com");
            Assert.True(code == 0, error);
            using var doc = JsonDocument.Parse(output);
            var r = doc.RootElement;
            foreach (string key in new[] { "connectHost", "sni", "port", "caFile", "authorizerName", "tokenKeyName", "privateKeyFile", "clientId", "topic", "token", "signature" })
                Assert.True(r.TryGetProperty(key, out _), key);
            Assert.Equal("xyz987-ats.iot.eu-west-1.amazonaws.com", r.GetProperty("sni").GetString());
            Assert.Equal("localhost", r.GetProperty("connectHost").GetString());

            if (!OperatingSystem.IsWindows())
            {
                foreach (string secret in new[] { "ca.key", "server.key", "demo-device.json", Path.Combine("authorizer", "private.pem") })
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, secret)));
            }

            var loaded = ConfigLoader.Load(Path.Combine(dir, "emulator.json"));
            var log = new MemoryLogSink();
            await using var host = await EmulatorServer.StartAsync(loaded, new EmulatorServerOptions { Log = log });
            string username = TestConfigs.Username(r.GetProperty("token").GetString()!, r.GetProperty("signature").GetString()!, r.GetProperty("authorizerName").GetString()!);
            string clientId = r.GetProperty("clientId").GetString()!;

            // A real client (MQTTnet) does what the JSON says: connect to connectHost, send SNI (and ALPN mqtt), trust
            // only the generated CA; then the same through the domain configuration, which needs no ALPN.
            var trust = CustomAuthMqttOptions.LoadTrust(r.GetProperty("caFile").GetString()!);
            foreach (var (sni, alpn) in new[] { (r.GetProperty("sni").GetString()!, (string[])["mqtt"]), (r.GetProperty("domainName").GetString()!, []) })
            {
                var endpoint = new CustomAuthEndpoint { ConnectHost = r.GetProperty("connectHost").GetString()!, Port = host.Ports[0], ServerName = sni, ApplicationProtocols = alpn, Trust = trust };
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                using var client = new MqttClientFactory().CreateMqttClient();
                var connected = await client.ConnectAsync(CustomAuthMqttOptions.Create(endpoint, clientId, username), cts.Token);
                Assert.Equal(MqttClientConnectResultCode.Success, connected.ResultCode);
                var published = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(r.GetProperty("topic").GetString()!).WithPayload("{}")
                    .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build(), cts.Token);
                Assert.True(published.IsSuccess, published.ReasonCode.ToString());
                await client.DisconnectAsync(new MqttClientDisconnectOptions(), cts.Token);
                await Task.Delay(1100); // AWS allows 1 CONNECT/s per client id: space the second one, this is not a wait for an event
            }
            Assert.Equal(2, log.Entries.Count(e => e.Event == LogEvents.ConnectOk));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void InitWithoutJsonNeverPrintsTheSecrets()
    {
        string dir = Directory.CreateTempSubdirectory("emu-init").FullName;
        try
        {
            var (code, output, _) = Invoke("emulator", "init", "--dir", dir);
            Assert.Equal(0, code);
            using var demo = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "demo-device.json")));
            Assert.DoesNotContain(demo.RootElement.GetProperty("token").GetString()!, output);
            Assert.DoesNotContain(demo.RootElement.GetProperty("signature").GetString()!, output);
            Assert.Contains("emulator run --config", output);

            var again = Invoke("emulator", "init", "--dir", dir);
            Assert.Equal(2, again.Code);
            Assert.Contains("--force", again.Err);
            Assert.Equal(0, Invoke("emulator", "init", "--dir", dir, "--force").Code);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public async Task InitWithLocalhostAsTheAtsHostLoadsAndServes()
    {
        string dir = Directory.CreateTempSubdirectory("emu-init").FullName;
        try
        {
            var init = EmulatorInit.Run(new InitOptions { Directory = dir, HostName = "localhost", Port = 0 });
            var loaded = ConfigLoader.Load(init.ConfigFile);
            var log = new MemoryLogSink();
            await using var host = await EmulatorServer.StartAsync(loaded, new EmulatorServerOptions { Log = log });
            Assert.Equal("localhost", loaded.Config.Endpoint.AtsHostName);
            Assert.Single(host.Ports);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void InitRejectsBadHost()
    {
        var (code, _, err) = Invoke("emulator", "init", "--dir", Path.Combine(Path.GetTempPath(), "never-created-" + Guid.NewGuid()), "--host", "bad host");
        Assert.Equal(2, code);
        Assert.Contains("--host", err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public void RunWithMissingConfigIsOneLine()
    {
        var (code, _, err) = Invoke("emulator", "run", "--config", "/nonexistent/emulator.json");
        Assert.Equal(2, code);
        Assert.Contains("emulator init", err);
        Assert.Single(err.Trim().Split('\n'));
    }

    [Fact]
    public async Task RunServesUntilCancelled()
    {
        string dir = Directory.CreateTempSubdirectory("emu-run").FullName;
        try
        {
            EmulatorInit.Run(new InitOptions { Directory = dir, Port = 0 });
            var sw = new StringWriter();
            var output = TextWriter.Synchronized(sw);
            string Text() { lock (output) return sw.ToString(); }
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var run = EmulatorCli.RunAsync(Path.Combine(dir, "emulator.json"), output, TextWriter.Null, cts.Token);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!Text().Contains("\"STARTED\"") && DateTime.UtcNow < deadline) await Task.Delay(50);
            Assert.Contains("\"STARTED\"", Text());
            cts.Cancel();
            Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Contains("\"STOPPED\"", Text());
        }
        finally { Directory.Delete(dir, true); }
    }
}
