using System;
using System.Net.Security;
using System.Net.Sockets;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Tls;

namespace AwsIotDevice.Platform
{
    /// <summary>
    /// Core's <see cref="ITransport"/> over a connected nanoFramework <see cref="SslStream"/> (made by
    /// <see cref="DeviceTlsConnector"/>). Every call is bounded:
    /// <list type="bullet">
    /// <item>Read waits with <c>Socket.Poll(µs, SelectRead)</c> unless decrypted bytes are already buffered
    /// (<c>SslStream.DataAvailable</c>), so an idle wait raises no exception; a readable socket is then read with
    /// <c>Socket.ReceiveTimeout</c> set to the timeout (at least 1 ms: 0 means "infinite" on nanoFramework), since a TLS
    /// record may still be arriving. A receive timeout (SocketException 10060) is "nothing yet" (0), a read of 0 bytes
    /// the peer closing (-1).</item>
    /// <item>Write sets <c>Socket.SendTimeout</c> (at least 1 ms); a timed-out write leaves the stream unusable (-1).</item>
    /// <item>Close may come from any thread: it disposes the SslStream (which closes the socket), so a call blocked in
    /// another thread fails and returns -1.</item>
    /// </list>
    /// </summary>
    public sealed class SslSocketTransport : ITransport
    {
        private readonly Socket _socket;
        private readonly SslStream _ssl;
        private readonly string _where;
        private readonly object _sync = new object();
        private bool _closed;
        private Fault _lastFault = Fault.None;
        private string _lastError = string.Empty;

        /// <summary>A transport over <paramref name="ssl"/> (authenticated) on <paramref name="socket"/>, to <paramref name="where"/> ("host:port", for details).</summary>
        public SslSocketTransport(Socket socket, SslStream ssl, string where)
        {
            _socket = socket;
            _ssl = ssl;
            _where = where;
        }

        /// <summary>See <see cref="ITransport.LastFault"/>.</summary>
        public Fault LastFault
        {
            get { return _lastFault; }
        }

        /// <summary>See <see cref="ITransport.LastErrorDetail"/>.</summary>
        public string LastErrorDetail
        {
            get { return _lastError; }
        }

        /// <summary>See <see cref="ITransport.Write"/>.</summary>
        public int Write(byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (IsClosed())
            {
                return -1;
            }

            try
            {
                _socket.SendTimeout = timeoutMs < 1 ? 1 : timeoutMs;
                _ssl.Write(buffer, offset, count);
                return count;
            }
            catch (Exception e)
            {
                return FailWith(e, true, timeoutMs);
            }
        }

        /// <summary>See <see cref="ITransport.Read"/>.</summary>
        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (IsClosed())
            {
                return -1;
            }

            try
            {
                if (!_ssl.DataAvailable)
                {
                    int micro = timeoutMs >= int.MaxValue / 1000 ? int.MaxValue : (timeoutMs < 0 ? 0 : timeoutMs * 1000);
                    if (!_socket.Poll(micro, SelectMode.SelectRead))
                    {
                        return 0;
                    }
                }

                _socket.ReceiveTimeout = timeoutMs < 1 ? 1 : timeoutMs;
                int read = _ssl.Read(buffer, offset, count);
                if (read <= 0)
                {
                    return Fail(Fault.ConnectionLost, "the server closed the connection to " + _where);
                }

                return read;
            }
            catch (SocketException e)
            {
                if (e.ErrorCode == TlsConnectFaults.SocketTimedOut && !IsClosed())
                {
                    return 0;
                }

                return FailWith(e, false, timeoutMs);
            }
            catch (Exception e)
            {
                return FailWith(e, false, timeoutMs);
            }
        }

        /// <summary>See <see cref="ITransport.Close"/>: any thread, repeatedly, never throws.</summary>
        public void Close()
        {
            lock (_sync)
            {
                if (_closed)
                {
                    return;
                }

                _closed = true;
                if (_lastFault == Fault.None)
                {
                    _lastFault = Fault.ConnectionLost;
                    _lastError = "closed locally";
                }
            }

            try
            {
                _ssl.Dispose();
            }
            catch (Exception)
            {
                // Best effort: the socket is closed below either way.
            }

            try
            {
                _socket.Close();
            }
            catch (Exception)
            {
                // Already closed by the SslStream.
            }
        }

        private bool IsClosed()
        {
            lock (_sync)
            {
                return _closed;
            }
        }

        private int FailWith(Exception e, bool write, int timeoutMs)
        {
            SocketException socketError = e as SocketException;
            string detail;
            Fault fault = TlsConnectFaults.ForStream(_where, write, socketError != null, socketError != null ? socketError.ErrorCode : 0, e.GetType().Name, timeoutMs, out detail);
            return Fail(fault, detail);
        }

        private int Fail(Fault fault, string detail)
        {
            lock (_sync)
            {
                if (!_closed)
                {
                    _lastFault = fault;
                    _lastError = detail;
                }
                else if (_lastFault == Fault.None)
                {
                    _lastFault = Fault.ConnectionLost;
                    _lastError = "closed locally";
                }
            }

            Close();
            return -1;
        }
    }
}
