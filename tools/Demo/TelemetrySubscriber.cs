using System.Buffers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using AwsIotDevice.CustomAuthMqttClient;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace AwsIotDevice.Demo;

/// <summary>
/// The demo's viewer: an independent MQTT 3.1.1 client (MQTTnet over TLS with SNI and ALPN "mqtt", see
/// tools/CustomAuthMqttClient) with its own signed custom-auth credential, subscribed at QoS 1 to the device's topic,
/// recording every reading in a <see cref="DeliveryLedger"/>. Reconnects by itself (at most one CONNECT per second)
/// until stopped.
/// </summary>
internal sealed class TelemetrySubscriber : IAsyncDisposable
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(30);
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

    /// <param name="host">SNI and certificate name (the emulator listens on 127.0.0.1).</param>
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
            catch (Exception e) when (e is MqttCommunicationException or IOException or SocketException or AuthenticationException
                or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
            {
                bool was = _subscribed;
                _subscribed = false;
                Note?.Invoke(was ? $"viewer lost its session ({Describe(e)}); reconnecting" : $"viewer could not subscribe ({Describe(e)}); retrying");
            }
        }
    }

    // One connection: connect, subscribe, then receive until the connection is lost (which throws, to be retried).
    private async Task SessionAsync(CancellationToken ct)
    {
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        var lost = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.DisconnectedAsync += e =>
        {
            lost.TrySetResult(e.Exception is null ? $"disconnected: {e.Reason}" : Describe(e.Exception));
            return Task.CompletedTask;
        };
        client.ApplicationMessageReceivedAsync += e =>
        {
            _ledger.RecordPayload(e.ApplicationMessage.Payload.IsSingleSegment
                ? e.ApplicationMessage.Payload.FirstSpan
                : e.ApplicationMessage.Payload.ToArray(), Reading);

            return Task.CompletedTask; // acknowledged (PUBACK) when this returns
        };

        var endpoint = new CustomAuthEndpoint { ConnectHost = "127.0.0.1", Port = _port(), ServerName = _host, Trust = _trust };
        MqttClientConnectResult connected = await client.ConnectAsync(CustomAuthMqttOptions.Create(endpoint, _clientId, _username(), keepAlive: KeepAlive), ct).ConfigureAwait(false);
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new IOException($"CONNACK refused the viewer ({connected.ResultCode})");
        }

        MqttClientSubscribeResult granted = await client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter(_topic, MqttQualityOfServiceLevel.AtLeastOnce).Build(), ct).ConfigureAwait(false);
        if (granted.Items.Count != 1 || granted.Items.First().ResultCode is not (MqttClientSubscribeResultCode.GrantedQoS0 or MqttClientSubscribeResultCode.GrantedQoS1))
        {
            throw new IOException("the emulator refused the subscription (check the viewer policy)");
        }

        _subscribed = true;
        Interlocked.Increment(ref _subscriptions);
        Note?.Invoke($"viewer subscribed to {_topic}");
        try
        {
            throw new IOException(await lost.Task.WaitAsync(ct).ConfigureAwait(false));
        }
        finally
        {
            _subscribed = false;
            if (client.IsConnected)
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                try
                {
                    await client.DisconnectAsync(new MqttClientDisconnectOptions(), quick.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is MqttCommunicationException or OperationCanceledException or IOException)
                {
                    // Stopping anyway.
                }
            }
        }
    }

    private static string Describe(Exception e) => e switch
    {
        OperationCanceledException or MqttCommunicationTimedOutException => "timed out",
        MqttConnectingFailedException when e.InnerException is not null => Describe(e.InnerException),
        _ => e.Message.Split('\n')[0].Trim(),
    };
}
