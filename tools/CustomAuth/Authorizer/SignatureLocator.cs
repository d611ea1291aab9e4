namespace AwsIotDevice.CustomAuth.Authorizer;

/// <summary>
/// Finds the token signature (<c>x-amz-customauthorizer-signature</c>) in an authorizer event, wherever the client
/// put it, in the order AWS (and the emulator) look: the HTTP request headers (WebSocket upgrade or HTTPS publish;
/// the raw base64 of AWS's curl example, or percent-encoded), the HTTP query string (percent-encoded), then the MQTT
/// username's query. Query values are decoded with '+' kept as '+': AWS already decided what it read, and a '+' read
/// as a space could only turn a good signature into a bad one.
/// </summary>
public static class SignatureLocator
{
    /// <summary>Returns the signature text and where it was found, or null when the event carries none.</summary>
    public static string? Find(AuthorizerEvent authEvent, out string where)
    {
        foreach (KeyValuePair<string, string> header in authEvent.HttpHeaders)
        {
            if (string.Equals(header.Key, UsernameQuery.SignatureKey, StringComparison.OrdinalIgnoreCase) && header.Value.Length > 0)
            {
                where = "protocolData.http.headers";
                return header.Value;
            }
        }

        if (!string.IsNullOrEmpty(authEvent.HttpQueryString))
        {
            string query = authEvent.HttpQueryString.StartsWith('?') ? authEvent.HttpQueryString : "?" + authEvent.HttpQueryString;
            string? value = UsernameQuery.Get(query, UsernameQuery.SignatureKey);
            if (!string.IsNullOrEmpty(value))
            {
                where = "protocolData.http.queryString";
                return value;
            }
        }

        string? fromUsername = UsernameQuery.Get(authEvent.MqttUsername, UsernameQuery.SignatureKey);
        where = "protocolData.mqtt.username";
        return string.IsNullOrEmpty(fromUsername) ? null : fromUsername;
    }
}
