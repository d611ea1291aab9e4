using System.Text.Json;

namespace AwsIotDevice.Demo;

/// <summary>One telemetry payload as the device's PayloadWriter writes it: device, seq, uptimeMs, dropped, readings.</summary>
internal sealed class TelemetryMessage
{
    public required string Device { get; init; }

    public required long Sequence { get; init; }

    public long UptimeMs { get; init; }

    /// <summary>The device's cumulative dropped count (0 when the field is absent).</summary>
    public long Dropped { get; init; }

    public IReadOnlyList<KeyValuePair<string, double?>> Readings { get; init; } = [];

    /// <summary>Parses <paramref name="payload"/>; null when it is not a telemetry message (wrong shape or not JSON).</summary>
    public static TelemetryMessage? TryParse(ReadOnlySpan<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            using var doc = JsonDocument.ParseValue(ref reader);
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !TryLong(root, "seq", out long sequence))
            {
                return null;
            }

            var readings = new List<KeyValuePair<string, double?>>();
            if (root.TryGetProperty("readings", out var values) && values.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in values.EnumerateObject())
                {
                    readings.Add(new(p.Name, p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetDouble() : null));
                }
            }

            return new TelemetryMessage
            {
                Device = root.TryGetProperty("device", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : string.Empty,
                Sequence = sequence,
                UptimeMs = TryLong(root, "uptimeMs", out long up) ? up : 0,
                Dropped = TryLong(root, "dropped", out long dropped) ? dropped : 0,
                Readings = readings,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // TryGetInt64 throws for a non-number; a payload from someone else must only make the message unreadable.
    private static bool TryLong(JsonElement root, string name, out long value)
    {
        value = 0;
        return root.TryGetProperty(name, out JsonElement element) && element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value);
    }
}
