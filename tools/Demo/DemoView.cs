using AwsIotDevice.Emulator.Logging;

namespace AwsIotDevice.Demo;

/// <summary>A moment of the run, for the progress display.</summary>
internal sealed record DemoProgress(
    TimeSpan Elapsed,
    TimeSpan Duration,
    string Phase,
    string DeviceState,
    bool Connected,
    long Produced,
    int Delivered,
    int Duplicates,
    int Queued,
    int Reconnects,
    string LastFault);

/// <summary>Where the demo shows what happens: plain lines (redirected output, CI) or a live terminal view.</summary>
internal interface IDemoView
{
    /// <summary>Runs <paramref name="body"/> while the view is shown (the live view owns the terminal meanwhile).</summary>
    Task<T> ShowAsync<T>(Func<Task<T>> body);

    /// <summary>A setup or provisioning step that succeeded.</summary>
    void Step(string text);

    /// <summary>A fault the demo injects now.</summary>
    void Inject(string text);

    /// <summary>A line the device logged.</summary>
    void Device(DeviceLogLine line);

    /// <summary>A line the emulator logged.</summary>
    void Emulator(LogEntry entry);

    /// <summary>A line from the viewer (subscribed, lost, ...).</summary>
    void Viewer(string text);

    /// <summary>A reading reached the viewer (<paramref name="first"/> false: a duplicate).</summary>
    void Reading(TelemetryMessage message, bool first, int delivered);

    /// <summary>Periodic progress (about four times a second).</summary>
    void Progress(DemoProgress progress);
}

/// <summary>Text shared by the views.</summary>
internal static class DemoText
{
    /// <summary>An emulator log entry as one short line.</summary>
    public static string Describe(LogEntry e)
    {
        string who = e.ClientId is null ? string.Empty : $" {e.ClientId}";
        string reason = e.Reason is null ? string.Empty : $" {e.Reason}";
        string rule = string.IsNullOrEmpty(e.Rule) ? string.Empty : $": {e.Rule}";
        string tls = e.Event == LogEvents.ConnectOk && e.Sni is not null ? $" [sni={e.Sni} alpn={(string.IsNullOrEmpty(e.Alpn) ? "-" : e.Alpn)}]" : string.Empty;
        return $"{e.Event}{who}{reason}{tls}{rule}";
    }

    /// <summary>A reading's values as "name=value, ...".</summary>
    public static string Values(TelemetryMessage m) =>
        string.Join(", ", m.Readings.Select(r => $"{r.Key}={(r.Value is { } v ? v.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) : "null")}"));

    /// <summary>What an aws.mode value means on the wire, in one line.</summary>
    public static string ModeMeaning(string mode) => mode switch
    {
        Core.Settings.DeviceSettings.ModeWss => "MQTT over WebSockets to the default endpoint, credentials in the upgrade headers, no ALPN (what a stock nanoFramework board uses)",
        Core.Settings.DeviceSettings.ModeAlpn => "raw MQTT to the default endpoint with TLS ALPN mqtt, credentials in the username (not possible on stock nanoFramework)",
        Core.Settings.DeviceSettings.ModeDomain => "raw MQTT to the CUSTOM_AUTH domain configuration chosen by SNI, no ALPN, credentials in the username",
        _ => mode,
    };

    /// <summary>The summary as aligned lines.</summary>
    public static IEnumerable<string> Summary(DemoSummary s)
    {
        yield return $"  mode                  {s.Mode} ({ModeMeaning(s.Mode)})";
        yield return $"  produced              {s.Produced}";
        yield return $"  delivered             {s.Delivered} readings in {s.Messages} messages (a backlog goes several readings to a message)";
        yield return $"  duplicates            {s.Duplicates}";
        yield return $"  dropped (queue full)  {s.Dropped}";
        yield return $"  lost                  {s.Lost}{(s.MissingSample.Count > 0 ? "  (missing seq " + string.Join(",", s.MissingSample) + ")" : string.Empty)}";
        yield return $"  reconnects            {s.Reconnects} (CONNECT attempts {s.ConnectAttempts}, refused by the authorizer {s.AuthRefusals})";
        yield return $"  time to first reading {(s.TimeToFirstDelivery is { } t ? $"{t.TotalSeconds:0.00} s after COMMIT" : "never")}";
        yield return $"  device faults         {s.Faults}";
        yield return $"  credential renewal    {s.Renewal}";
    }
}
