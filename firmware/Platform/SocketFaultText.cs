using System.Net.Sockets;

namespace AwsIotDevice.Platform
{
    /// <summary>
    /// Plain-words hints for the error codes nanoFramework's sockets and TLS raise (SocketException.ErrorCode): TLS
    /// handshake failures carry the negative mbedTLS code, TCP failures the positive WinSock-style SocketError.
    /// Shared by <see cref="DeviceTlsConnector"/> and <see cref="SslSocketTransport"/>.
    /// </summary>
    internal static class SocketFaultText
    {
        /// <summary>mbedTLS: the server certificate did not verify.</summary>
        public const int MbedTlsCertVerifyFailed = -0x2700;

        /// <summary>mbedTLS: the server sent a fatal alert.</summary>
        public const int MbedTlsFatalAlert = -0x7780;

        /// <summary>"mbedTLS -0x2700" for a negative code, "socket error 10060" otherwise.</summary>
        public static string Code(int code)
        {
            return code < 0 ? "mbedTLS -0x" + (-code).ToString("X4") : "socket error " + code.ToString();
        }

        /// <summary>What a TLS handshake failure code usually means ("" when nothing useful).</summary>
        public static string TlsHint(int code)
        {
            switch (code)
            {
                case MbedTlsCertVerifyFailed:
                    return ": server certificate not trusted. Is the clock right, is aws.endpoint the -ats endpoint or your domain name (SNI), and is its root CA embedded?";
                case MbedTlsFatalAlert:
                    return ": the server sent a fatal alert (wrong endpoint/SNI, or the endpoint wants ALPN or a client certificate)";
                case -1:
                    return ": TLS context could not be set up (trusted root certificates unreadable, or out of memory)";
                default:
                    return string.Empty;
            }
        }

        /// <summary>What a TCP failure code usually means ("" when nothing useful).</summary>
        public static string TcpHint(int code)
        {
            switch (code)
            {
                case (int)SocketError.TimedOut:
                    return ": timed out (port blocked by a firewall?)";
                case (int)SocketError.ConnectionRefused:
                    return ": refused (wrong port?)";
                case (int)SocketError.HostUnreachable:
                case (int)SocketError.NetworkUnreachable:
                    return ": unreachable (Wi-Fi up but no route to the internet?)";
                default:
                    return string.Empty;
            }
        }
    }
}
