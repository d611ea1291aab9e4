namespace AwsIotDevice.Core.Abstractions
{
    /// <summary>
    /// Opens a TLS connection for Core's MQTT client: the only network code a platform writes for the wss and alpn routes
    /// (DNS, TCP, TLS with SNI = host and the platform's trust anchors, optionally ALPN "mqtt"). The board implements it
    /// over System.Net.Sockets.Socket + SslStream, the virtual device over host TLS. Called from one thread (the
    /// supervisor's); never throws for a network condition.
    /// </summary>
    public interface ITlsConnector
    {
        /// <summary>
        /// Whether this platform can put ALPN "mqtt" in its TLS ClientHello. Stock nanoFramework cannot (its SslStream
        /// has no ALPN API). The single source of the device's <see cref="PlatformCapabilities"/>: settings validation
        /// refuses aws.mode=alpn where it is false.
        /// </summary>
        bool CanSendAlpn { get; }

        /// <summary>
        /// Resolves <paramref name="host"/>, connects to <paramref name="port"/> and completes a TLS handshake with
        /// SNI = <paramref name="host"/>, offering ALPN "mqtt" only when <paramref name="alpnMqtt"/> (never on a
        /// WebSocket connection), all within about <paramref name="timeoutMs"/>. Returns <see cref="Fault.None"/> with the
        /// connected stream in <paramref name="transport"/> (the caller owns it and closes it), or
        /// <see cref="Fault.DnsFailure"/>, <see cref="Fault.TcpFailure"/>, <see cref="Fault.TlsFailure"/>, or
        /// <see cref="Fault.AlpnUnavailable"/> (ALPN asked where <see cref="CanSendAlpn"/> is false), with
        /// <paramref name="transport"/> null and <see cref="LastErrorDetail"/> saying why (secret-free).
        /// </summary>
        Fault Connect(string host, int port, bool alpnMqtt, int timeoutMs, out ITransport transport);

        /// <summary>Why the last <see cref="Connect"/> failed ("" after a success).</summary>
        string LastErrorDetail { get; }
    }
}
