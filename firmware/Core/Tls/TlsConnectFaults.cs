using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.Core.Tls
{
    /// <summary>
    /// What a failed DNS lookup, TCP connect, TLS handshake or TLS read/write on the board means, as a
    /// <see cref="Fault"/> and a plain-words, secret-free detail: a pure function of what the exception carried (its
    /// type name, and for a SocketException its ErrorCode), so the platform's socket code stays a thin adapter.
    /// nanoFramework raises TLS handshake failures as SocketException with the negative mbedTLS code, and TCP failures
    /// with the positive WinSock-style SocketError code. Stateless; any thread.
    /// </summary>
    public static class TlsConnectFaults
    {
        /// <summary>mbedTLS: the server certificate did not verify.</summary>
        public const int MbedTlsCertVerifyFailed = -0x2700;

        /// <summary>mbedTLS: the server sent a fatal alert.</summary>
        public const int MbedTlsFatalAlert = -0x7780;

        /// <summary>SocketError.TimedOut (WSAETIMEDOUT).</summary>
        public const int SocketTimedOut = 10060;

        /// <summary>SocketError.ConnectionRefused (WSAECONNREFUSED).</summary>
        public const int SocketConnectionRefused = 10061;

        /// <summary>SocketError.HostUnreachable (WSAEHOSTUNREACH).</summary>
        public const int SocketHostUnreachable = 10065;

        /// <summary>SocketError.NetworkUnreachable (WSAENETUNREACH).</summary>
        public const int SocketNetworkUnreachable = 10051;

        /// <summary>"mbedTLS -0x2700" for a negative code, "socket error 10060" otherwise.</summary>
        public static string Code(int code)
        {
            return code < 0 ? "mbedTLS -0x" + (-code).ToString("X4") : "socket error " + code.ToString();
        }

        /// <summary>What a TLS handshake failure code usually means, starting ": " ("" when nothing useful).</summary>
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

        /// <summary>What a TCP failure code usually means, starting ": " ("" when nothing useful).</summary>
        public static string TcpHint(int code)
        {
            switch (code)
            {
                case SocketTimedOut:
                    return ": timed out (port blocked by a firewall?)";
                case SocketConnectionRefused:
                    return ": refused (wrong port?)";
                case SocketHostUnreachable:
                case SocketNetworkUnreachable:
                    return ": unreachable (Wi-Fi up but no route to the internet?)";
                default:
                    return string.Empty;
            }
        }

        /// <summary>
        /// A DNS lookup of <paramref name="host"/> threw: <see cref="Fault.DnsFailure"/>, with the socket code when
        /// <paramref name="isSocketException"/> (then <paramref name="errorCode"/> is its ErrorCode), else the exception's
        /// <paramref name="typeName"/>.
        /// </summary>
        public static Fault ForDns(string host, bool isSocketException, int errorCode, string typeName, out string detail)
        {
            detail = isSocketException
                ? "could not resolve " + host + " (DNS, " + Code(errorCode) + "): check aws.endpoint and that the network has DNS"
                : "could not resolve " + host + " (" + typeName + ")";
            return Fault.DnsFailure;
        }

        /// <summary>
        /// The TCP connect (<paramref name="tcpDone"/> false) or the TLS setup and handshake after it (true) to
        /// <paramref name="where"/> ("host:port") threw. A SocketException with a negative code, or any socket error
        /// after TCP connected, is <see cref="Fault.TlsFailure"/> with the mbedTLS hint; before that it is
        /// <see cref="Fault.TcpFailure"/> with the TCP hint. Another exception is named by <paramref name="typeName"/>.
        /// </summary>
        public static Fault ForConnect(string where, bool tcpDone, bool isSocketException, int errorCode, string typeName, out string detail)
        {
            if (!isSocketException)
            {
                detail = (tcpDone ? "TLS setup with " : "TCP connect to ") + where + " failed (" + typeName + ")";
                return tcpDone ? Fault.TlsFailure : Fault.TcpFailure;
            }

            if (errorCode < 0 || tcpDone)
            {
                detail = "TLS handshake with " + where + " failed (" + Code(errorCode) + ")" + TlsHint(errorCode);
                return Fault.TlsFailure;
            }

            detail = "TCP connect to " + where + " failed (" + Code(errorCode) + ")" + TcpHint(errorCode);
            return Fault.TcpFailure;
        }

        /// <summary>The connect watchdog closed the socket after <paramref name="timeoutMs"/> (before or after TCP connected).</summary>
        public static Fault ForConnectTimeout(string where, bool tcpDone, int timeoutMs, out string detail)
        {
            detail = (tcpDone ? "TLS handshake with " : "TCP connect to ") + where + " timed out after " + timeoutMs.ToString() + " ms";
            return tcpDone ? Fault.TlsFailure : Fault.TcpFailure;
        }

        /// <summary>
        /// A read (<paramref name="write"/> false) or write on the established TLS stream to <paramref name="where"/>
        /// threw: a negative mbedTLS code is <see cref="Fault.TlsFailure"/>, anything else
        /// <see cref="Fault.ConnectionLost"/>; a timed-out write says so with <paramref name="timeoutMs"/>.
        /// </summary>
        public static Fault ForStream(string where, bool write, bool isSocketException, int errorCode, string typeName, int timeoutMs, out string detail)
        {
            string what = write ? "write to " : "read from ";
            if (!isSocketException)
            {
                detail = what + where + " failed (" + typeName + ")";
                return Fault.ConnectionLost;
            }

            detail = write && errorCode == SocketTimedOut
                ? what + where + " timed out after " + timeoutMs.ToString() + " ms"
                : what + where + " failed (" + Code(errorCode) + ")";
            return errorCode < 0 ? Fault.TlsFailure : Fault.ConnectionLost;
        }
    }
}
