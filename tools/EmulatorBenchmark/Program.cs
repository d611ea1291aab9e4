using System.Globalization;
using System.Security.Cryptography;
using AwsIotDevice.Core.Auth;
using AwsIotDevice.CustomAuth.Signing;
using AwsIotDevice.CustomAuth.Tokens;
using AwsIotDevice.Emulator.Init;

namespace AwsIotDevice.EmulatorBenchmark;

/// <summary>
/// Emulator vs mosquitto under the same client load, same run: connect+auth/s (sequential and concurrent) and
/// QoS 1 publishes/s (AWS-capped, and with the emulator's publish limit raised). Prints one table; bounded in
/// count and time (whole run cancelled after 4 minutes).
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        Settings s;
        try
        {
            s = Settings.Parse(args);
        }
        catch (BenchmarkException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        string dir = Path.Combine(Path.GetTempPath(), "emu-bench-" + Guid.NewGuid().ToString("N")[..8]);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            await RunAsync(s, dir, cts.Token);
            return 0;
        }
        catch (BenchmarkException e)
        {
            Console.Error.WriteLine("benchmark: " + e.Message);
            return 1;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("benchmark: stopped after its 4-minute bound; lower --connects/--messages");
            return 1;
        }
        finally
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A temp directory left behind is harmless.
            }
        }
    }

    private static async Task RunAsync(Settings s, string dir, CancellationToken ct)
    {
        InitResult init = EmulatorInit.Run(new InitOptions { Directory = dir, HostName = "localhost", Port = 0 });
        Console.WriteLine($"setup: emulator init in {dir}; signing tokens (not timed) ...");
        var creds = new CredentialFactory(init);

        // Default limits = AWS's (1 CONNECT/s per client id, 100 publishes/s and 512 KiB/s per connection).
        await using var emuAws = await EmulatorBroker.StartAsync(init.ConfigFile, _ => { }, ct);
        // Same config with only the per-connection publish limits raised (limits.maxPublishesPerSecond / maxPublishBytesPerSecond).
        await using var emuRaised = await EmulatorBroker.StartAsync(init.ConfigFile, c =>
        {
            c.Limits.MaxPublishesPerSecond = 1_000_000;
            c.Limits.MaxPublishBytesPerSecond = int.MaxValue;
        }, ct);
        using var mosq = MosquittoBroker.Start(s.Mosquitto, dir);
        s_mosquitto = mosq;
        var serverCerts = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
        serverCerts.ImportFromPemFile(Path.Combine(dir, "server.crt"));
        var caCerts = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
        caCerts.ImportFromPemFile(init.CaFile);
        var load = new MqttLoad(serverCerts[0], caCerts[0]);
        Console.WriteLine($"brokers: emulator (AWS limits) :{emuAws.Port} [{await load.ProbeTlsAsync(emuAws.Port, ct)}], " +
                          $"emulator (publish limit raised) :{emuRaised.Port}, mosquitto :{mosq.Port} [{await load.ProbeTlsAsync(mosq.Port, ct)}]");

        // Warm-up (JIT, TLS session machinery, mosquitto page-in); not reported.
        var warm = creds.Make("warm", 150);
        await load.SequentialConnectsAsync(emuAws.Port, warm, ct);
        await load.SequentialConnectsAsync(emuRaised.Port, warm, ct);
        await load.SequentialConnectsAsync(mosq.Port, warm, ct);
        await load.PublishAsync(emuRaised.Port, creds.Make("warm-pub", 1)[0], 2000, s.PayloadBytes, 10, 0, ct);
        await load.PublishAsync(mosq.Port, creds.Make("warm-pub", 1)[0], 2000, s.PayloadBytes, 10, 0, ct);

        var rows = new List<Row>();
        Console.WriteLine($"running: {s.Rounds} rounds of {s.Connects} sequential + {s.Connects * 2} concurrent ({s.Workers} workers) connects ...");
        var seq = new List<(RunResult E, RunResult M)>();
        var par = new List<(RunResult E, RunResult M)>();
        for (int r = 0; r < s.Rounds; r++)
        {
            // Fresh client ids each round: the emulator allows 1 CONNECT/s per client id, like AWS.
            var ids = creds.Make($"seq{r}", s.Connects);
            seq.Add(await Pair(r, () => load.SequentialConnectsAsync(emuAws.Port, ids, ct), () => load.SequentialConnectsAsync(mosq.Port, ids, ct)));
            var pids = creds.Make($"par{r}", s.Connects * 2);
            par.Add(await Pair(r, () => load.ConcurrentConnectsAsync(emuAws.Port, pids, s.Workers, ct), () => load.ConcurrentConnectsAsync(mosq.Port, pids, s.Workers, ct)));
        }

        rows.Add(Row.Median("connect+auth/s, sequential", seq));
        rows.Add(Row.Median($"connect+auth/s, {s.Workers} concurrent workers", par));

        Console.WriteLine($"running: QoS 1 at the AWS limit ({s.CappedMessages} msgs, client paced evenly at 95/s) ...");
        var pub = creds.Make("pubcap", 1)[0];
        var capped = await Pair(0, () => load.PublishAsync(emuAws.Port, pub, s.CappedMessages, s.PayloadBytes, 1, 100, ct), () => load.PublishAsync(mosq.Port, pub, s.CappedMessages, s.PayloadBytes, 1, 100, ct));
        rows.Add(Row.Of("QoS1 pub/s, paced 95/s [CAPPED: AWS limit 100/s]", capped.E, capped.M));

        // Unpaced against AWS limits: the emulator must refuse (THROTTLED close) after 100 in one second.
        int throttledBefore = emuAws.Log.Throttled;
        var burst = await load.PublishAsync(emuAws.Port, creds.Make("pubburst", 1)[0], s.CappedMessages, s.PayloadBytes, 10, 0, ct);
        string burstNote = $"unpaced {s.CappedMessages} QoS1 (window 10) vs AWS limits: {burst.Ok} PUBACKs, then " +
                           (emuAws.Log.Throttled > throttledBefore ? "closed THROTTLED (as AWS: > 100 publishes/s)" : burst.Note ?? "no throttle seen (unexpected)");

        Console.WriteLine($"running: {s.Rounds} rounds of QoS 1 x {s.Messages} with the emulator's publish limit raised ...");
        var sw1 = new List<(RunResult E, RunResult M)>();
        var sw10 = new List<(RunResult E, RunResult M)>();
        for (int r = 0; r < s.Rounds; r++)
        {
            var a = creds.Make($"pub1-{r}", 1)[0];
            sw1.Add(await Pair(r, () => load.PublishAsync(emuRaised.Port, a, s.Messages, s.PayloadBytes, 1, 0, ct), () => load.PublishAsync(mosq.Port, a, s.Messages, s.PayloadBytes, 1, 0, ct)));
            var b = creds.Make($"pub10-{r}", 1)[0];
            sw10.Add(await Pair(r, () => load.PublishAsync(emuRaised.Port, b, s.Messages, s.PayloadBytes, 10, 0, ct), () => load.PublishAsync(mosq.Port, b, s.Messages, s.PayloadBytes, 10, 0, ct)));
        }

        rows.Add(Row.Median("QoS1 pub/s, wait each PUBACK [emulator limit RAISED]", sw1));
        rows.Add(Row.Median("QoS1 pub/s, window 10 [emulator limit RAISED]", sw10));

        Print(s, rows, burstNote, emuAws.Log.Refused, emuRaised.Log.Refused);
    }

    private static AwsIotDevice.TestSupport.Mosquitto? s_mosquitto;

    // Alternate which broker goes first so neither always gets the warmer machine.
    private static async Task<(RunResult E, RunResult M)> Pair(int round, Func<Task<RunResult>> emulator, Func<Task<RunResult>> mosquitto)
    {
        if (round % 2 == 0)
        {
            var e = await Measured(emulator);
            return (e, await Measured(mosquitto));
        }

        var m = await Measured(mosquitto);
        return (await Measured(emulator), m);
    }

    private static async Task<RunResult> Measured(Func<Task<RunResult>> run)
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        TimeSpan self0 = self.TotalProcessorTime, mosq0 = s_mosquitto!.Cpu;
        RunResult r = await run();
        self.Refresh();
        return r with { SelfCpu = self.TotalProcessorTime - self0, MosquittoCpu = s_mosquitto.Cpu - mosq0 };
    }

    private static void Print(Settings s, List<Row> rows, string burstNote, int emuAwsRefused, int emuRaisedRefused)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine($"payload {s.PayloadBytes} B, MQTT 3.1.1, TLS + SNI localhost + ALPN mqtt, all on 127.0.0.1; median of {s.Rounds} rounds where repeated");
        Console.WriteLine($"{"metric (ops/s)",-56} {"emulator",10} {"mosquitto",10} {"ratio",7}   {"CPU us/op: this process e|m, mosquitto",-40}");
        Console.WriteLine(new string('-', 126));
        foreach (Row r in rows)
        {
            string ratio = r.Mosquitto.PerSecond > 0 ? (r.Emulator.PerSecond / r.Mosquitto.PerSecond).ToString("0.00", inv) : "n/a";
            string cpu = $"{r.Emulator.CpuMicrosPerOp.Self.ToString("0", inv)} | {r.Mosquitto.CpuMicrosPerOp.Self.ToString("0", inv)}, {r.Mosquitto.CpuMicrosPerOp.Mosquitto.ToString("0", inv)}";
            Console.WriteLine($"{r.Metric,-56} {r.Emulator.PerSecond.ToString("0", inv),10} {r.Mosquitto.PerSecond.ToString("0", inv),10} {ratio,7}   {cpu,-40}");
            foreach (var (who, res) in new[] { ("emulator", r.Emulator), ("mosquitto", r.Mosquitto) })
            {
                if (res.Failed > 0 || res.Note is not null)
                {
                    Console.WriteLine($"    ! {who}: {res.Failed} failed{(res.Note is null ? "" : "; " + res.Note)}");
                }
            }
        }

        Console.WriteLine(new string('-', 126));
        Console.WriteLine("ratio = emulator / mosquitto (higher = emulator faster; 1.00 = same).");
        Console.WriteLine("check: " + burstNote);
        Console.WriteLine("CPU: 'e' = this process while the emulator was the target (client + emulator), 'm' = this process while mosquitto was");
        Console.WriteLine("     (client only), then mosquitto's own CPU. Emulator server cost ~= e - m; mosquitto's = the last figure.");
        Console.WriteLine($"emulator REFUSED/DENIED log entries: AWS-limits instance {emuAwsRefused}, raised-limit instance {emuRaisedRefused} (the 1 expected on the AWS-limits instance is the throttle check above; more = refused CONNECTs)");
    }

    private sealed record Row(string Metric, RunResult Emulator, RunResult Mosquitto)
    {
        public static Row Of(string metric, RunResult e, RunResult m) => new(metric, e, m);

        // Median per broker on rate; failures/notes taken from the chosen run.
        public static Row Median(string metric, List<(RunResult E, RunResult M)> runs) =>
            new(metric, Mid(runs.Select(x => x.E)), Mid(runs.Select(x => x.M)));

        private static RunResult Mid(IEnumerable<RunResult> xs)
        {
            var sorted = xs.OrderBy(x => x.PerSecond).ToList();
            return sorted[sorted.Count / 2];
        }
    }
}

/// <summary>
/// Signs a token per client id with the authorizer private key from init (tools/CustomAuth format: the reference
/// authorizer accepts a token only for the client id inside it), and builds the custom-auth username with the
/// firmware's AuthUsername.Build. Signing happens before timing starts.
/// </summary>
internal sealed class CredentialFactory(InitResult init)
{
    private readonly RSA _key = RsaKeyFile.LoadPrivateKey(init.PrivateKeyFile);

    /// <summary><paramref name="count"/> credentials with client ids bench-&lt;tag&gt;-&lt;i&gt;.</summary>
    public IReadOnlyList<Credential> Make(string tag, int count)
    {
        var list = new List<Credential>(count);
        DateTimeOffset expires = DateTimeOffset.UtcNow.AddHours(1);
        for (int i = 0; i < count; i++)
        {
            string id = $"bench-{tag}-{i:D4}";
            string token = AuthToken.Create(id, expires).Encode();
            string signature = TokenSignature.Sign(_key, token);
            list.Add(new Credential(id, AuthUsername.Build(string.Empty, init.AuthorizerName, signature, init.TokenKeyName, token)));
        }

        return list;
    }
}

/// <summary>Command-line knobs (all optional).</summary>
internal sealed record Settings(int Connects, int Workers, int Messages, int CappedMessages, int PayloadBytes, int Rounds, string Mosquitto)
{
    /// <summary>--connects N (sequential per round; concurrent = 2N), --workers K, --messages M, --capped C, --payload B, --rounds R, --mosquitto PATH.</summary>
    public static Settings Parse(string[] args)
    {
        var s = new Settings(200, 4, 2000, 300, 100, 5, "/usr/sbin/mosquitto");
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (i + 1 >= args.Length)
            {
                throw new BenchmarkException($"{name}: missing value; e.g. {name} 100");
            }

            string v = args[++i];
            s = name switch
            {
                "--connects" => s with { Connects = Int(name, v, 1, 5000) },
                "--workers" => s with { Workers = Int(name, v, 1, 64) },
                "--messages" => s with { Messages = Int(name, v, 1, 100_000) },
                "--capped" => s with { CappedMessages = Int(name, v, 101, 3000) },
                "--payload" => s with { PayloadBytes = Int(name, v, 0, 65536) },
                "--rounds" => s with { Rounds = Int(name, v, 1, 9) },
                "--mosquitto" => s with { Mosquitto = v },
                _ => throw new BenchmarkException($"unknown option {name}; use --connects --workers --messages --capped --payload --rounds --mosquitto"),
            };
        }

        return s;
    }

    private static int Int(string name, string v, int min, int max) =>
        int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max
            ? n
            : throw new BenchmarkException($"{name}: '{v}' is not a whole number in {min}..{max}");
}
