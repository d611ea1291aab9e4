namespace AwsIotDevice.Emulator.Logging;

/// <summary>
/// One structured log line: a connection outcome or a refusal. Never put a token, signature, password or key
/// here (use <see cref="Redact"/> for a length and short hash when a secret's identity matters).
/// </summary>
public sealed class LogEntry
{
    /// <summary>When it happened (UTC).</summary>
    public DateTimeOffset Time { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>What happened: see <see cref="LogEvents"/>.</summary>
    public required string Event { get; init; }

    /// <summary>AWS's reason name (see <see cref="LogReasons"/>), when there is one.</summary>
    public string? Reason { get; init; }

    /// <summary>The emulator's connection id (the event's connectionMetadata.id once assigned).</summary>
    public string? ConnectionId { get; init; }

    /// <summary>MQTT client id, when known.</summary>
    public string? ClientId { get; init; }

    /// <summary>TLS SNI the client sent.</summary>
    public string? Sni { get; init; }

    /// <summary>Negotiated ALPN protocol ("" = none).</summary>
    public string? Alpn { get; init; }

    /// <summary>The rule that failed (or the decision made), one line.</summary>
    public string? Rule { get; init; }

    /// <summary>What to change to make it work, one line.</summary>
    public string? Hint { get; init; }

    /// <summary>Extra non-secret details (authorizer, topic, principal, ...).</summary>
    public IReadOnlyDictionary<string, string>? Details { get; init; }

    /// <summary>"len=N sha256=abcd1234": identifies a secret without revealing it.</summary>
    public static string Redact(string? secret)
    {
        if (secret is null) return "absent";
        byte[] hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret));
        return $"len={secret.Length} sha256={Convert.ToHexStringLower(hash, 0, 4)}";
    }
}
