using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using AwsIotDevice.Emulator.Auth;
using AwsIotDevice.Emulator.Broker;
using AwsIotDevice.Emulator.Config;
using AwsIotDevice.Emulator.Logging;
using AwsIotDevice.Emulator.Tls;

namespace AwsIotDevice.Emulator.Server;

/// <summary>Options for <see cref="EmulatorServer.StartAsync"/>.</summary>
public sealed class EmulatorServerOptions
{
    /// <summary>Where log lines go (default: stdout as JSON lines).</summary>
    public ILogSink? Log { get; init; }

    /// <summary>Replaces the authorizer invoker (tests wrap it to count invocations); default runs reference/command/lambda authorizers (and the emulator ends Lambda environments when it stops).</summary>
    public IAuthorizerInvoker? Invoker { get; init; }
}

/// <summary>
/// The running emulator: TCP listeners on the configured address and ports, the TLS front door (SNI/ALPN rules)
/// and the custom-auth MQTT broker. Start with <see cref="StartAsync"/>; <see cref="DisposeAsync"/> stops
/// listening, closes every connection and waits for them.
/// <code>await using var emu = await EmulatorServer.StartAsync(loaded, new() { Log = sink }, ct); int port = emu.Ports[0];</code>
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly LoadedConfig _config;
    private readonly ILogSink _log;
    private readonly List<TcpListener> _listeners = [];
    private readonly List<Task> _acceptLoops = [];
    private readonly HashSet<Task> _connections = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly BrokerState _broker;
    private readonly ConnectAuthenticator _authenticator;
    private readonly SslStreamCertificateContext _certificateContext;
    private readonly Http.HttpsPublish _https;
    private readonly KindDispatchInvoker? _ownInvoker;
    private int _disposed;

    private EmulatorServer(LoadedConfig config, EmulatorServerOptions options)
    {
        _config = config;
        _log = options.Log ?? new TextWriterLogSink(Console.Out);
        IAuthorizerInvoker invoker = options.Invoker ?? (_ownInvoker = KindDispatchInvoker.For(config));
        _authenticator = new ConnectAuthenticator(config, invoker);
        _broker = new BrokerState(config.Config);
        _https = new Http.HttpsPublish(_broker, _authenticator, _log);
        _certificateContext = SslStreamCertificateContext.Create(config.ServerCertificate, config.Chain, offline: true);
    }

    /// <summary>The bound 443-like ports, in configuration order (ephemeral ports resolved).</summary>
    public IReadOnlyList<int> Ports { get; private set; } = [];

    /// <summary>The bound 8883-like (X.509 only) ports, in configuration order.</summary>
    public IReadOnlyList<int> X509OnlyPorts { get; private set; } = [];

    /// <summary>The shared broker state (sessions, retained messages).</summary>
    public BrokerState Broker => _broker;

    /// <summary>Binds every configured port and starts accepting. Throws <see cref="EmulatorConfigException"/> when a port cannot be bound.</summary>
    public static Task<EmulatorServer> StartAsync(LoadedConfig config, EmulatorServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var host = new EmulatorServer(config, options ?? new EmulatorServerOptions());
        var address = IPAddress.Parse(config.Config.Listen.Address);
        var ports = new List<int>();
        var x509Ports = new List<int>();
        var roles = new List<bool>();
        try
        {
            foreach (var (port, x509Only) in config.Config.Listen.Ports.Select(p => (p, false)).Concat(config.Config.Listen.X509OnlyPorts.Select(p => (p, true))))
            {
                var listener = new TcpListener(address, port);
                listener.Start(128);
                host._listeners.Add(listener);
                roles.Add(x509Only);
                (x509Only ? x509Ports : ports).Add(((IPEndPoint)listener.LocalEndpoint).Port);
            }
        }
        catch (SocketException e)
        {
            foreach (var l in host._listeners) l.Stop();
            throw new EmulatorConfigException($"listen: cannot bind {address} port(s) {string.Join(",", config.Config.Listen.Ports)} ({e.SocketErrorCode}); pick a free port in listen.ports or stop the other process");
        }
        host.Ports = ports;
        host.X509OnlyPorts = x509Ports;
        for (int i = 0; i < host._listeners.Count; i++) host._acceptLoops.Add(host.AcceptLoopAsync(host._listeners[i], roles[i]));
        host._log.Write(new LogEntry
        {
            Event = LogEvents.Started,
            Rule = $"listening on {address} port(s) {string.Join(",", ports)}" + (x509Ports.Count > 0 ? $"; X.509-only (8883-like) port(s) {string.Join(",", x509Ports)}" : ""),
            Details = new Dictionary<string, string>
            {
                ["atsHostName"] = config.Config.Endpoint.AtsHostName,
                ["authorizers"] = string.Join(",", config.Authorizers.Keys),
                ["domainConfigurations"] = string.Join(",", config.Config.DomainConfigurations.Select(d => d.DomainName)),
            },
        });
        return Task.FromResult(host);
    }

    /// <summary>Stops listening, closes all connections and waits for them (bounded).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _stop.Cancel();
        foreach (var l in _listeners) l.Stop();
        foreach (var s in _broker.Sessions) s.Close(LogReasons.ServerShutdown, "the emulator is stopping", null);
        Task[] pending;
        lock (_connections) pending = [.. _connections, .. _acceptLoops];
        await Task.WhenAny(Task.WhenAll(pending), Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        if (_ownInvoker is not null) await _ownInvoker.DisposeAsync().ConfigureAwait(false); // ends Lambda environments
        _log.Write(new LogEntry { Event = LogEvents.Stopped, Rule = "emulator stopped" });
        // _stop is not disposed: a connection that outlived the wait may still read its token.
    }

    private async Task AcceptLoopAsync(TcpListener listener, bool x509Only)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stop.IsCancellationRequested) return;
                continue;
            }
            var task = Task.Run(() => HandleConnectionAsync(client, x509Only));
            lock (_connections) _connections.Add(task);
            _ = task.ContinueWith(t => { lock (_connections) _connections.Remove(t); }, TaskScheduler.Default);
        }
    }

    private async Task HandleConnectionAsync(TcpClient client, bool x509Only)
    {
        string connectionId = Guid.NewGuid().ToString();
        client.NoDelay = true;
        var ssl = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
        string? sni = null;
        bool refusedInHandshake = false;
        bool handedOver = false;
        try
        {
            var cfg = _config.Config;
            using (var handshake = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
            {
                handshake.CancelAfter(TimeSpan.FromSeconds(cfg.Tls.HandshakeTimeoutSeconds));
                try
                {
                    await ssl.AuthenticateAsServerAsync((stream, hello, state, ct) =>
                    {
                        sni = hello.ServerName;
                        if (!FrontDoorRules.IsKnownHost(cfg, sni))
                        {
                            // Refuse during the handshake: AWS never serves a host it does not know.
                            var r = FrontDoorRules.Decide(cfg, sni, "");
                            Refuse(connectionId, sni, null, r.Rule, r.Hint);
                            refusedInHandshake = true;
                            throw new AuthenticationException(r.Rule);
                        }
                        return ValueTask.FromResult(new SslServerAuthenticationOptions
                        {
                            ServerCertificateContext = _certificateContext,
                            ApplicationProtocols = [new SslApplicationProtocol(FrontDoorRules.AlpnMqtt), new SslApplicationProtocol(FrontDoorRules.AlpnMqttCa), SslApplicationProtocol.Http11],
                            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                            ClientCertificateRequired = false,
                        });
                    }, null, handshake.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException or System.ComponentModel.Win32Exception)
                {
                    if (_stop.IsCancellationRequested || refusedInHandshake) return; // a refusal in the callback is already logged
                    Refuse(connectionId, sni, null, e is OperationCanceledException
                            ? $"TLS handshake not completed within {cfg.Tls.HandshakeTimeoutSeconds} s"
                            : $"TLS handshake failed ({e.GetType().Name}: {FirstLine(e.Message)})",
                        "use TLS 1.2 or 1.3, trust the emulator's CA (ca.crt), and set SNI to the endpoint host");
                    return;
                }
            }

            string alpn = ssl.NegotiatedApplicationProtocol.Protocol.IsEmpty ? "" : ssl.NegotiatedApplicationProtocol.ToString();
            var route = x509Only ? FrontDoorRules.X509OnlyPort(((IPEndPoint)client.Client.LocalEndPoint!).Port) : FrontDoorRules.Decide(cfg, sni, alpn);
            switch (route.Kind)
            {
                case RouteKind.CustomAuthMqtt:
                    var session = new ClientConnection(_broker, _authenticator, _log, ssl, sni!, alpn, route.Endpoint!, connectionId, _stop.Token);
                    handedOver = true;
                    await session.RunAsync().ConfigureAwait(false);
                    return;
                case RouteKind.Https:
                    await _https.ServeAsync(ssl, connectionId, sni!, alpn, route.Rule, route.Hint, route.Endpoint!, _stop.Token).ConfigureAwait(false);
                    return;
                default:
                    Refuse(connectionId, sni, alpn, route.Rule, route.Hint);
                    return;
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or OperationCanceledException)
        {
            // The client went away; nothing more to say.
        }
        catch (Exception e)
        {
            Refuse(connectionId, sni, null, $"internal emulator error ({e.GetType().Name}); the connection was closed", "please report it with this log line");
        }
        finally
        {
            if (!handedOver) await ssl.DisposeAsync().ConfigureAwait(false);
            client.Dispose();
        }
    }

    private void Refuse(string connectionId, string? sni, string? alpn, string rule, string? hint) =>
        _log.Write(new LogEntry
        {
            Event = LogEvents.Refused,
            Reason = LogReasons.ClientError,
            ConnectionId = connectionId,
            Sni = sni ?? "",
            Alpn = alpn,
            Rule = rule,
            Hint = hint,
        });

    private static string FirstLine(string s)
    {
        int i = s.IndexOfAny(['\r', '\n']);
        return i < 0 ? s : s[..i];
    }
}
