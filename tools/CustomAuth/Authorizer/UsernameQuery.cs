namespace AwsIotDevice.CustomAuth.Authorizer;

/// <summary>
/// An MQTT CONNECT username (or an HTTP query string) read the way AWS IoT Core reads it:
/// <c>&lt;user&gt;?key=value&amp;key=value...</c>. Split at the first '?'; keys and values decoded by
/// <see cref="PercentDecoding"/> (UTF-8); a raw '+' decodes to a space in strict mode (form decoding), so an unencoded
/// base64 signature breaks; '/' and %2F both mean '/'. SDK metrics keys are recognised and ignored.
/// Shared by the emulator (strict, as AWS's front door) and the reference authorizer (lenient: '+' stays '+').
/// </summary>
public sealed class UsernameQuery
{
    /// <summary>Query key naming the authorizer.</summary>
    public const string AuthorizerNameKey = "x-amz-customauthorizer-name";

    /// <summary>Query key carrying the token signature.</summary>
    public const string SignatureKey = "x-amz-customauthorizer-signature";

    /// <summary>Keys AWS SDKs append for usage metrics; they never reach authorizer selection.</summary>
    public static readonly IReadOnlySet<string> MetricsKeys = new HashSet<string>(StringComparer.Ordinal) { "SDK", "Version", "Platform", "MQTTLib", "Metadata" };

    private readonly Dictionary<string, string> _values;
    private readonly Dictionary<string, string> _raw;

    private UsernameQuery(string? user, bool hasQuery, Dictionary<string, string> values, Dictionary<string, string> raw, List<string> metrics, List<string> duplicates)
    {
        User = user;
        HasQuery = hasQuery;
        _values = values;
        _raw = raw;
        IgnoredMetricsKeys = metrics;
        DuplicateKeys = duplicates;
    }

    /// <summary>The part before the first '?' (the whole username without a query); null when no username was sent.</summary>
    public string? User { get; }

    /// <summary>Whether the username had a '?'.</summary>
    public bool HasQuery { get; }

    /// <summary>SDK metrics keys found (and ignored).</summary>
    public IReadOnlyList<string> IgnoredMetricsKeys { get; }

    /// <summary>Keys that appeared more than once (the first value is used).</summary>
    public IReadOnlyList<string> DuplicateKeys { get; }

    /// <summary>Decoded keys present (metrics keys excluded).</summary>
    public IEnumerable<string> Keys => _values.Keys;

    /// <summary>
    /// The decoded value of the first <paramref name="key"/> in <paramref name="username"/>'s query (raw '+' kept, a
    /// second '?' taken literally), or null when there is no query, no such key, or the query is malformed.
    /// </summary>
    public static string? Get(string? username, string key) =>
        TryParse(username, plusIsSpace: false, secondQuestionMarkIsError: false, out UsernameQuery query, out _) ? query.Get(key) : null;

    /// <summary>The decoded value of <paramref name="key"/>, or null.</summary>
    public string? Get(string key) => _values.TryGetValue(key, out var v) ? v : null;

    /// <summary>The value of <paramref name="key"/> exactly as sent (still percent-encoded), or null. Never log it for secrets.</summary>
    public string? GetRaw(string key) => _raw.TryGetValue(key, out var v) ? v : null;

    /// <summary>The authorizer named in the query, or null.</summary>
    public string? AuthorizerName => Get(AuthorizerNameKey);

    /// <summary>The decoded signature, or null.</summary>
    public string? Signature => Get(SignatureKey);

    /// <summary>True when the raw signature contained an unencoded '+'.</summary>
    public bool SignatureHasRawPlus => GetRaw(SignatureKey)?.Contains('+') == true;

    /// <summary>
    /// Parses <paramref name="username"/>. Returns false with a one-line, secret-free <paramref name="error"/> when
    /// AWS would fail: a second '?' (when <paramref name="secondQuestionMarkIsError"/>; observed to break
    /// authorizer invocation) or broken percent-encoding.
    /// </summary>
    public static bool TryParse(string? username, bool plusIsSpace, bool secondQuestionMarkIsError, out UsernameQuery query, out string? error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        var metrics = new List<string>();
        var duplicates = new List<string>();
        error = null;
        query = new UsernameQuery(username, false, values, raw, metrics, duplicates);
        if (username is null) return true;

        int q = username.IndexOf('?');
        if (q < 0) return true;
        string user = username[..q];
        string rest = username[(q + 1)..];
        if (secondQuestionMarkIsError && rest.Contains('?'))
        {
            error = "username has a second '?' (observed on AWS: the authorizer is then not invoked); append further parameters, including SDK metrics, with '&'";
            return false;
        }

        foreach (string pair in rest.Split('&'))
        {
            if (pair.Length == 0) continue;
            int eq = pair.IndexOf('=');
            string rawKey = eq < 0 ? pair : pair[..eq];
            string rawValue = eq < 0 ? "" : pair[(eq + 1)..];
            string? key = Decode(rawKey, plusIsSpace);
            if (key is null)
            {
                error = $"username query has a key with broken percent-encoding (at offset {q + 1 + rest.IndexOf(pair, StringComparison.Ordinal)}); encode '%' as %25 and use %XX with two hex digits";
                return false;
            }
            string? value = Decode(rawValue, plusIsSpace);
            if (value is null)
            {
                error = $"username query value of '{Safe(key)}' has broken percent-encoding; use %XX with two hex digits (encode '%' as %25)";
                return false;
            }
            if (MetricsKeys.Contains(key))
            {
                metrics.Add(key);
                continue;
            }
            if (values.ContainsKey(key))
            {
                duplicates.Add(key);
                continue;
            }
            values[key] = value;
            raw[key] = rawValue;
        }

        query = new UsernameQuery(user, true, values, raw, metrics, duplicates);
        return true;
    }

    private static string? Decode(string text, bool plusIsSpace) => PercentDecoding.Decode(text, plusIsSpace);

    private static string Safe(string key) => LogText.Quote(key, 64).Trim('\'');
}
