using System.Collections.Concurrent;
using System.Net.Sockets;
using AwsIotDevice.Emulator.MqttCodec.Channel;
using AwsIotDevice.Emulator.MqttCodec.Formatting;
using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.VirtualDevice;

/// <summary>
/// One accepted MQTT 3.1.1 session of a <see cref="TlsMqttLink"/>: a background reader (PUBACK, PINGRESP, incoming
/// PUBLISH, end of stream), a keep-alive task (PINGREQ when idle, loss when unanswered), and QoS 1 publishes
/// tracked by packet id. The first sign of trouble ends the session once, with one secret-free detail.
/// </summary>
internal sealed class MqttSession
{
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly MqttChannel _channel;
    private readonly TlsMqttLinkOptions _options;
    private readonly int _keepAliveSeconds;
    private readonly Action<string> _onLost;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<ushort, TaskCompletionSource<bool>> _pending = new();
    private readonly object _sync = new();
    private Task _reader = Task.CompletedTask;
    private Task _keepAlive = Task.CompletedTask;
    private long _lastWriteMs;
    private long _pingSentMs;
    private int _nextPacketId;
    private bool _ended;

    public MqttSession(Socket socket, Stream stream, MqttChannel channel, int keepAliveSeconds, TlsMqttLinkOptions options, Action<string> onLost)
    {
        _socket = socket;
        _stream = stream;
        _channel = channel;
        _keepAliveSeconds = keepAliveSeconds;
        _options = options;
        _onLost = onLost;
        _lastWriteMs = Environment.TickCount64;
    }

    /// <summary>True from <see cref="Start"/> until the session ends (loss or close).</summary>
    public bool Connected
    {
        get
        {
            lock (_sync)
            {
                return !_ended;
            }
        }
    }

    /// <summary>Why the session ended, when it was lost (null while connected or after a deliberate close).</summary>
    public string? LossDetail { get; private set; }

    public void Start()
    {
        _reader = Task.Run(ReadLoopAsync);
        if (_keepAliveSeconds > 0)
        {
            _keepAlive = Task.Run(KeepAliveLoopAsync);
        }
    }

    /// <summary>Writes one packet within the write timeout; a failure ends the session and returns false.</summary>
    public bool Write(MqttPacket packet)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(_options.WriteTimeoutMs);
            _channel.WritePacketAsync(packet, timeout.Token).AsTask().GetAwaiter().GetResult();
            Interlocked.Exchange(ref _lastWriteMs, Environment.TickCount64);
            return true;
        }
        catch (OperationCanceledException)
        {
            Lose(_stop.IsCancellationRequested ? "session already closed" : $"writing {packet.Type} timed out after {_options.WriteTimeoutMs} ms (the server stopped reading)");
            return false;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            Lose($"connection lost while writing {packet.Type} ({Describe(e)})");
            return false;
        }
    }

    /// <summary>Registers a QoS 1 packet id; the task completes with true on PUBACK, false when the session ends first.</summary>
    public (ushort PacketId, Task<bool> Acked) Track()
    {
        var completion = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        while (true)
        {
            ushort id = (ushort)((uint)Interlocked.Increment(ref _nextPacketId) % 65535u + 1); // 1..65535: 0 is not a packet id
            if (_pending.TryAdd(id, completion))
            {
                if (!Connected)
                {
                    completion.TrySetResult(false);
                }

                return (id, completion.Task);
            }
        }
    }

    /// <summary>Stops waiting for the PUBACK of <paramref name="packetId"/> (after a timeout).</summary>
    public void Forget(ushort packetId) => _pending.TryRemove(packetId, out _);

    /// <summary>Ends the session deliberately: DISCONNECT when possible, then the socket closes. No loss is reported.</summary>
    public void Close()
    {
        bool wasUp;
        lock (_sync)
        {
            wasUp = !_ended;
            _ended = true;
        }

        if (wasUp)
        {
            try
            {
                using var timeout = new CancellationTokenSource(Math.Min(_options.WriteTimeoutMs, 2000));
                _channel.WritePacketAsync(new DisconnectPacket(), timeout.Token).AsTask().GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or OperationCanceledException)
            {
                // The peer is gone already; closing the socket is all that is left.
            }
        }

        Shutdown();

        // The socket is closed, so the reader ends at once; bounded anyway so Close can never hang the supervisor.
        try
        {
            Task.WhenAll(_reader, _keepAlive).Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // A background task failed unexpectedly; the session is over either way.
        }
    }

    /// <summary>Fault injection: drops the TCP connection at once (RST, no DISCONNECT), as a dead network would.</summary>
    public void Sever()
    {
        try
        {
            _socket.LingerState = new LingerOption(true, 0);
            _socket.Close();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Ends the session because of <paramref name="detail"/> (first call wins) and reports it.</summary>
    public void Lose(string detail)
    {
        lock (_sync)
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
            LossDetail = detail;
        }

        _onLost(detail);
        Shutdown();
    }

    private void Shutdown()
    {
        _stop.Cancel();
        foreach (var entry in _pending)
        {
            entry.Value.TrySetResult(false);
        }

        try
        {
            _stream.Dispose();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
        }

        _socket.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                MqttPacket? packet = await _channel.ReadPacketAsync(_stop.Token).ConfigureAwait(false);
                switch (packet)
                {
                    case null:
                        Lose("the server closed the connection");
                        return;
                    case PubAckPacket ack:
                        if (_pending.TryRemove(ack.PacketId, out var waiter))
                        {
                            waiter.TrySetResult(true);
                        }

                        break;
                    case PingRespPacket:
                        Interlocked.Exchange(ref _pingSentMs, 0);
                        break;
                    case PublishPacket { QoS: MqttQos.AtLeastOnce } publish:
                        // Only reachable if someone subscribed us; acknowledging keeps the broker from redelivering.
                        Write(new PubAckPacket { PacketId = publish.PacketId });
                        break;
                    case DisconnectPacket:
                        Lose("the server sent DISCONNECT");
                        return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Closed or lost elsewhere.
        }
        catch (MqttProtocolException e) when (e.Code == MqttErrorCode.ConnectionClosedMidFrame)
        {
            Lose("the server closed the connection in the middle of a packet");
        }
        catch (MqttProtocolException e)
        {
            Lose($"protocol error from the server: {e.Message}");
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            Lose($"connection lost ({Describe(e)})");
        }
    }

    private async Task KeepAliveLoopAsync()
    {
        long intervalMs = _keepAliveSeconds * 1000L;
        long answerWithinMs = _options.PingResponseTimeoutMs > 0 ? _options.PingResponseTimeoutMs : intervalMs;
        int tickMs = (int)Math.Clamp(intervalMs / 4, 50, 1000);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(tickMs, _stop.Token).ConfigureAwait(false);
                long now = Environment.TickCount64;
                long sent = Interlocked.Read(ref _pingSentMs);
                if (sent != 0)
                {
                    if (now - sent > answerWithinMs)
                    {
                        Lose($"no PINGRESP within {answerWithinMs} ms (keep-alive {_keepAliveSeconds} s): the broker or the network stopped answering");
                        return;
                    }

                    continue;
                }

                // Ping well before the broker's 1.5 x keep-alive limit; any packet written counts as activity.
                if (now - Interlocked.Read(ref _lastWriteMs) >= intervalMs * 3 / 4)
                {
                    Interlocked.Exchange(ref _pingSentMs, now);
                    Write(new PingReqPacket());
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    internal static string Describe(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is SocketException s)
            {
                return s.SocketErrorCode.ToString();
            }
        }

        return e.GetType().Name;
    }
}
