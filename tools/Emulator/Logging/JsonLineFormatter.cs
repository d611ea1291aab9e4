using System.Text;
using System.Text.Json;

namespace AwsIotDevice.Emulator.Logging;

/// <summary>Formats entries as one JSON object per line.</summary>
public static class JsonLineFormatter
{
    /// <summary>The entry as compact JSON (fields that are null are left out).</summary>
    public static string Format(LogEntry e)
    {
        using var stream = new MemoryStream();
        // Relaxed escaping keeps quotes and '+' readable; control characters are still escaped, so a hostile
        // client id cannot break the one-line-per-entry format.
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("time", e.Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("event", e.Event);
            Opt(w, "reason", e.Reason);
            Opt(w, "connectionId", e.ConnectionId);
            Opt(w, "clientId", e.ClientId);
            Opt(w, "sni", e.Sni);
            Opt(w, "alpn", e.Alpn);
            Opt(w, "rule", e.Rule);
            Opt(w, "hint", e.Hint);
            if (e.Details is not null)
                foreach (var kv in e.Details) w.WriteString(kv.Key, kv.Value);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Opt(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null) w.WriteString(name, value);
    }
}
