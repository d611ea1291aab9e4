using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using AwsIotDevice.Emulator.MqttCodec.Channel;
using AwsIotDevice.Emulator.MqttCodec.Formatting;
using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.Demo;

/// <summary>
/// The demo's viewer: an MQTT 3.1.1 client (tools/Emulator.MqttCodec codec over TLS with ALPN "mqtt") with its own signed
/// custom-auth credential, subscribed at QoS 1 to the device's topic, recording every reading in a
/// <see cref="DeliveryLedger"/>. Reconnects by itself (at most one CONNECT per second) until stopped.
/// </summary>
internal sealed class TelemetrySubscriber : IAsyncDisposable
{
    private const ushort KeepAliveSeconds = 30;
    private static readonly TimeSpan MinConnectInterval = TimeSpan.FromMilliseconds(1100);

    private readonly string _host;
    private readonly Func<int> _port;
    private readonly X509Certificate2Collection _trust;
    private readonly string _clientId;
    private readonly Func<string> _username;
    private readonly string _topic;
    private readonly DeliveryLedger _ledger;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private volatile bool _subscribed;
    private int _subscriptions;

    /// <param name="host">SNI and certificate name.</param>
    /// <param name="port">The emulator's current port (read at every connect).</param>
    /// <param name="trust">The emulator's CA.</param>
    /// <param name="clientId">The viewer's client id.</param>
    /// <param name="username">Makes the custom-auth username (called at every connect).</param>
    /// <param name="topic">The device's telemetry topic.</param>
    /// <param name="ledger">Where readings are recorded.</param>
    public TelemetrySubscriber(string host, Func<int> port, X509Certificate2Collection trust, string clientId, Func<string> username, string topic, DeliveryLedger ledger)
    {
        _host = host;
        _port = port;
        _trust = trust;
        _clientId = clientId;
        _username = username;
        _topic = topic;
        _ledger = ledger;
    }

    /// <summary>A reading arrived (the flag is true for a first delivery, false for a duplicate).</summary>
    public event Action<TelemetryMessage, bool>? Reading;

    /// <summary>Something worth a line in the demo's log (subscribed, lost, retrying).</summary>
    public event Action<string>? Note;

    /// <summary>True while subscribed.</summary>
    public bool IsSubscribed => _subscribed;

    /// <summary>How many times the subscription was (re)established.</summary>
    public int Subscriptions => Volatile.Read(ref _subscriptions);

    /// <summary>Starts the connect/subscribe/receive loop in the background.</summary>
    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Waits until subscribed (true) or <paramref name="timeout"/> passes (false).</summary>
    public async Task<bool> WaitSubscribedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!_subscribed)
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_loop is not null)
        {
            await Task.WhenAny(_loop, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        DateTime lastConnect = DateTime.MinValue;
        while (!ct.IsCancellationRequested)
        {
            TimeSpan wait = lastConnect + MinConnectInterval - DateTime.UtcNow;
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, ct).ConfigureAwait(false);
                }

                lastConnect = DateTime.UtcNow;
                await SessionAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is IOException or SocketException or AuthenticationException or MqttProtocolException
                or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
            {
                bool was = _subscribed;
                _subscribed = false;
                Note?.Invoke(was ? $"viewer lost its session ({Describe(e)}); reconnecting" : $"viewer could not subscribe ({Describe(e)}); retrying");
            }
        }
    }

    private async Task SessionAsync(CancellationToken ct)
    {
        await using SslStream ssl = await TlsClient.ConnectAsync(_host, _port(), _trust, ct).ConfigureAwait(false);
        var channel = new MqttChannel(ssl);
        using var session = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await channel.WritePacketAsync(new ConnectPacket { ClientId = _clientId, Username = _username(), KeepAliveSeconds = KeepAliveSeconds, CleanSession = true }, ct).ConfigureAwait(false);
        MqttPacket? ack = await ReadWithin(channel, TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
        if (ack is not ConnAckPacket connAck)
        {
            throw new IOException(ack is null ? "the emulator closed the connection without CONNACK (authorizer refused?)" : $"expected CONNACK, got {ack.Type}");
        }

        if (connAck.ReasonCode != 0)
        {
            throw new IOException($"CONNACK refused the viewer (code {connAck.ReasonCode})");
        }

        await channel.WritePacketAsync(new SubscribePacket { PacketId = 1, Subscriptions = [new MqttSubscription { TopicFilter = _topic, QoS = MqttQos.AtLeastOnce }] }, ct).ConfigureAwait(false);
        MqttPacket? subAck = await ReadWithin(channel, TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
        if (subAck is not SubAckPacket granted || granted.ReasonCodes.Count != 1 || granted.ReasonCodes[0] > 1)
        {
            throw new IOException(subAck is SubAckPacket ? "the emulator refused the subscription (check the viewer policy)" : "no SUBACK");
        }

        _subscribed = true;
        Interlocked.Increment(ref _subscriptions);
        Note?.Invoke($"viewer subscribed to {_topic}");
        Task pinger = PingAsync(channel, session.Token);
        try
        {
            while (true)
            {
                MqttPacket? packet = await channel.ReadPacketAsync(session.Token).ConfigureAwait(false);
                switch (packet)
                {
                    case null:
                        throw new IOException("the emulator closed the connection");
                    case PublishPacket publish:
                        if (publish.QoS == MqttQos.AtLeastOnce)
                        {
                            await channel.WritePacketAsync(new PubAckPacket { PacketId = publish.PacketId }, session.Token).ConfigureAwait(false);
                        }

                        TelemetryMessage? message = TelemetryMessage.TryParse(publish.Payload.Span);
                        if (message is not null)
                        {
                            bool first = _ledger.Record(message.Sequence, message.Dropped);
                            Reading?.Invoke(message, first);
                        }

                        break;
                }
            }
        }
        finally
        {
            _subscribed = false;
            session.Cancel();
            await Task.WhenAny(pinger).ConfigureAwait(false);
        }
    }

    private static async Task PingAsync(MqttChannel channel, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(KeepAliveSeconds / 2), ct).ConfigureAwait(false);
                await channel.WritePacketAsync(new PingReqPacket(), ct).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The session is over; the reader notices and reconnects.
        }
    }

    private static async Task<MqttPacket?> ReadWithin(MqttChannel channel, TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        return await channel.ReadPacketAsync(limit.Token).ConfigureAwait(false);
    }

    private static string Describe(Exception e) => e is OperationCanceledException ? "timed out" : e.Message.Split('\n')[0].Trim();
}
