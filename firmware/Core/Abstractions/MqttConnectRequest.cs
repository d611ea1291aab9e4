namespace AwsIotDevice.Core.Abstractions
{
    /// <summary>
    /// How the device reaches AWS IoT Core with custom authentication (DESIGN.md "Transports"): AWS selects custom auth
    /// by ALPN, by a domain configuration, or by the WebSocket upgrade that carries the credentials.
    /// </summary>
    public enum TransportMode
    {
        /// <summary>Default endpoint, port 443, raw MQTT with TLS ALPN "mqtt"; credentials in the CONNECT username.</summary>
        Alpn = 0,

        /// <summary>A domain configuration (CUSTOM_AUTH + SECURE_MQTT) chosen by SNI; no ALPN; credentials in the username.</summary>
        Domain = 1,

        /// <summary>
        /// Default endpoint, port 443, MQTT over WebSockets (wss://endpoint/mqtt) with no ALPN; the credentials travel in
        /// the HTTP upgrade request (headers or query), the CONNECT username is the plain user.
        /// </summary>
        Wss = 2,
    }

    /// <summary>Where a <see cref="TransportMode.Wss"/> connection puts the custom-authorizer credentials.</summary>
    public enum WssCredentials
    {
        /// <summary>Upgrade request headers x-amz-customauthorizer-name, x-amz-customauthorizer-signature and &lt;tokenKeyName&gt; (raw values, as in AWS's curl example).</summary>
        Headers = 0,

        /// <summary>The same names in the upgrade request's query string, every key and value percent-encoded (RFC 3986).</summary>
        Query = 1,
    }

    /// <summary>Stable names of <see cref="TransportMode"/> and <see cref="WssCredentials"/> (the aws.mode and aws.wssCredentials values).</summary>
    public static class TransportModeNames
    {
        /// <summary>"alpn", "domain" or "wss" ("mode&lt;n&gt;" for an unknown value).</summary>
        public static string Of(TransportMode mode)
        {
            switch (mode)
            {
                case TransportMode.Alpn:
                    return "alpn";
                case TransportMode.Domain:
                    return "domain";
                case TransportMode.Wss:
                    return "wss";
                default:
                    return "mode" + ((int)mode).ToString();
            }
        }

        /// <summary>"headers" or "query".</summary>
        public static string Of(WssCredentials placement)
        {
            return placement == WssCredentials.Query ? "query" : "headers";
        }
    }

    /// <summary>Everything an <see cref="IMqttLink"/> needs for one connection attempt. Contains secrets: never log it.</summary>
    public class MqttConnectRequest
    {
        /// <summary>DNS name of the endpoint; also the TLS SNI (and the WebSocket Host header). Never an IP address.</summary>
        public string Host;

        public int Port;

        public TransportMode Mode;

        public string ClientId;

        /// <summary>
        /// The MQTT CONNECT username: in alpn and domain mode the full custom-authorizer username (see AuthUsername); in
        /// wss mode the plain user (the credentials are in the upgrade request). Secret in the first two modes.
        /// </summary>
        public string Username;

        /// <summary>MQTT password, or null/empty for none. Secret.</summary>
        public string Password;

        public int KeepAliveSeconds;

        public bool CleanSession;

        /// <summary>Wss mode: the custom authorizer's name for the upgrade request (empty: none sent).</summary>
        public string AuthorizerName;

        /// <summary>Wss mode: the authorizer's token key name (the header or query name of the token).</summary>
        public string TokenKeyName;

        /// <summary>Wss mode: the token. Secret.</summary>
        public string Token;

        /// <summary>Wss mode: the token's base64 signature. Secret.</summary>
        public string Signature;

        /// <summary>Wss mode: headers or query.</summary>
        public WssCredentials WssCredentials;

        /// <summary>
        /// The largest payload, in bytes, the caller will publish in this session (a full telemetry batch; 0: not
        /// known). A link that encodes into a fixed send buffer makes it big enough at Connect, so the first batch
        /// after an outage is not refused as too large.
        /// </summary>
        public int LargestPayloadBytes;
    }
}
