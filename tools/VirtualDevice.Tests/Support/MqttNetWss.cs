using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.AspNetCore;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace AwsIotDevice.VirtualDevice.Tests.Support;

/// <summary>What one WebSocket upgrade request to /mqtt carried, as the server saw it.</summary>
internal sealed record UpgradeSeen(string? HostHeader, string Alpn, string Path, string QueryString, IReadOnlyDictionary<string, string> Headers, IReadOnlyDictionary<string, string> Query);

/// <summary>
/// A third-party MQTT-over-WebSocket server on 127.0.0.1: MQTTnet 5's broker (MQTTnet.AspNetCore) at wss://localhost:PORT/mqtt
/// on Kestrel with TLS (HTTP/1.1, a certificate from a test CA), nothing written here but the wiring. A middleware in front
/// of the MQTT endpoint records what each upgrade request carried (SNI, the negotiated ALPN, headers, query); the broker
/// records each CONNECT and PUBLISH and may refuse connections. Stopped (bounded) on dispose.
/// </summary>
internal sealed class MqttNetWss : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MqttNetWss(WebApplication app, int port, ConcurrentQueue<string?> serverNames)
    {
        _app = app;
        Port = port;
        ServerNames = serverNames;
    }

    public int Port { get; }

    /// <summary>The SNI of every TLS handshake (null when the client sent none), from Kestrel's certificate selector.</summary>
    public ConcurrentQueue<string?> ServerNames { get; }

    public ConcurrentQueue<UpgradeSeen> Upgrades { get; } = new();

    /// <summary>(client id, user name) of every CONNECT the broker validated.</summary>
    public ConcurrentQueue<(string ClientId, string? UserName, MqttProtocolVersion Version)> Connects { get; } = new();

    /// <summary>(client id, topic, payload) of every PUBLISH the broker received.</summary>
    public ConcurrentQueue<(string ClientId, string Topic, string Payload)> Published { get; } = new();

    /// <summary>The CONNACK reason for each CONNECT (null: accept).</summary>
    public Func<ValidatingConnectionEventArgs, MqttConnectReasonCode?>? Validate { get; set; }

    public static async Task<MqttNetWss> StartAsync(X509Certificate2 certificate)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production", Args = [] });
        builder.Logging.ClearProviders();
        var serverNames = new ConcurrentQueue<string?>();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            listen.UseHttps(https => https.ServerCertificateSelector = (_, name) =>
            {
                serverNames.Enqueue(name);
                return certificate;
            });
        }));
        builder.Services.AddHostedMqttServer(options => options.WithoutDefaultEndpoint());
        builder.Services.AddMqttConnectionHandler();
        builder.Services.AddConnections();
        WebApplication app = builder.Build();
        MqttNetWss? self = null;
        app.Use(async (context, next) =>
        {
            if (context.Request.Path == "/mqtt")
            {
                var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
                var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
                ReadOnlyMemory<byte> alpn = context.Features.Get<ITlsApplicationProtocolFeature>()?.ApplicationProtocol ?? ReadOnlyMemory<byte>.Empty;
                self!.Upgrades.Enqueue(new UpgradeSeen(context.Request.Host.Value, Encoding.ASCII.GetString(alpn.Span),
                    context.Request.Path, context.Request.QueryString.Value ?? string.Empty, headers, query));
            }

            await next(context);
        });
        app.MapMqtt("/mqtt");
        app.UseMqttServer(server =>
        {
            server.ValidatingConnectionAsync += e =>
            {
                self!.Connects.Enqueue((e.ClientId, e.UserName, e.ProtocolVersion));
                if (self.Validate?.Invoke(e) is { } refusal)
                {
                    e.ReasonCode = refusal;
                }

                return Task.CompletedTask;
            };
            server.InterceptingPublishAsync += e =>
            {
                self!.Published.Enqueue((e.ClientId, e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload)));
                return Task.CompletedTask;
            };
        });

        using var start = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await app.StartAsync(start.Token);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        self = new MqttNetWss(app, new Uri(address).Port, serverNames);
        return self;
    }

    /// <summary>An MQTTnet client connected over wss://localhost:PORT/mqtt, trusting only <paramref name="pki"/>'s CA.</summary>
    public async Task<IMqttClient> ConnectClientAsync(TestPki pki, string clientId, CancellationToken ct)
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        MqttClientOptions options = new MqttClientOptionsBuilder()
            .WithWebSocketServer(ws => ws.WithUri($"wss://localhost:{Port}/mqtt"))
            .WithTlsOptions(tls => tls.UseTls().WithCertificateValidationHandler(e => IssuedBy(pki, e.Certificate)))
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();
        await client.ConnectAsync(options, ct);
        return client;
    }

    private static bool IssuedBy(TestPki pki, X509Certificate? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(X509CertificateLoader.LoadCertificate(pki.Ca.RawData));
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _app.StopAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await _app.DisposeAsync();
    }
}
