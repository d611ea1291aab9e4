using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AwsIotDevice.LambdaAuthorizer;

/// <summary>
/// One JSON line per decision on the function's standard output (Lambda sends it to CloudWatch Logs, where it can be
/// queried by field). Fields: time, level, event, requestId, connectionId, protocols, clientId, decision (allow/deny),
/// reason, principalId, token (only "len=N sha256=xxxxxxxx", never the token), durationMs. The token, the signature
/// and the MQTT password are never written.
/// </summary>
public sealed class DecisionLog
{
    private readonly TextWriter _output;
    private readonly object _gate = new();

    /// <summary>Writes to <paramref name="output"/> (stdout in Lambda).</summary>
    public DecisionLog(TextWriter output) => _output = output;

    /// <summary>What one decision is logged with.</summary>
    public sealed class Entry
    {
        /// <summary>Lambda's request id (Lambda-Runtime-Aws-Request-Id).</summary>
        public string? RequestId { get; init; }

        /// <summary>The event's connectionMetadata.id.</summary>
        public string? ConnectionId { get; init; }

        /// <summary>The event's protocols.</summary>
        public IReadOnlyList<string> Protocols { get; init; } = [];

        /// <summary>The MQTT client id (not a secret; untrusted text, JSON-escaped and cut).</summary>
        public string? ClientId { get; init; }

        /// <summary>True when allowed.</summary>
        public bool Allowed { get; init; }

        /// <summary>The reason (secret-free by construction in the reference authorizer).</summary>
        public required string Reason { get; init; }

        /// <summary>The response's principalId.</summary>
        public string? PrincipalId { get; init; }

        /// <summary>The token, to be fingerprinted (never written).</summary>
        public string? Token { get; init; }

        /// <summary>Handler time.</summary>
        public double DurationMs { get; init; }

        /// <summary>ERROR for a bug caught by the handler, else INFO.</summary>
        public bool IsError { get; init; }
    }

    /// <summary>Writes <paramref name="entry"/> as one line.</summary>
    public void Write(Entry entry)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("time", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("level", entry.IsError ? "ERROR" : "INFO");
            w.WriteString("event", "authorizer.decision");
            WriteIf(w, "requestId", entry.RequestId);
            WriteIf(w, "connectionId", Cut(entry.ConnectionId, 64));
            w.WriteStartArray("protocols");
            foreach (string protocol in entry.Protocols.Take(8))
            {
                w.WriteStringValue(Cut(protocol, 16));
            }

            w.WriteEndArray();
            WriteIf(w, "clientId", Cut(entry.ClientId, 128));
            w.WriteString("decision", entry.Allowed ? "allow" : "deny");
            w.WriteString("reason", Cut(entry.Reason, 512));
            WriteIf(w, "principalId", entry.PrincipalId);
            w.WriteString("token", Fingerprint(entry.Token));
            w.WriteNumber("durationMs", Math.Round(entry.DurationMs, 3));
            w.WriteEndObject();
        }

        string line = Encoding.UTF8.GetString(stream.ToArray());
        lock (_gate)
        {
            _output.WriteLine(line);
            _output.Flush();
        }
    }

    /// <summary>"len=N sha256=xxxxxxxx": tells tokens apart in logs without revealing them; "absent" when none.</summary>
    public static string Fingerprint(string? secret)
    {
        if (secret is null)
        {
            return "absent";
        }

        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        return $"len={secret.Length} sha256={Convert.ToHexStringLower(hash, 0, 4)}";
    }

    private static void WriteIf(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static string? Cut(string? value, int max) => value is null || value.Length <= max ? value : value[..max] + "...";
}
