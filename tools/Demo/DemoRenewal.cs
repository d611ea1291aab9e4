using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using AwsIotDevice.Core.Credentials;
using AwsIotDevice.CustomAuth;
using AwsIotDevice.CustomAuth.Renewal;
using AwsIotDevice.CustomAuth.Signing;
using AwsIotDevice.CustomAuth.Tokens;
using AwsIotDevice.CustomAuthMqttClient;
using AwsIotDevice.Emulator.Logging;
using MQTTnet;

namespace AwsIotDevice.Demo;

/// <summary>
/// The demo's credential renewal: the device starts with a short-lived token and a renewal key; the backend principal
/// sends it a forged renewal (refused, logged, acknowledged as rejected), then a real one (the device reconnects with
/// it, keeps it, acknowledges); once the old token has expired a probe shows the emulator refusing it while the device
/// goes on publishing with the new one. Every wait is bounded; the outcome is what the summary reports.
/// </summary>
internal sealed class DemoRenewal
{
    private static readonly TimeSpan AckWait = TimeSpan.FromSeconds(15);

    private readonly DemoEmulator _emulator;
    private readonly IDemoView _view;
    private readonly Stopwatch _clock;

    /// <summary>A renewal for the demo device of <paramref name="emulator"/> whose first token expires at <paramref name="oldExpiry"/>.</summary>
    public DemoRenewal(DemoEmulator emulator, IDemoView view, Stopwatch clock, DateTimeOffset oldExpiry)
    {
        _emulator = emulator;
        _view = view;
        _clock = clock;
        OldExpiry = DateTimeOffset.FromUnixTimeSeconds(oldExpiry.ToUnixTimeSeconds());
        (OldToken, OldSignature) = Sign(OldExpiry);
    }

    /// <summary>The device's renewal key (aws.renewalKey, base64). A throw-away demo secret.</summary>
    public string KeyBase64 => Convert.ToBase64String(Key);

    /// <summary>When the device's first token expires (whole seconds).</summary>
    public DateTimeOffset OldExpiry { get; }

    /// <summary>The device's first token and its signature (secrets).</summary>
    public string OldToken { get; }

    public string OldSignature { get; }

    /// <summary>True when the device acknowledged the forged renewal as rejected (bad-mac).</summary>
    public bool ForgedRefused { get; private set; }

    /// <summary>True when the device acknowledged the real renewal as accepted.</summary>
    public bool Accepted { get; private set; }

    /// <summary>Demo time at which the device acknowledged the new token.</summary>
    public TimeSpan? SwitchedAt { get; private set; }

    /// <summary>True when a CONNECT with the old token after its expiry was refused by the emulator as expired.</summary>
    public bool OldTokenRefused { get; private set; }

    /// <summary>True when every part happened as it should.</summary>
    public bool Passed => ForgedRefused && Accepted && OldTokenRefused;

    private byte[] Key { get; } = RandomNumberGenerator.GetBytes(Core.Settings.RenewalSettingRules.KeyBytes);

    /// <summary>Sends the forged renewal, then the real one (a 90-day token), each waiting for the device's ack.</summary>
    public async Task RenewAsync(CancellationToken ct)
    {
        string clientId = _emulator.Init.ClientId;
        DateTimeOffset newExpiry = DateTimeOffset.UtcNow.AddDays(90);
        (string token, string signature) = Sign(newExpiry);

        _view.Inject("the backend sends a FORGED renewal (a new token MAC-ed with the wrong renewal key) to " + CredentialsTopic);
        string? forged = await PublishAsync(RenewalMessageBuilder.Build(clientId, token, signature, 0, RandomNumberGenerator.GetBytes(Core.Settings.RenewalSettingRules.KeyBytes)), ct).ConfigureAwait(false);
        ForgedRefused = forged is not null && StatusOf(forged) == ("rejected", RenewalReasons.BadMac);
        _view.Step(forged is null ? "no acknowledgement of the forged renewal arrived" : $"device ack: {Describe(forged)}");

        // The broker takes one CONNECT per second per client id (AWS's limit, which the emulator enforces): the backend's
        // second connection waits it out.
        await Task.Delay(TimeSpan.FromMilliseconds(1200), ct).ConfigureAwait(false);
        _view.Inject($"the backend sends a real renewal: a new token valid until {newExpiry:yyyy-MM-dd}, MAC-ed with the device's renewal key");
        string? real = await PublishAsync(RenewalMessageBuilder.Build(clientId, token, signature, 0, Key), ct).ConfigureAwait(false);
        Accepted = real is not null && StatusOf(real)?.Status == "accepted";
        if (Accepted)
        {
            SwitchedAt = _clock.Elapsed;
        }

        _view.Step(real is null ? "no acknowledgement of the renewal arrived" : $"device ack: {Describe(real)}" + (Accepted ? " (it reconnected with the new token and stored it)" : string.Empty));
    }

    /// <summary>After the old token's expiry: a CONNECT with it, as the device would have made, must be refused as expired.</summary>
    public async Task ProbeOldTokenAsync(CancellationToken ct)
    {
        TimeSpan wait = OldExpiry.AddSeconds(1) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, ct).ConfigureAwait(false);
        }

        // Not the device's client id: that one may be inside the demo's auth-refusal window (refused before the real
        // authorizer runs, so never "expired") and the broker takes only one CONNECT per second per client id. The
        // reference authorizer checks expiry before the token's client-id binding, so the refusal still says expired.
        string clientId = ProbeClientId(_emulator.Init.ClientId);
        int before = _emulator.Log.Entries.Count;
        string username = Core.Auth.AuthUsername.Build(string.Empty, _emulator.Init.AuthorizerName, OldSignature, _emulator.Init.TokenKeyName, OldToken);
        EmulatorBackend backend = EmulatorBackend.FromConfig(_emulator.Init.ConfigFile, _emulator.Port);
        MqttClientOptions options = CustomAuthMqttOptions.Create(backend.Endpoint, clientId, username, timeout: TimeSpan.FromSeconds(10));
        using IMqttClient probe = new MqttClientFactory().CreateMqttClient();
        bool connected;
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(TimeSpan.FromSeconds(10));
            connected = (await probe.ConnectAsync(options, limit.Token).ConfigureAwait(false)).ResultCode == MqttClientConnectResultCode.Success;
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            connected = false;
        }

        bool saidExpired = _emulator.Log.Entries.Skip(before).Any(e => e.Event == LogEvents.Refused && e.ClientId == clientId
            && $"{e.Reason} {e.Rule} {e.Hint}".Contains("expired", StringComparison.OrdinalIgnoreCase));
        OldTokenRefused = !connected && saidExpired;
        _view.Step(OldTokenRefused
            ? $"the old token expired at {OldExpiry:HH:mm:ss} UTC: a CONNECT with it is refused now, while the device publishes with the new one"
            : $"the old token's CONNECT after its expiry was {(connected ? "ACCEPTED" : "refused, but not as expired")}");
    }

    /// <summary>The client id the old-token probe connects with: the device's id with a <c>-probe</c> suffix.</summary>
    internal static string ProbeClientId(string deviceClientId) => deviceClientId + "-probe";

    private string CredentialsTopic => CredentialTopics.CredentialsTopic(_emulator.Init.Topic, _emulator.Init.ClientId)!;

    private (string Token, string Signature) Sign(DateTimeOffset expiry)
    {
        string token = AuthToken.Create(_emulator.Init.ClientId, expiry).Encode();
        using var key = RsaKeyFile.LoadPrivateKey(_emulator.Init.PrivateKeyFile);
        return (token, TokenSignature.Sign(key, token));
    }

    private async Task<string?> PublishAsync(string message, CancellationToken ct)
    {
        EmulatorBackend backend = EmulatorBackend.FromConfig(_emulator.Init.ConfigFile, _emulator.Port);
        using var rsa = RsaKeyFile.LoadPrivateKey(_emulator.Init.PrivateKeyFile);
        string ackTopic = CredentialTopics.AckTopic(_emulator.Init.Topic, _emulator.Init.ClientId)!;
        try
        {
            return await EmulatorRenewalPublisher.PublishAsync(backend, rsa, CredentialsTopic, ackTopic, message, AckWait, ct).ConfigureAwait(false);
        }
        catch (CustomAuthException e)
        {
            _view.Step("renewal: " + e.Message);
            return null;
        }
    }

    /// <summary>
    /// The status and reason of a device ack, or null when the ack is not a JSON object with string <c>status</c> and
    /// <c>reason</c> (a broken ack is reported, not thrown: the demo must finish and say what it saw).
    /// </summary>
    internal static (string Status, string Reason)? StatusOf(string ack)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(ack);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("status", out JsonElement status) && status.ValueKind == JsonValueKind.String
                && doc.RootElement.TryGetProperty("reason", out JsonElement reason) && reason.ValueKind == JsonValueKind.String
                ? (status.GetString()!, reason.GetString()!)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>How the demo shows an ack: its status (and reason), or "unreadable ack" with the start of its text.</summary>
    internal static string Describe(string ack)
    {
        if (StatusOf(ack) is not (string status, string reason))
        {
            return $"unreadable ack {Excerpt(ack)}";
        }

        return reason.Length == 0 ? status : $"{status} ({reason})";
    }

    private static string Excerpt(string ack) => "'" + (ack.Length <= 80 ? ack : ack[..80] + "...") + "'";
}
