namespace AwsIotDevice.Core.Abstractions
{
    /// <summary>How to reach the broker: AWS selects custom auth either by ALPN or by domain configuration.</summary>
    public enum TransportMode
    {
        /// <summary>Default endpoint, port 443, TLS ALPN "mqtt".</summary>
        Alpn = 0,

        /// <summary>A domain configuration (CUSTOM_AUTH + SECURE_MQTT) chosen by SNI; no ALPN sent.</summary>
        Domain = 1,
    }

    /// <summary>Everything an <see cref="IMqttLink"/> needs for one connection attempt.</summary>
    public class MqttConnectRequest
    {
        /// <summary>DNS name of the endpoint; also the TLS SNI. Never an IP address.</summary>
        public string Host;

        public int Port;

        public TransportMode Mode;

        public string ClientId;

        /// <summary>Full MQTT username, custom-authorizer query included (see AuthUsername).</summary>
        public string Username;

        /// <summary>MQTT password, or null/empty for none. Secret.</summary>
        public string Password;

        public int KeepAliveSeconds;

        public bool CleanSession;
    }
}
