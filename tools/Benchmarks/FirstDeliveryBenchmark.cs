using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.Demo;
using AwsIotDevice.VirtualDevice;

namespace AwsIotDevice.Benchmarks;

/// <summary>
/// (c) Time from start to the first reading delivered to a subscriber, for the virtual device (runner start with a
/// complete settings file: boot, TLS, in wss mode the WebSocket upgrade, CONNECT, sample, publish) beside a Python
/// paho-mqtt client (process spawn: interpreter, imports, TLS, the WebSocket upgrade for wss, CONNECT, publish), per
/// route: wss (the device's default, paho's WebSocket transport, no ALPN, credentials in the upgrade headers) and alpn
/// (raw MQTT with ALPN mqtt, credentials in the username). Alternating, each round with fresh client ids, all against
/// one in-process emulator on 127.0.0.1 and one subscriber. Medians and their ratio are printed.
/// </summary>
internal static class FirstDeliveryBenchmark
{
    private static readonly TimeSpan RoundLimit = TimeSpan.FromSeconds(30);

    public static async Task RunAsync(TextWriter output, int rounds)
    {
        output.WriteLine($"(c) start -> first reading delivered (subscriber on the same emulator), {rounds} round(s) each, alternating");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        CancellationToken ct = cancel.Token;
        var clock = Stopwatch.StartNew();
        var arrivals = new ConcurrentDictionary<string, (TimeSpan At, DateTime Utc)>();

        await using DemoEmulator emulator = await DemoEmulator.StartAsync(ct, watched: "devices/*/telemetry");
        const string viewerId = DemoEmulator.ViewerClientId + "-bench";
        await using var viewer = new TelemetrySubscriber(emulator.Host, () => emulator.Port, AwsIotDevice.CustomAuthMqttClient.CustomAuthMqttOptions.LoadTrust(emulator.Init.CaFile), viewerId,
            () => emulator.UsernameFor(viewerId), "devices/+/telemetry", new DeliveryLedger(clock));
        viewer.Reading += (message, _) => arrivals.TryAdd(message.Device, (clock.Elapsed, DateTime.UtcNow));
        viewer.Start();
        if (!await viewer.WaitSubscribedAsync(TimeSpan.FromSeconds(15), ct))
        {
            output.WriteLine("    the subscriber could not subscribe; no figures");
            return;
        }

        string script = Path.Combine(emulator.Directory, "paho_publish.py");
        await File.WriteAllTextAsync(script, PahoScript.Source, ct);
        string? pahoProblem = await PahoProblemAsync(ct);
        if (pahoProblem is not null)
        {
            output.WriteLine($"    paho-mqtt side skipped: {pahoProblem}");
        }

        foreach (string mode in new[] { DeviceSettings.ModeWss, DeviceSettings.ModeAlpn })
        {
            string pahoRoute = mode == DeviceSettings.ModeWss ? "paho websockets" : "paho tcp+ALPN";
            output.WriteLine($"    {mode}: virtual device aws.mode={mode} vs {pahoRoute}");
            var device = new List<double>();
            var paho = new List<double>();
            var pahoInScript = new List<double>();
            for (int round = 1; round <= rounds; round++)
            {
                double? vd = await VirtualDeviceRoundAsync(emulator, arrivals, clock, mode, round, ct);
                device.AddIfValue(vd);
                string line = $"      round {round}: virtual device {Ms(vd)}";
                if (pahoProblem is null)
                {
                    (double? spawn, double? inScript, string? failure) = await PahoRoundAsync(emulator, script, arrivals, clock, mode, round, ct);
                    paho.AddIfValue(spawn);
                    pahoInScript.AddIfValue(inScript);
                    line += $", {pahoRoute} {Ms(spawn)} from process start ({Ms(inScript)} after imports){(failure is null ? string.Empty : " [" + failure + "]")}";
                }

                output.WriteLine(line);
            }

            output.WriteLine($"      median: virtual device {Ms(Median(device))}" + (pahoProblem is null
                ? $", {pahoRoute} {Ms(Median(paho))} from process start, {Ms(Median(pahoInScript))} after imports"
                : string.Empty));
            if (Median(device) is { } d && Median(paho) is { } p && Median(pahoInScript) is { } q && p > 0 && q > 0)
            {
                output.WriteLine($"      ratio virtual device / paho: {d / p:0.00} (vs process start), {d / q:0.00} (vs after imports)");
            }
        }

        output.WriteLine("    (the machine is shared: run it twice and compare before reading much into small differences)");
    }

    private static async Task<double?> VirtualDeviceRoundAsync(DemoEmulator emulator, ConcurrentDictionary<string, (TimeSpan At, DateTime Utc)> arrivals, Stopwatch clock, string mode, int round, CancellationToken ct)
    {
        string clientId = $"bench-vd-{mode}-{round}";
        var settings = new DeviceSettings();
        foreach (var (key, value) in DemoDevice.SettingsFor(emulator, clientId, $"devices/{clientId}/telemetry", intervalSeconds: 1, mode))
        {
            string problem = settings.Set(key, value);
            if (problem is not null)
            {
                throw new InvalidOperationException($"benchmark settings: {problem}");
            }
        }

        string path = Path.Combine(emulator.Directory, $"{clientId}.settings");
        await File.WriteAllTextAsync(path, SettingsCodec.FormatForStorage(settings), ct);
        TimeSpan start = clock.Elapsed;
        using var runner = VirtualDeviceRunner.Start(
            new VirtualDeviceOptions { SettingsPath = path, Trust = TrustAnchors.FromPemFile(emulator.Init.CaFile), Log = new DeviceLogRecorder(clock) },
            ct);
        (TimeSpan At, DateTime Utc)? arrival = await ArrivalAsync(arrivals, clientId, ct);
        return arrival is { } a ? (a.At - start).TotalMilliseconds : null;
    }

    private static async Task<(double? Spawn, double? InScript, string? Failure)> PahoRoundAsync(DemoEmulator emulator, string script, ConcurrentDictionary<string, (TimeSpan At, DateTime Utc)> arrivals, Stopwatch clock, string mode, int round, CancellationToken ct)
    {
        string clientId = $"bench-paho-{mode}-{round}";
        bool ws = mode == DeviceSettings.ModeWss;
        var start = new ProcessStartInfo(PahoScript.Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { script, emulator.Host, emulator.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), emulator.Init.CaFile, clientId, ws ? string.Empty : emulator.UsernameFor(clientId), $"devices/{clientId}/telemetry", ws ? "websockets" : "tcp" })
        {
            start.ArgumentList.Add(arg);
        }

        if (ws)
        {
            (string token, string signature) = emulator.SignToken(clientId);
            start.Environment["PAHO_AUTHORIZER"] = emulator.Init.AuthorizerName;
            start.Environment["PAHO_TOKEN_KEY"] = emulator.Init.TokenKeyName;
            start.Environment["PAHO_TOKEN"] = token;
            start.Environment["PAHO_SIGNATURE"] = signature;
        }

        TimeSpan started = clock.Elapsed;
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(ct);
        Task<string> stderr = process.StandardError.ReadToEndAsync(ct);
        (TimeSpan At, DateTime Utc)? arrival = await ArrivalAsync(arrivals, clientId, ct);
        using (var exit = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            exit.CancelAfter(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(exit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return (null, null, "python did not exit");
            }
        }

        string text = (await stdout).Trim();
        if (arrival is not { } a)
        {
            string err = (await stderr).Trim().Split('\n').LastOrDefault() ?? string.Empty;
            return (null, null, $"nothing arrived; script said: {text} {err}".Trim());
        }

        double? inScript = null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            double imported = doc.RootElement.GetProperty("imported").GetDouble();
            inScript = (a.Utc - DateTime.UnixEpoch).TotalSeconds * 1000 - imported * 1000;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // The spawn figure still stands.
        }

        return ((a.At - started).TotalMilliseconds, inScript, null);
    }

    private static async Task<(TimeSpan At, DateTime Utc)?> ArrivalAsync(ConcurrentDictionary<string, (TimeSpan At, DateTime Utc)> arrivals, string device, CancellationToken ct)
    {
        var limit = Stopwatch.StartNew();
        while (limit.Elapsed < RoundLimit)
        {
            if (arrivals.TryGetValue(device, out var arrival))
            {
                return arrival;
            }

            await Task.Delay(2, ct);
        }

        return null;
    }

    private static async Task<string?> PahoProblemAsync(CancellationToken ct)
    {
        if (!File.Exists(PahoScript.Python))
        {
            return $"{PahoScript.Python} not found (install python3 and python3-paho-mqtt)";
        }

        var check = new ProcessStartInfo(PahoScript.Python, ["-c", "import paho.mqtt; print(paho.mqtt.__version__)"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(check)!;
        string version = (await process.StandardOutput.ReadToEndAsync(ct)).Trim();
        await process.WaitForExitAsync(ct);
        return process.ExitCode == 0 ? null : $"{PahoScript.Python} cannot import paho.mqtt (apt-get install python3-paho-mqtt)";
    }

    private static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        int mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static string Ms(double? value) => value is { } v ? $"{v:0} ms" : "n/a";

    private static void AddIfValue(this List<double> list, double? value)
    {
        if (value is { } v)
        {
            list.Add(v);
        }
    }
}
