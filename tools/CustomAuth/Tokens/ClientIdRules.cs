namespace AwsIotDevice.CustomAuth.Tokens;

/// <summary>
/// Which MQTT client ids the project issues tokens for: 1..128 characters of <c>[A-Za-z0-9_.:-]</c>.
/// Narrower than MQTT allows, on purpose: the client id is pasted into IoT policy resources and topics, where
/// <c>*</c> and <c>?</c> are policy wildcards, <c>/</c> adds topic levels, <c>+</c> and <c>#</c> are MQTT wildcards
/// and <c>$</c> starts reserved names, so any of them would widen a device's permissions to other devices' topics.
/// </summary>
public static class ClientIdRules
{
    /// <summary>AWS IoT's client id limit (bytes; every allowed character is one byte).</summary>
    public const int MaxLength = 128;

    /// <summary>Returns null when <paramref name="clientId"/> is acceptable, else a one-line reason (which quotes it safely).</summary>
    public static string? Validate(string? clientId)
    {
        if (string.IsNullOrEmpty(clientId))
        {
            return "client id is empty";
        }

        if (clientId.Length > MaxLength)
        {
            return $"client id is {clientId.Length} characters; at most {MaxLength} are allowed";
        }

        foreach (char c in clientId)
        {
            if (!IsAllowed(c))
            {
                return $"client id {LogText.Quote(clientId)} contains {LogText.Quote(c.ToString())}; allowed are A-Z a-z 0-9 _ . : - (policy and topic wildcards would widen the device's permissions)";
            }
        }

        return null;
    }

    /// <summary>True for the characters a client id may contain.</summary>
    public static bool IsAllowed(char c) =>
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == ':' || c == '-';
}
