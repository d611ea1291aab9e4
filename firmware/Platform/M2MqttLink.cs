using System;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using AwsIotDevice.Core.Abstractions;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Exceptions;
using nanoFramework.M2Mqtt.Messages;

namespace AwsIotDevice.Platform
{
    /// <summary>
    /// <see cref="IMqttLink"/> over nanoFramework.M2Mqtt (MQTT 3.1.1 over TLS 1.2): the board's link for
    /// <c>aws.mode=domain</c> (a CUSTOM_AUTH + SECURE_MQTT domain configuration reached by SNI, no ALPN). The wss route
    /// uses Core's own MQTT and WebSocket clients instead (<see cref="Core.Mqtt.CoreMqttLink"/>): M2Mqtt can neither take a
    /// caller's stream nor speak WebSockets.
    /// <para>
    /// A new <see cref="MqttClient"/> is built for every <see cref="Connect"/>: M2Mqtt resolves the host once,
    /// in its constructor, so reusing a client after a network change would dial a stale address. M2Mqtt
    /// builds its own SslStream, which cannot send ALPN, so <see cref="TransportMode.Alpn"/> is refused with
    /// <see cref="Fault.AlpnUnavailable"/> rather than connecting without ALPN (AWS would then treat the
    /// connection on port 443 as HTTPS, or as X.509, and the failure would be a puzzle).
    /// </para>
    /// <para>
    /// Called from the supervisor's thread only. M2Mqtt raises its events on its own threads; they only touch
    /// the fields guarded by <c>_sync</c> and the wait handle.
    /// </para>
    /// </summary>
    public class M2MqttLink : IMqttLink
    {
        /// <summary>Plain-words reason given when alpn mode reaches this link (settings validation refuses it first).</summary>
        public const string AlpnUnavailableDetail = Core.Mqtt.CoreMqttLink.AlpnUnavailableDetail;

        /// <summary>M2Mqtt waits this long for CONNACK (MqttSettings.DefaultTimeout) before it gives up.</summary>
        public const int ConnackTimeoutMs = MqttSettings.DefaultTimeout;

        private const int AckSlots = 8;
        private const int AckPollMs = 250;

        private readonly X509Certificate _trustedRoots;
        private readonly object _sync = new object();
        private readonly AutoResetEvent _ackArrived = new AutoResetEvent(false);
        private readonly ManualResetEvent _sessionClosed = new ManualResetEvent(false);
        private readonly ushort[] _ackIds = new ushort[AckSlots];
        private readonly bool[] _ackPublished = new bool[AckSlots];
        private int _ackNext;

        private MqttClient _client;
        private bool _sessionUp;
        private string _lastErrorDetail = string.Empty;

        /// <summary>
        /// Creates a link that trusts <paramref name="trustedRoots"/> (see <see cref="TrustedRoots"/>: one
        /// certificate object holding every Amazon root as a PEM bundle).
        /// </summary>
        public M2MqttLink(X509Certificate trustedRoots)
        {
            _trustedRoots = trustedRoots;
        }

        /// <inheritdoc />
        public string LastErrorDetail
        {
            get { return _lastErrorDetail; }
        }

        /// <inheritdoc />
        public bool IsConnected
        {
            get
            {
                MqttClient client = _client;
                return client != null && _sessionUp && client.IsConnected;
            }
        }

        /// <inheritdoc />
        public Fault Connect(MqttConnectRequest request)
        {
            Close();

            if (request == null || request.Host == null || request.Host.Length == 0)
            {
                _lastErrorDetail = "no endpoint host configured";
                return Fault.Internal;
            }

            if (request.Mode == TransportMode.Alpn)
            {
                _lastErrorDetail = AlpnUnavailableDetail;
                return Fault.AlpnUnavailable;
            }

            string where = request.Host + ":" + request.Port.ToString();
            MqttClient client;
            try
            {
                // The constructor resolves the host name (Dns.GetHostEntry); nothing else can fail in it.
                client = new MqttClient(request.Host, request.Port, true, _trustedRoots, null, MqttSslProtocols.TLSv1_2);
            }
            catch (Exception ex)
            {
                _lastErrorDetail = "could not resolve " + request.Host + " (DNS" + SocketCode(ex) + "): check aws.endpoint and that the network has DNS";
                return Fault.DnsFailure;
            }

            client.MqttMsgPublished += OnPublished;
            client.ConnectionClosed += OnConnectionClosed;

            string password = request.Password == null || request.Password.Length == 0 ? null : request.Password;
            ushort keepAlive = (ushort)(request.KeepAliveSeconds < 0 ? 0 : (request.KeepAliveSeconds > ushort.MaxValue ? ushort.MaxValue : request.KeepAliveSeconds));
            long startMs = Environment.TickCount64;
            MqttReasonCode code;

            try
            {
                code = client.Connect(request.ClientId, request.Username, password, request.CleanSession, keepAlive);
            }
            catch (MqttConnectionException ex)
            {
                Fault fault = MapConnectionException(ex, where);
                Discard(client);
                return fault;
            }
            catch (MqttCommunicationException ex)
            {
                Fault fault = MapNoConnack(ex, where, Environment.TickCount64 - startMs);
                Discard(client);
                return fault;
            }
            catch (Exception ex)
            {
                _lastErrorDetail = "MQTT CONNECT to " + where + " failed: " + ex.GetType().FullName;
                Discard(client);
                return Fault.Internal;
            }

            if (code != MqttReasonCode.Success)
            {
                _lastErrorDetail = "broker refused CONNECT with return code " + ((int)code).ToString() + ConnackMeaning((int)code);
                Discard(client);
                return Fault.ConnectRefused;
            }

            lock (_sync)
            {
                _client = client;
                _sessionUp = true;
                _sessionClosed.Reset();
            }

            _lastErrorDetail = string.Empty;
            return Fault.None;
        }

        /// <inheritdoc />
        /// <remarks>QoS 0 returns once M2Mqtt has queued the message (it writes from its own thread).
        /// The payload is copied: M2Mqtt keeps the array for retries after this call returns.</remarks>
        public Fault Publish(string topic, byte[] payload, int length, int qos, int timeoutMs)
        {
            MqttClient client = _client;
            if (client == null || !_sessionUp || !client.IsConnected)
            {
                _lastErrorDetail = "publish without an MQTT session (connection lost)";
                return Fault.ConnectionLost;
            }

            byte[] message = new byte[length];
            Array.Copy(payload, 0, message, 0, length);

            MqttQoSLevel level = qos >= 1 ? MqttQoSLevel.AtLeastOnce : MqttQoSLevel.AtMostOnce;
            ushort messageId;

            lock (_sync)
            {
                // No acknowledgement for this message can exist before Publish() hands out its id.
                for (int i = 0; i < AckSlots; i++)
                {
                    _ackIds[i] = 0;
                }
            }

            try
            {
                messageId = client.Publish(topic, message, null, null, level, false);
            }
            catch (MqttClientException ex)
            {
                _lastErrorDetail = ex.ErrorCode == MqttClientErrorCode.InflightQueueFull
                    ? "MQTT in-flight queue full (broker not acknowledging)"
                    : "MQTT client rejected the publish (topic " + topic + ")";
                return ex.ErrorCode == MqttClientErrorCode.InflightQueueFull ? Fault.PublishTimeout : Fault.PublishRejected;
            }
            catch (Exception ex)
            {
                _sessionUp = false;
                _lastErrorDetail = "publish failed: " + ex.GetType().FullName;
                return Fault.ConnectionLost;
            }

            if (level == MqttQoSLevel.AtMostOnce)
            {
                _lastErrorDetail = string.Empty;
                return Fault.None;
            }

            return WaitForPuback(client, messageId, timeoutMs);
        }

        /// <inheritdoc />
        /// <remarks>M2Mqtt keeps the session alive on its own threads: this only waits, until the time is up or the
        /// session closes.</remarks>
        public Fault Process(int timeoutMs)
        {
            if (!IsConnected)
            {
                _lastErrorDetail = "the MQTT session closed (connection lost)";
                return Fault.ConnectionLost;
            }

            _sessionClosed.WaitOne(timeoutMs < 0 ? 0 : timeoutMs, false);
            if (!IsConnected)
            {
                _lastErrorDetail = "the MQTT session closed (connection lost)";
                return Fault.ConnectionLost;
            }

            return Fault.None;
        }

        /// <inheritdoc />
        public void Close()
        {
            MqttClient client;
            lock (_sync)
            {
                client = _client;
                _client = null;
                _sessionUp = false;
            }

            if (client != null)
            {
                Discard(client);
            }
        }

        private Fault WaitForPuback(MqttClient client, ushort messageId, int timeoutMs)
        {
            long deadline = Environment.TickCount64 + (timeoutMs < 0 ? 0 : timeoutMs);

            while (true)
            {
                lock (_sync)
                {
                    for (int i = 0; i < AckSlots; i++)
                    {
                        if (_ackIds[i] == messageId)
                        {
                            _ackIds[i] = 0;
                            if (_ackPublished[i])
                            {
                                _lastErrorDetail = string.Empty;
                                return Fault.None;
                            }

                            _lastErrorDetail = "no PUBACK for message " + messageId.ToString() + " after M2Mqtt's retries";
                            return Fault.PublishTimeout;
                        }
                    }
                }

                if (!_sessionUp || !client.IsConnected)
                {
                    _lastErrorDetail = "connection lost while waiting for PUBACK (on AWS IoT: is iot:Publish allowed on this topic?)";
                    return Fault.ConnectionLost;
                }

                long remaining = deadline - Environment.TickCount64;
                if (remaining <= 0)
                {
                    _lastErrorDetail = "no PUBACK within " + timeoutMs.ToString() + " ms";
                    return Fault.PublishTimeout;
                }

                _ackArrived.WaitOne(remaining < AckPollMs ? (int)remaining : AckPollMs, false);
            }
        }

        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            lock (_sync)
            {
                _ackIds[_ackNext] = e.MessageId;
                _ackPublished[_ackNext] = e.IsPublished;
                _ackNext = (_ackNext + 1) % AckSlots;
            }

            _ackArrived.Set();
        }

        private void OnConnectionClosed(object sender, EventArgs e)
        {
            lock (_sync)
            {
                if (sender == _client)
                {
                    _sessionUp = false;
                    _sessionClosed.Set();
                }
            }

            _ackArrived.Set();
        }

        private Fault MapConnectionException(MqttConnectionException ex, string where)
        {
            SocketException socketError = ex.InnerException as SocketException;
            if (socketError == null)
            {
                string inner = ex.InnerException == null ? "unknown error" : ex.InnerException.GetType().FullName;
                _lastErrorDetail = "TLS setup with " + where + " failed (" + inner + ")";
                return Fault.TlsFailure;
            }

            int code = socketError.ErrorCode;

            // nanoFramework raises TLS handshake failures as SocketException carrying the (negative) mbedTLS
            // code, and TCP failures with the (positive) WinSock-style SocketError code.
            if (code < 0)
            {
                _lastErrorDetail = "TLS handshake with " + where + " failed (" + SocketFaultText.Code(code) + ")" + SocketFaultText.TlsHint(code);
                return Fault.TlsFailure;
            }

            _lastErrorDetail = "TCP connect to " + where + " failed (" + SocketFaultText.Code(code) + ")" + SocketFaultText.TcpHint(code);
            return Fault.TcpFailure;
        }

        private Fault MapNoConnack(MqttCommunicationException ex, string where, long elapsedMs)
        {
            // M2Mqtt throws the same exception type for "peer closed" and "30 s without CONNACK"; only the
            // elapsed time tells them apart.
            if (elapsedMs < ConnackTimeoutMs - 2000)
            {
                _lastErrorDetail = "broker closed the connection after CONNECT without a CONNACK. On AWS IoT custom auth this means refused: "
                    + "authorizer name wrong or inactive, token or signature invalid (signature must be percent-encoded), "
                    + "the authorizer denied it, or the policy lacks iot:Connect for this client id";
                return Fault.ConnectRefused;
            }

            _lastErrorDetail = "no CONNACK from " + where + " within " + (ConnackTimeoutMs / 1000).ToString() + " s"
                + (ex.InnerException == null ? string.Empty : " (" + ex.InnerException.GetType().FullName + ")");
            return Fault.ConnectTimeout;
        }

        private void Discard(MqttClient client)
        {
            client.MqttMsgPublished -= OnPublished;
            client.ConnectionClosed -= OnConnectionClosed;

            try
            {
                if (client.IsConnected)
                {
                    client.Disconnect();
                }
            }
            catch (Exception)
            {
                // The socket may already be gone; Close below still releases it.
            }

            try
            {
                client.Close();
            }
            catch (Exception)
            {
                // Best effort: a half-closed client is garbage once unreferenced.
            }
        }

        private static string SocketCode(Exception ex)
        {
            SocketException socketError = ex as SocketException;
            return socketError == null ? string.Empty : " socket error " + socketError.ErrorCode.ToString();
        }

        private static string ConnackMeaning(int code)
        {
            switch (code)
            {
                case 1:
                    return " (unacceptable protocol version)";
                case 2:
                    return " (client id rejected)";
                case 3:
                    return " (server unavailable)";
                case 4:
                    return " (bad user name or password: check the authorizer name, token and signature)";
                case 5:
                    return " (not authorized: check the IoT policy allows iot:Connect for this client id)";
                default:
                    return string.Empty;
            }
        }
    }
}
