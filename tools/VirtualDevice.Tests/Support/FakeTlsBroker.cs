using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using AwsIotDevice.Emulator.MqttCodec.Channel;
using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.VirtualDevice.Tests.Support;

/// <summary>What the fake broker does after the TLS handshake.</summary>
internal sealed class FakeBrokerScript
{
    /// <summary>CONNACK return code to send; null sends nothing.</summary>
    public byte? ConnAckCode { get; init; } = 0;

    /// <summary>Close the connection right after reading CONNECT (how AWS refuses a 3.1.1 client).</summary>
    public bool CloseAfterConnect { get; init; }

    public bool AckPublishes { get; init; } = true;

    public bool AnswerPings { get; init; } = true;
}

/// <summary>
/// An in-process TLS + MQTT 3.1.1 server on 127.0.0.1 built from SslStream and the emulator's codec (an MQTT
/// implementation independent of Core's), scripted per test. It offers ALPN "mqtt", serves MQTT over WebSockets when the
/// first bytes are an HTTP upgrade (the emulator's server-side upgrade), and records what the client sent: SNI, the
/// negotiated ALPN, the upgrade request head, packets.
/// </summary>
internal sealed class FakeTlsBroker : IDisposable
{
    private readonly TcpListener _listener;
    private readonly X509Certificate2 _certificate;
    private readonly FakeBrokerScript _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    private FakeTlsBroker(X509Certificate2 certificate, FakeBrokerScript script)
    {
        _certificate = certificate;
        _script = script;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>SNI of the last handshake (null when the client sent none).</summary>
    public string? Sni { get; private set; }

    /// <summary>ALPN negotiated in the last handshake ("" when none).</summary>
    public string? Alpn { get; private set; }

    /// <summary>Set when a handshake finished (either way).</summary>
    public ManualResetEventSlim HandshakeEnded { get; } = new();

    public bool HandshakeSucceeded { get; private set; }

    public ConcurrentQueue<MqttPacket> Received { get; } = new();

    /// <summary>The HTTP upgrade request head of the last WebSocket connection (null when none).</summary>
    public string? UpgradeRequest { get; private set; }

    /// <summary>Headers of <see cref="UpgradeRequest"/> (case-insensitive names).</summary>
    public IReadOnlyDictionary<string, string> UpgradeHeaders { get; private set; } = new Dictionary<string, string>();

    public static FakeTlsBroker Start(X509Certificate2 certificate, FakeBrokerScript? script = null) => new(certificate, script ?? new FakeBrokerScript());

    /// <summary>Waits (bounded) until a packet of type <typeparamref name="T"/> arrived.</summary>
    public T? WaitFor<T>(TimeSpan timeout)
        where T : MqttPacket
    {
        DateTime until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            T? found = Received.OfType<T>().FirstOrDefault();
            if (found is not null)
            {
                return found;
            }

            Thread.Sleep(20);
        }

        return Received.OfType<T>().FirstOrDefault();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _acceptLoop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = Task.Run(() => ServeAsync(client));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        using (var ssl = new SslStream(client.GetStream(), leaveInnerStreamOpen: false))
        {
            try
            {
                var options = new SslServerAuthenticationOptions
                {
                    ServerCertificateSelectionCallback = (_, hostName) =>
                    {
                        Sni = hostName;
                        return _certificate;
                    },
                    ApplicationProtocols = [new SslApplicationProtocol("mqtt")],
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                };
                using var handshake = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                handshake.CancelAfter(TimeSpan.FromSeconds(10));
                await ssl.AuthenticateAsServerAsync(options, handshake.Token);
                Alpn = ssl.NegotiatedApplicationProtocol.ToString();
                HandshakeSucceeded = true;
            }
            catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException or SocketException)
            {
                HandshakeSucceeded = false;
                return;
            }
            finally
            {
                HandshakeEnded.Set();
            }

            try
            {
                await ServeMqttAsync(ssl);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException or System.Net.WebSockets.WebSocketException or AwsIotDevice.Emulator.MqttCodec.Formatting.MqttProtocolException)
            {
            }
        }
    }

    private async Task ServeMqttAsync(SslStream ssl)
    {
        Stream stream = ssl;
        byte[] firstByte = new byte[1];
        if (await ssl.ReadAsync(firstByte, _stop.Token) == 0)
        {
            return;
        }

        if (firstByte[0] == (byte)'G')
        {
            stream = await AcceptWebSocketAsync(ssl);
        }

        var channel = new MqttChannel(new PrefixedStream(firstByte, stream, stream == ssl));
        MqttPacket? first = await channel.ReadPacketAsync(_stop.Token);
        if (first is not ConnectPacket connect)
        {
            return;
        }

        Received.Enqueue(connect);
        if (_script.CloseAfterConnect)
        {
            return;
        }

        if (_script.ConnAckCode is not byte code)
        {
            await Task.Delay(Timeout.Infinite, _stop.Token);
            return;
        }

        await channel.WritePacketAsync(new ConnAckPacket { ReasonCode = code }, _stop.Token);
        if (code != 0)
        {
            return;
        }

        while (true)
        {
            MqttPacket? packet = await channel.ReadPacketAsync(_stop.Token);
            if (packet is null)
            {
                return;
            }

            Received.Enqueue(packet);
            switch (packet)
            {
                case PublishPacket { QoS: MqttQos.AtLeastOnce } publish when _script.AckPublishes:
                    await channel.WritePacketAsync(new PubAckPacket { PacketId = publish.PacketId }, _stop.Token);
                    break;
                case PingReqPacket when _script.AnswerPings:
                    await channel.WritePacketAsync(new PingRespPacket(), _stop.Token);
                    break;
                case DisconnectPacket:
                    return;
            }
        }
    }

    private async Task<Stream> AcceptWebSocketAsync(SslStream ssl)
    {
        // One byte at a time up to the blank line: the client sends nothing more before the 101.
        var head = new List<byte> { (byte)'G' };
        byte[] one = new byte[1];
        while (head.Count < 16384 && !(head.Count >= 4 && head[^1] == '\n' && head[^2] == '\r' && head[^3] == '\n' && head[^4] == '\r'))
        {
            if (await ssl.ReadAsync(one, _stop.Token) == 0)
            {
                throw new IOException("closed during the upgrade request");
            }

            head.Add(one[0]);
        }

        string text = System.Text.Encoding.Latin1.GetString(head.ToArray());
        UpgradeRequest = text;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in text.Split("\r\n").Skip(1))
        {
            int colon = line.IndexOf(':');
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        UpgradeHeaders = headers;
        return await AwsIotDevice.Emulator.Http.WebSocketUpgrade.AcceptAsync(ssl, headers, _stop.Token);
    }

    /// <summary>A stream that first returns already-read bytes (the raw-MQTT case) or nothing more (WebSocket case).</summary>
    private sealed class PrefixedStream(byte[] prefix, Stream inner, bool usePrefix) : Stream
    {
        private int _used = usePrefix ? 0 : prefix.Length;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_used < prefix.Length)
            {
                int take = Math.Min(buffer.Length, prefix.Length - _used);
                prefix.AsMemory(_used, take).CopyTo(buffer);
                _used += take;
                return take;
            }

            return await inner.ReadAsync(buffer, cancellationToken);
        }

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
