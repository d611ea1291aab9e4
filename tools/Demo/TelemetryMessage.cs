using System.Text.Json;

namespace AwsIotDevice.Demo;

/// <summary>
/// One telemetry reading as the device's PayloadWriter writes it: device, seq, uptimeMs, dropped, readings. A payload
/// holds one such object (a live reading) or a JSON array of them (a backlog batch after an outage).
/// </summary>
internal sealed class TelemetryMessage
{
    public required string Device { get; init; }

    public required long Sequence { get; init; }

    public long UptimeMs { get; init; }

    /// <summary>The device's cumulative dropped count (0 when the field is absent).</summary>
    public long Dropped { get; init; }

    public IReadOnlyList<KeyValuePair<string, double?>> Readings { get; init; } = [];

    /// <summary>Parses a single-object <paramref name="payload"/>; null when it is not one telemetry reading (wrong shape, an array, or not JSON).</summary>
    public static TelemetryMessage? TryParse(ReadOnlySpan<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            using var doc = JsonDocument.ParseValue(ref reader);
            return FromElement(doc.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Every reading in <paramref name="payload"/>, in payload order: one for a single object, each element of a
    /// batch (a JSON array of reading objects). Empty when the payload is not telemetry: not JSON, an empty array, or
    /// an array with any element that is not a reading (a half-understood batch would miscount).
    /// </summary>
    public static IReadOnlyList<TelemetryMessage> ParseAll(ReadOnlySpan<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            using var doc = JsonDocument.ParseValue(ref reader);
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                return FromElement(root) is { } single ? [single] : [];
            }

            var all = new List<TelemetryMessage>(root.GetArrayLength());
            foreach (JsonElement element in root.EnumerateArray())
            {
                if (FromElement(element) is not { } message)
                {
                    return [];
                }

                all.Add(message);
            }

            return all;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static TelemetryMessage? FromElement(JsonElement root)
    {
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

    // TryGetInt64 throws for a non-number; a payload from someone else must only make the message unreadable.
    private static bool TryLong(JsonElement root, string name, out long value)
    {
        value = 0;
        return root.TryGetProperty(name, out JsonElement element) && element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value);
    }
}
