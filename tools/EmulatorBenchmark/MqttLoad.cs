using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

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
/// The client side, identical for both brokers: MQTTnet (MQTT 3.1.1) over TLS to 127.0.0.1 with SNI "localhost" and
/// ALPN "mqtt". The TLS stream is made here (<see cref="BenchmarkTlsStreams"/>) rather than by MQTTnet so that every
/// connect is a full handshake and the leaf is pinned to the init's server.crt.
/// </summary>
internal sealed class MqttLoad(X509Certificate2 serverCertificate, X509Certificate2 ca)
{
    private readonly BenchmarkTlsStreams _tls = new(serverCertificate, ca);
    private readonly MqttClientFactory _factory = new();

    /// <summary>TLS version and ALPN the broker negotiated, e.g. "Tls13 alpn=mqtt" (one connection, CONNECT not sent).</summary>
    public async Task<string> ProbeTlsAsync(int port, CancellationToken ct)
    {
        await using var ssl = (SslStream)await _tls.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), ct).ConfigureAwait(false);
        string alpn = ssl.NegotiatedApplicationProtocol.Protocol.IsEmpty ? "none" : ssl.NegotiatedApplicationProtocol.ToString();
        return $"{ssl.SslProtocol} alpn={alpn}";
    }

    /// <summary>TLS + CONNECT + CONNACK(0) + DISCONNECT once; false on any refusal or transport error.</summary>
    public async Task<bool> ConnectOnceAsync(int port, Credential cred, CancellationToken ct)
    {
        try
        {
            using IMqttClient? client = await OpenAsync(port, cred, ct).ConfigureAwait(false);
            if (client is null)
            {
                return false;
            }

            await client.DisconnectAsync(new MqttClientDisconnectOptions(), ct).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is MqttCommunicationException or IOException or SocketException or System.Security.Authentication.AuthenticationException)
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
        using IMqttClient client = await OpenAsync(port, cred, ct).ConfigureAwait(false)
            ?? throw new BenchmarkException($"publish run: CONNECT for {cred.ClientId} on port {port} was refused");
        byte[] payload = new byte[payloadBytes];
        Random.Shared.NextBytes(payload);
        var message = new MqttApplicationMessageBuilder()
            .WithTopic($"devices/{cred.ClientId}/telemetry")
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        using var credits = new SemaphoreSlim(window, window);
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        int acked = 0;
        string? note = null;
        var inFlight = new List<Task>(count);

        // Evenly spaced sends with a 5 % margin: the broker counts in fixed 1 s windows starting when it reads,
        // so send times must stay clear of the limit even with some jitter on the way.
        long intervalTicks = maxPerSecond > 0 ? Stopwatch.Frequency * 105 / (100L * maxPerSecond) : 0;
        var sw = Stopwatch.StartNew();
        long start = Stopwatch.GetTimestamp();
        try
        {
            for (int i = 0; i < count && !closed.IsCancellationRequested; i++)
            {
                await credits.WaitAsync(closed.Token).ConfigureAwait(false);
                if (maxPerSecond > 0)
                {
                    long wait = start + (i * intervalTicks) - Stopwatch.GetTimestamp();
                    if (wait > 0)
                    {
                        await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), closed.Token).ConfigureAwait(false);
                    }
                }

                inFlight.Add(PublishOneAsync());
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The broker closed the connection: stop sending; the note says after how many PUBACKs.
        }

        await Task.WhenAny(Task.WhenAll(inFlight), Task.Delay(TimeSpan.FromSeconds(5), ct)).ConfigureAwait(false);
        TimeSpan elapsed = sw.Elapsed;
        note ??= inFlight.All(t => t.IsCompleted) ? null : $"no PUBACK for {count - acked} messages within 5 s";
        return new RunResult(acked, count - acked, elapsed, note);

        async Task PublishOneAsync()
        {
            try
            {
                MqttClientPublishResult result = await client.PublishAsync(message, closed.Token).ConfigureAwait(false);
                if (result.IsSuccess)
                {
                    Interlocked.Increment(ref acked);
                }
            }
            catch (Exception e) when (e is MqttCommunicationException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                note ??= $"broker closed the connection after {Volatile.Read(ref acked)} PUBACKs";
                await closed.CancelAsync().ConfigureAwait(false);
            }
            finally
            {
                credits.Release();
            }
        }
    }

    private async Task<IMqttClient?> OpenAsync(int port, Credential cred, CancellationToken ct)
    {
        IMqttClient client = _factory.CreateMqttClient();
        MqttClientOptions options = new MqttClientOptionsBuilder()
            .WithEndPoint(new IPEndPoint(IPAddress.Loopback, port))
            .WithStreamProvider(_tls)
            .WithClientId(cred.ClientId)
            .WithCredentials(cred.Username, (byte[]?)null)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(60))
            .WithCleanSession(true)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();
        try
        {
            MqttClientConnectResult result = await client.ConnectAsync(options, ct).ConfigureAwait(false);
            if (result.ResultCode == MqttClientConnectResultCode.Success)
            {
                return client;
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }

        client.Dispose();
        return null;
    }
}

/// <summary>An MQTT client id and the custom-authorizer username signed for it (a secret: never printed).</summary>
internal sealed record Credential(string ClientId, string Username);
