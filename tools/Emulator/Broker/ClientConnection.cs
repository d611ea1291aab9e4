using System.Text;
using System.Threading.Channels;
using AwsIotDevice.Emulator.Auth;
using AwsIotDevice.Emulator.Logging;
using AwsIotDevice.Emulator.Policy;
using AwsIotDevice.Emulator.MqttCodec.Channel;
using AwsIotDevice.Emulator.MqttCodec.Formatting;
using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.Emulator.Broker;

/// <summary>
/// One MQTT connection on the custom-auth route: CONNECT admission (client id rules, throttle, authorizer,
/// iot:Connect), then the packet loop with AWS's limits and policy checks, keep-alive, and the authorizer's
/// disconnectAfterInSeconds / refreshAfterInSeconds. Every outcome is logged once.
/// </summary>
public sealed partial class ClientConnection
{
    private readonly BrokerState _broker;
    private readonly ConnectAuthenticator _authenticator;
    private readonly ILogSink _log;
    private readonly Stream _stream;
    private readonly string _sni;
    private readonly string _alpn;
    private readonly EndpointAuthSettings _endpoint;
    private readonly CancellationTokenSource _cts;
    private readonly Channel<MqttPacket> _outbox = Channel.CreateBounded<MqttPacket>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly Dictionary<string, MqttQos> _subscriptions = new(StringComparer.Ordinal);
    private readonly MqttChannel _channel;
    private readonly (IReadOnlyDictionary<string, string> Headers, string QueryString)? _webSocketUpgrade;
    private MqttProtocolVersion _version = MqttProtocolVersion.V311;
    private volatile PolicyEvaluator? _policy;
    private int _closing;
    private string? _closeReason, _closeRule, _closeHint;
    private int _nextPacketId;
    private MqttWill? _will;
    private bool _willOnClientDisconnect;
    private bool _persistent;
    private TimeSpan _sessionExpiry;
    private long _windowStartTicks;
    private int _windowCount;
    private long _windowBytes;

    /// <summary>Creates the session for an accepted TLS stream; <see cref="RunAsync"/> drives it.</summary>
    /// <remarks><paramref name="webSocketUpgrade"/>: the HTTP upgrade request (headers, query string) when MQTT runs over WebSockets.</remarks>
    public ClientConnection(BrokerState broker, ConnectAuthenticator authenticator, ILogSink log, Stream stream,
        string sni, string alpn, EndpointAuthSettings endpoint, string connectionId, CancellationToken hostToken,
        (IReadOnlyDictionary<string, string> Headers, string QueryString)? webSocketUpgrade = null)
    {
        _webSocketUpgrade = webSocketUpgrade;
        _broker = broker;
        _authenticator = authenticator;
        _log = log;
        _stream = stream;
        _sni = sni;
        _alpn = alpn;
        _endpoint = endpoint;
        ConnectionId = connectionId;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(hostToken);
        int maxPacket = Math.Max(broker.Config.Limits.MaxPayloadBytes, 0) + 64 * 1024;
        _channel = new MqttChannel(stream, new MqttFrameReaderOptions { MaxPacketSize = maxPacket });
    }

    /// <summary>The connection id (the authorizer event's connectionMetadata.id).</summary>
    public string ConnectionId { get; }

    /// <summary>The client id (empty until CONNECT is read).</summary>
    public string ClientId { get; private set; } = "";

    /// <summary>The clamped keep-alive in seconds, once connected.</summary>
    public int KeepAliveSeconds { get; private set; }

    /// <summary>A copy of the current subscriptions.</summary>
    public KeyValuePair<string, MqttQos>[] SubscriptionsSnapshot()
    {
        lock (_subscriptions) return [.. _subscriptions];
    }

    /// <summary>Runs the connection to its end; never throws for client behaviour.</summary>
    public async Task RunAsync()
    {
        var ct = _cts.Token;
        Task? writer = null;
        bool established = false;
        try
        {
            var connect = await ReadConnectAsync(ct).ConfigureAwait(false);
            if (connect is null) return;
            _version = connect.ProtocolVersion;
            var admitted = await AdmitAsync(connect, ct).ConfigureAwait(false);
            if (admitted is null) return;
            established = true;
            _will = connect.Will;
            writer = RunWriterAsync();
            _ = RunTimersAsync(admitted, connect, ct);
            await ReadLoopAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Close(LogReasons.ServerShutdown, "the emulator is stopping", null);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            Close(LogReasons.ConnectionLost, $"connection lost ({e.GetType().Name})", null);
        }
        catch (Exception e)
        {
            // A bug must end this connection with a log line, never the emulator.
            Close(LogReasons.ConnectionLost, $"internal emulator error ({e.GetType().Name}); the connection was closed", "please report it with this log line");
        }
        finally
        {
            TryCancel(); // stops the TTL/refresh timers even when a delayed cancel is still pending
            _outbox.Writer.TryComplete();
            if (writer is not null)
                await Task.WhenAny(writer, Task.Delay(1000)).ConfigureAwait(false);
            await DisposeStreamAsync().ConfigureAwait(false);
            if (established)
            {
                _broker.Unregister(this);
                PublishWillIfDue();
                // A taken-over session lives on in its successor; any other persistent one is stored.
                if (_persistent && _closeReason != LogReasons.DuplicateClientId && _policy is { } policy)
                    _broker.Store(ClientId, new StoredSession(new Dictionary<string, MqttQos>(SubscriptionsSnapshot(), StringComparer.Ordinal), policy, DateTime.UtcNow + _sessionExpiry));
                Log(LogEvents.Disconnect, _closeReason ?? LogReasons.ConnectionLost, _closeRule ?? "connection ended", _closeHint);
            }
            _cts.Dispose();
        }
    }

    /// <summary>
    /// Ends the connection from any thread; the first reason wins. For MQTT 5 a DISCONNECT with a matching
    /// reason code is sent first when <paramref name="v5ReasonCode"/> is given.
    /// </summary>
    public void Close(string reason, string rule, string? hint, byte? v5ReasonCode = null)
    {
        if (Interlocked.CompareExchange(ref _closing, 1, 0) != 0) return;
        _closeReason = reason;
        _closeRule = rule;
        _closeHint = hint;
        if (v5ReasonCode is { } code && _version == MqttProtocolVersion.V500)
            _outbox.Writer.TryWrite(new DisconnectPacket { ReasonCode = code });
        _outbox.Writer.TryComplete();
        // Give the writer a moment to flush a final DISCONNECT before the read loop is cancelled.
        if (v5ReasonCode is not null && _version == MqttProtocolVersion.V500)
        {
            try { _cts.CancelAfter(200); } catch (ObjectDisposedException) { }
        }
        else TryCancel();
    }

    private Task<AuthOutcome> AuthenticateAsync(ConnectPacket connect, CancellationToken ct)
    {
        var request = new AuthRequest
        {
            ServerName = _sni,
            Username = connect.Username,
            Password = connect.Password,
            ClientId = connect.ClientId,
            Endpoint = _endpoint,
            ConnectionId = ConnectionId,
        };
        return _webSocketUpgrade is { } ws
            ? _authenticator.AuthenticateWebSocketAsync(request, ws.Headers, ws.QueryString, ct)
            : _authenticator.AuthenticateAsync(request, ct);
    }

    /// <summary>Queues a message for this client if its policy allows iot:Receive on the topic.</summary>
    public void Deliver(string topic, byte[] payload, MqttQos qos, bool retain)
    {
        var policy = _policy;
        if (policy is null || _closing != 0) return;
        var decision = policy.Evaluate("iot:Receive", _broker.Arns.Topic(topic));
        if (!decision.Allowed)
        {
            Log(LogEvents.Denied, LogReasons.ForbiddenAccess, "message not delivered: " + decision.Explanation,
                "allow iot:Receive on the topic for this client", new() { ["topic"] = topic });
            return;
        }
        var packet = new PublishPacket { Topic = topic, Payload = payload, QoS = qos, Retain = retain };
        if (qos != MqttQos.AtMostOnce) packet.PacketId = NextPacketId();
        _outbox.Writer.TryWrite(packet);
    }

    private async Task RunWriterAsync()
    {
        try
        {
            await foreach (var packet in _outbox.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _channel.WritePacketAsync(packet, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or MqttProtocolException or System.Net.Sockets.SocketException)
        {
            Close(LogReasons.ConnectionLost, $"write to the client failed ({e.GetType().Name})", null);
        }
    }

    private ushort NextPacketId()
    {
        int id = Interlocked.Increment(ref _nextPacketId);
        return (ushort)((id - 1) % 65535 + 1);
    }

    private void Send(MqttPacket packet) => _outbox.Writer.TryWrite(packet);

    private Task<bool> Fail(string reason, string rule, string? hint, byte? v5Code) => Task.FromResult(FailSync(reason, rule, hint, v5Code));

    private bool FailSync(string reason, string rule, string? hint, byte? v5Code)
    {
        Close(reason, rule, hint, v5Code);
        return false;
    }

    private async Task TrySendAsync(MqttPacket packet, MqttProtocolVersion version)
    {
        try
        {
            _channel.ProtocolVersion = version;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _channel.WritePacketAsync(packet, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or MqttProtocolException or System.Net.Sockets.SocketException) { }
    }

    private void TryCancel()
    {
        try { _cts.Cancel(); } catch (ObjectDisposedException) { }
    }

    private async Task DisposeStreamAsync()
    {
        try { await _stream.DisposeAsync().ConfigureAwait(false); }
        catch (Exception e) when (e is IOException or ObjectDisposedException or System.Net.Sockets.SocketException) { }
    }

    private void Refused(string reason, string rule, string? hint, Dictionary<string, string>? details = null) =>
        Log(LogEvents.Refused, reason, rule, hint, details);

    private void Log(string evt, string? reason, string rule, string? hint, Dictionary<string, string>? details = null) =>
        _log.Write(new LogEntry
        {
            Event = evt,
            Reason = reason,
            ConnectionId = ConnectionId,
            ClientId = ClientId.Length == 0 ? null : ClientId,
            Sni = _sni,
            Alpn = _alpn,
            Rule = rule,
            Hint = hint,
            Details = details,
        });
}
