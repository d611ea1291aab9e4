using AwsIotDevice.Core.WebSockets;

namespace AwsIotDevice.Core.Auth
{
    /// <summary>
    /// Puts AWS IoT custom-authorizer credentials into a WebSocket upgrade request, the way AWS reads them over MQTT
    /// over WebSockets: as headers <c>x-amz-customauthorizer-name</c>, <c>x-amz-customauthorizer-signature</c> (the
    /// base64 signature as-is, as in AWS's curl example) and <c>&lt;tokenKeyName&gt;</c>, or as the same names in the
    /// query string with every key and value percent-encoded (RFC 3986, the same encoding <see cref="AuthUsername"/>
    /// uses: it builds the query). Empty values are left out, as in the username. Token and signature are registered
    /// as secrets of the upgrade, so no fault detail quotes them. Stateless; any thread.
    /// </summary>
    public static class CustomAuthUpgrade
    {
        /// <summary>
        /// Adds the credential headers to <paramref name="upgrade"/>. Returns false when a header was refused (a value
        /// with CR, LF or another control character, or an empty or invalid <paramref name="tokenKeyName"/> for a
        /// token): <see cref="WebSocketUpgrade.Problem"/> says which (by name), and the request will not be sent.
        /// </summary>
        public static bool AddHeaders(WebSocketUpgrade upgrade, string authorizerName, string signature, string tokenKeyName, string token)
        {
            bool ok = true;
            if (!IsEmpty(authorizerName))
            {
                ok &= upgrade.AddHeader(AuthUsername.AuthorizerNameKey, authorizerName, false);
            }

            if (!IsEmpty(signature))
            {
                ok &= upgrade.AddHeader(AuthUsername.SignatureKey, signature, true);
            }

            if (!IsEmpty(token))
            {
                ok &= upgrade.AddHeader(tokenKeyName, token, true);
            }

            return ok;
        }

        /// <summary>
        /// Sets <paramref name="upgrade"/>'s query to
        /// <c>x-amz-customauthorizer-name=N&amp;x-amz-customauthorizer-signature=S&amp;KEY=T</c>, percent-encoded (null
        /// when every value is empty), and registers token and signature, raw and encoded, as secrets.
        /// </summary>
        public static void SetQuery(WebSocketUpgrade upgrade, string authorizerName, string signature, string tokenKeyName, string token)
        {
            // An empty user gives exactly "?query" (or "" with no values): one encoder for username and query.
            string query = AuthUsername.Build(string.Empty, authorizerName, signature, tokenKeyName, token);
            upgrade.Query = query.Length > 1 ? query.Substring(1) : null;
            upgrade.AddSecret(signature);
            upgrade.AddSecret(token);
            upgrade.AddSecret(PercentEncoder.Encode(signature));
            upgrade.AddSecret(PercentEncoder.Encode(token));
        }

        private static bool IsEmpty(string value)
        {
            return value == null || value.Length == 0;
        }
    }
}
