using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using AwsIotDevice.Emulator.MqttCodec.Channel;
using AwsIotDevice.Emulator.MqttCodec.Formatting;
using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.EmulatorBenchmark;

/// <summary>Result of a timed run: how many operations succeeded, failed, and how long it took.</summary>
internal readonly record struct RunResult(int Ok, int Failed, TimeSpan Elapsed, string? Note = null)
{
    /// <summary>CPU time of this process (client, plus the emulator when it is the target) during the run.</summary>
    public TimeSpan SelfCpu { get; init; }

    /// <summary>CPU time of the mosquitto process during the run (about 0 when the emulator is the target).</summary>
    public TimeSpan MosquittoCpu { get; init; }

    /// <summary>Microseconds of CPU per successful operation: this process, mosquitto.</summary>
    public (double Self, double Mosquitto) CpuMicrosPerOp => Ok > 0 ? (SelfCpu.TotalMicroseconds / Ok, MosquittoCpu.TotalMicroseconds / Ok) : (0, 0);

    /// <summary>Successful operations per second.</summary>
    public double PerSecond => Elapsed > TimeSpan.Zero ? Ok / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// The client side, identical for both brokers: TLS to 127.0.0.1 with SNI "localhost" and ALPN "mqtt", then the
/// tools/Emulator.MqttCodec codec (MQTT 3.1.1). The chain must end at the init CA and the leaf must be the init's server.crt.
/// </summary>
internal sealed class MqttLoad(X509Certificate2 serverCertificate, X509Certificate2 ca)
{
    private const string SniHost = "localhost";
    private readonly byte[] _pinned = serverCertificate.GetCertHash();

    // Chain built against the init CA only: otherwise a server that sends just its leaf (mosquitto) makes .NET search
    // the system store for the issuer on every handshake, a client-side cost (~10 ms) that would be charged to it.
    private readonly X509ChainPolicy _chainPolicy = new()
    {
        TrustMode = X509ChainTrustMode.CustomRootTrust,
        CustomTrustStore = { ca },
        RevocationMode = X509RevocationMode.NoCheck,
    };

    /// <summary>TLS version and ALPN the broker negotiated, e.g. "Tls13 alpn=mqtt" (one connection, CONNECT not sent).</summary>
    public async Task<string> ProbeTlsAsync(int port, CancellationToken ct)
    {
        using var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(IPAddress.Loopback, port, ct).ConfigureAwait(false);
        await using var ssl = new SslStream(tcp.GetStream());
        await ssl.AuthenticateAsClientAsync(ClientOptions(), ct).ConfigureAwait(false);
        string alpn = ssl.NegotiatedApplicationProtocol.Protocol.IsEmpty ? "none" : ssl.NegotiatedApplicationProtocol.ToString();
        return $"{ssl.SslProtocol} alpn={alpn}";
    }

    /// <summary>TLS + CONNECT + CONNACK(0) + DISCONNECT once; false on any refusal or transport error.</summary>
    public async Task<bool> ConnectOnceAsync(int port, Credential cred, CancellationToken ct)
    {
        try
        {
            await using var conn = await OpenAsync(port, cred, ct).ConfigureAwait(false);
            if (conn is null)
            {
                return false;
            }

            await conn.Channel.WritePacketAsync(new DisconnectPacket(), ct).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is IOException or SocketException or MqttProtocolException or System.Security.Authentication.AuthenticationException)
        {
            return false;
        }
    }

    /// <summary><paramref name="creds"/> connected one after another.</summary>
    public async Task<RunResult> SequentialConnectsAsync(int port, IReadOnlyList<Credential> creds, CancellationToken ct)
    {
        int ok = 0;
        var sw = Stopwatch.StartNew();
        foreach (Credential c in creds)
        {
            if (await ConnectOnceAsync(port, c, ct).ConfigureAwait(false))
            {
                ok++;
            }
        }

        return new RunResult(ok, creds.Count - ok, sw.Elapsed);
    }

    /// <summary><paramref name="creds"/> connected by <paramref name="workers"/> workers pulling from one queue.</summary>
    public async Task<RunResult> ConcurrentConnectsAsync(int port, IReadOnlyList<Credential> creds, int workers, CancellationToken ct)
    {
        int next = -1;
        int ok = 0;
        var sw = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < creds.Count)
            {
                if (await ConnectOnceAsync(port, creds[i], ct).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref ok);
                }
            }
        }, ct));
        await Task.WhenAll(tasks).ConfigureAwait(false);
        return new RunResult(ok, creds.Count - ok, sw.Elapsed);
    }

    /// <summary>
    /// One connection publishes <paramref name="count"/> QoS 1 messages of <paramref name="payloadBytes"/> bytes to
    /// devices/&lt;clientId&gt;/telemetry with at most <paramref name="window"/> unacknowledged (1 = wait for each
    /// PUBACK). <paramref name="maxPerSecond"/> &gt; 0 paces the client evenly at 95 % of that rate.
    /// Stops early when the broker closes the connection (Note says so). Connect time is not included.
    /// </summary>
    public async Task<RunResult> PublishAsync(int port, Credential cred, int count, int payloadBytes, int window, int maxPerSecond, CancellationToken ct)
    {
        await using var conn = await OpenAsync(port, cred, ct).ConfigureAwait(false)
            ?? throw new BenchmarkException($"publish run: CONNECT for {cred.ClientId} on port {port} was refused");
        byte[] payload = new byte[payloadBytes];
        Random.Shared.NextBytes(payload);
        string topic = $"devices/{cred.ClientId}/telemetry";
        using var credits = new SemaphoreSlim(window, window);
        int acked = 0;
        string? note = null;
        // Evenly spaced sends with a 5 % margin: the broker counts in fixed 1 s windows starting when it reads,
        // so send times must stay clear of the limit even with some jitter on the way.
        long intervalTicks = maxPerSecond > 0 ? Stopwatch.Frequency * 105 / (100L * maxPerSecond) : 0;
        var sw = Stopwatch.StartNew();
        long start = Stopwatch.GetTimestamp();

        Task reader = Task.Run(async () =>
        {
            try
            {
                while (acked < count)
                {
                    MqttPacket? p = await conn.Channel.ReadPacketAsync(ct).ConfigureAwait(false);
                    if (p is null)
                    {
                        note = $"broker closed the connection after {acked} PUBACKs";
                        break;
                    }

                    if (p is PubAckPacket)
                    {
                        Interlocked.Increment(ref acked);
                        credits.Release();
                    }
                }
            }
            catch (Exception e) when (e is IOException or MqttProtocolException or ObjectDisposedException)
            {
                note = $"broker closed the connection after {acked} PUBACKs";
            }
        }, ct);

        for (int i = 0; i < count && !reader.IsCompleted; i++)
        {
            while (!await credits.WaitAsync(100, ct).ConfigureAwait(false))
            {
                if (reader.IsCompleted)
                {
                    break;
                }
            }

            if (reader.IsCompleted)
            {
                break;
            }

            if (maxPerSecond > 0)
            {
                long wait = start + (i * intervalTicks) - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), ct).ConfigureAwait(false);
                }
            }

            try
            {
                await conn.Channel.WritePacketAsync(new PublishPacket { Topic = topic, QoS = MqttQos.AtLeastOnce, PacketId = (ushort)(i % 65535 + 1), Payload = payload }, ct).ConfigureAwait(false);
            }
            catch (IOException)
            {
                break;
            }
        }

        await Task.WhenAny(reader, Task.Delay(TimeSpan.FromSeconds(5), ct)).ConfigureAwait(false);
        TimeSpan elapsed = sw.Elapsed;
        if (!reader.IsCompleted)
        {
            note ??= $"no PUBACK for {count - acked} messages within 5 s";
        }

        return new RunResult(acked, count - acked, elapsed, note);
    }

    private async Task<Connection?> OpenAsync(int port, Credential cred, CancellationToken ct)
    {
        var tcp = new TcpClient { NoDelay = true };
        SslStream? ssl = null;
        try
        {
            await tcp.ConnectAsync(IPAddress.Loopback, port, ct).ConfigureAwait(false);
            ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
            await ssl.AuthenticateAsClientAsync(ClientOptions(), ct).ConfigureAwait(false);
            var channel = new MqttChannel(ssl);
            await channel.WritePacketAsync(new ConnectPacket { ClientId = cred.ClientId, Username = cred.Username, KeepAliveSeconds = 60, CleanSession = true }, ct).ConfigureAwait(false);
            if (await channel.ReadPacketAsync(ct).ConfigureAwait(false) is ConnAckPacket { ReasonCode: 0 })
            {
                return new Connection(tcp, ssl, channel);
            }

            await ssl.DisposeAsync().ConfigureAwait(false);
            tcp.Dispose();
            return null;
        }
        catch
        {
            if (ssl is not null)
            {
                await ssl.DisposeAsync().ConfigureAwait(false);
            }

            tcp.Dispose();
            throw;
        }
    }

    // No TLS resumption: every connect is a full handshake, as a device that reboots or lacks a session cache does,
    // and the same for both brokers (the .NET server and OpenSSL would otherwise resume differently).
    private SslClientAuthenticationOptions ClientOptions() => new()
    {
        TargetHost = SniHost,
        ApplicationProtocols = [new SslApplicationProtocol("mqtt")],
        AllowTlsResume = false,
        CertificateChainPolicy = _chainPolicy,
        RemoteCertificateValidationCallback = (_, cert, _, errors) =>
            errors == SslPolicyErrors.None && cert is not null && cert.GetCertHash().AsSpan().SequenceEqual(_pinned),
    };

    private sealed class Connection(TcpClient tcp, SslStream ssl, MqttChannel channel) : IAsyncDisposable
    {
        public MqttChannel Channel { get; } = channel;

        public async ValueTask DisposeAsync()
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            tcp.Dispose();
        }
    }
}

/// <summary>An MQTT client id and the custom-authorizer username signed for it (a secret: never printed).</summary>
internal sealed record Credential(string ClientId, string Username);
