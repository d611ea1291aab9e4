using System;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Mqtt;
using AwsIotDevice.Core.Tls;

namespace AwsIotDevice.Platform
{
    /// <summary>
    /// The board's <see cref="ITlsConnector"/>: DNS (<c>Dns.GetHostEntry</c>), a TCP <see cref="Socket"/>, then
    /// <c>new SslStream(socket)</c> and <c>AuthenticateAsClient(host, null, roots, SslProtocols.Tls12)</c>, so SNI is the
    /// endpoint's name and only the embedded Amazon roots are trusted. No client certificate is offered
    /// (<c>UseStoredDeviceCertificate = false</c>: custom authentication has none, and a certificate stored in the board's
    /// configuration must not be sent by accident). Stock nanoFramework cannot send ALPN, so
    /// <see cref="CanSendAlpn"/> is false: this is the source of the board's <see cref="PlatformCapabilities"/>.
    /// <para>
    /// Time limits: nanoFramework's DNS, blocking connect and TLS handshake have none of their own, so a timer closes the
    /// socket when the attempt outlives its timeout (the blocked call then fails and is reported as timed out). DNS
    /// cannot be cut short that way; lwIP bounds it by itself.
    /// </para>
    /// <para>One thread at a time: the supervisor's or its call worker's (the timer runs on its own thread and, like
    /// <see cref="Abort"/>, only closes the socket).</para>
    /// </summary>
    public sealed class DeviceTlsConnector : ITlsConnector, IAbortable
    {
        private readonly X509Certificate _roots;
        private readonly object _sync = new object();
        private Socket _attempt;
        private bool _timedOut;
        private string _lastError = string.Empty;

        /// <summary>A connector trusting <paramref name="trustedRoots"/> (see <see cref="TrustedRoots"/>; null fails every handshake).</summary>
        public DeviceTlsConnector(X509Certificate trustedRoots)
        {
            _roots = trustedRoots;
        }

        /// <summary>False: stock nanoFramework's SslStream has no ALPN API.</summary>
        public bool CanSendAlpn
        {
            get { return false; }
        }

        /// <summary>See <see cref="ITlsConnector.LastErrorDetail"/>.</summary>
        public string LastErrorDetail
        {
            get { return _lastError; }
        }

        /// <summary>See <see cref="ITlsConnector.Connect"/>.</summary>
        public Fault Connect(string host, int port, bool alpnMqtt, int timeoutMs, out ITransport transport)
        {
            transport = null;
            if (alpnMqtt)
            {
                return Fail(Fault.AlpnUnavailable, CoreMqttLink.AlpnUnavailableDetail);
            }

            string where = host + ":" + port.ToString();
            IPAddress address = null;
            try
            {
                IPHostEntry entry = Dns.GetHostEntry(host);
                IPAddress[] list = entry == null ? null : entry.AddressList;
                for (int i = 0; list != null && i < list.Length && (object)address == null; i++)
                {
                    if ((object)list[i] != null && list[i].AddressFamily == AddressFamily.InterNetwork)
                    {
                        address = list[i];
                    }
                }
            }
            catch (Exception e)
            {
                SocketException socketError = e as SocketException;
                string detail;
                Fault dns = TlsConnectFaults.ForDns(host, socketError != null, socketError != null ? socketError.ErrorCode : 0, e.GetType().Name, out detail);
                return Fail(dns, detail);
            }

            if ((object)address == null)
            {
                return Fail(Fault.DnsFailure, "DNS returned no IPv4 address for " + host);
            }

            Socket socket = null;
            SslStream ssl = null;
            Timer watchdog = null;
            bool tcpDone = false;
            try
            {
                socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                lock (_sync)
                {
                    _attempt = socket;
                    _timedOut = false;
                }

                watchdog = new Timer(OnTimeout, null, timeoutMs < 1 ? 1 : timeoutMs, Timeout.Infinite);
                socket.Connect(new IPEndPoint(address, port));
                tcpDone = true;
                ssl = new SslStream(socket);
                ssl.UseStoredDeviceCertificate = false;
                ssl.SslVerification = SslVerification.CertificateRequired;
                ssl.AuthenticateAsClient(host, null, _roots, SslProtocols.Tls12);
            }
            catch (Exception e)
            {
                watchdog = Stop(watchdog);
                bool timedOut = TimedOut();
                CloseQuietly(ssl, socket);
                if (timedOut)
                {
                    string late;
                    Fault timeout = TlsConnectFaults.ForConnectTimeout(where, tcpDone, timeoutMs, out late);
                    return Fail(timeout, late);
                }

                return FailWith(e, tcpDone, where);
            }
            finally
            {
                Stop(watchdog);
                lock (_sync)
                {
                    _attempt = null;
                }
            }

            if (TimedOut())
            {
                // The timer fired just as the handshake finished: the socket is closed, so this attempt is lost.
                CloseQuietly(ssl, socket);
                string late;
                Fault timeout = TlsConnectFaults.ForConnectTimeout(where, true, timeoutMs, out late);
                return Fail(timeout, late);
            }

            _lastError = string.Empty;
            transport = new SslSocketTransport(socket, ssl, where);
            return Fault.None;
        }

        /// <summary>
        /// See <see cref="IAbortable.Abort"/>: any thread; closes the socket of the attempt in progress, as the attempt's
        /// own timer does, so a blocked connect or handshake fails (reported as timed out).
        /// </summary>
        public void Abort()
        {
            OnTimeout(null);
        }

        private void OnTimeout(object state)
        {
            lock (_sync)
            {
                if (_attempt == null)
                {
                    return;
                }

                _timedOut = true;
                try
                {
                    _attempt.Close();
                }
                catch (Exception)
                {
                    // Already closed: the attempt is failing anyway.
                }
            }
        }

        private bool TimedOut()
        {
            lock (_sync)
            {
                return _timedOut;
            }
        }

        private Fault FailWith(Exception e, bool tcpDone, string where)
        {
            SocketException socketError = e as SocketException;
            string detail;
            Fault fault = TlsConnectFaults.ForConnect(where, tcpDone, socketError != null, socketError != null ? socketError.ErrorCode : 0, e.GetType().Name, out detail);
            return Fail(fault, detail);
        }

        private static Timer Stop(Timer watchdog)
        {
            if (watchdog != null)
            {
                watchdog.Dispose();
            }

            return null;
        }

        private static void CloseQuietly(SslStream ssl, Socket socket)
        {
            try
            {
                if (ssl != null)
                {
                    ssl.Dispose();
                }
            }
            catch (Exception)
            {
                // Best effort.
            }

            try
            {
                if (socket != null)
                {
                    socket.Close();
                }
            }
            catch (Exception)
            {
                // Best effort.
            }
        }

        private Fault Fail(Fault fault, string detail)
        {
            _lastError = detail;
            return fault;
        }
    }
}
