using System;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Auth;
using AwsIotDevice.Core.Text;
using AwsIotDevice.Core.WebSockets;

namespace AwsIotDevice.Core.Mqtt
{
    /// <summary>
    /// The supervisor's <see cref="IMqttLink"/> made of Core's own parts, so the device and the virtual device run the
    /// same protocol code and only the TLS socket is platform code: TLS from the platform's <see cref="ITlsConnector"/>
    /// (SNI = the endpoint; ALPN "mqtt" in alpn mode only), in wss mode wrapped in Core's <see cref="WebSocketTransport"/>
    /// (GET /mqtt, subprotocol mqtt, the custom-authorizer credentials as upgrade headers or query, no ALPN), then
    /// Core's <see cref="MqttClient"/>.
    /// <para>
    /// Modes: <see cref="TransportMode.Wss"/> = MQTT over WebSocket over TLS, CONNECT username = the plain user;
    /// <see cref="TransportMode.Alpn"/> = MQTT over TLS with ALPN "mqtt" (refused with
    /// <see cref="Fault.AlpnUnavailable"/> before any network traffic when the connector cannot send ALPN);
    /// <see cref="TransportMode.Domain"/> = MQTT over TLS without ALPN. In the last two the username carries the
    /// credentials.
    /// </para>
    /// <para>
    /// Memory: the send, receive and frame buffers are allocated at construction (sizes from
    /// <see cref="CoreMqttLinkOptions"/>) and reused by every session, so publishing allocates nothing; a Connect whose
    /// CONNECT (a long token) or a PUBLISH the last session refused as too large needs a bigger send buffer allocates
    /// one then. Connect also allocates the upgrade request and detail strings.
    /// </para>
    /// <para>
    /// Threads: the supervisor's thread makes every call, except <see cref="Abort"/> (any thread).
    /// </para>
    /// </summary>
    public sealed class CoreMqttLink : IMqttLink, IAbortable
    {
        /// <summary>The detail of <see cref="Fault.AlpnUnavailable"/>: what alpn mode needs and what to use instead.</summary>
        public const string AlpnUnavailableDetail =
            "aws.mode=alpn needs TLS ALPN \"mqtt\", which this platform's TLS cannot send (stock nanoFramework's SslStream has no ALPN API); "
            + "use aws.mode=wss (MQTT over WebSockets on the default endpoint, no ALPN, no domain needed) or aws.mode=domain";

        private readonly ITlsConnector _tls;
        private readonly IClock _clock;
        private readonly CoreMqttLinkOptions _settings;
        private readonly byte[] _receive;
        private readonly WebSocketTransport _ws;
        private readonly MqttConnectOptions _connect = new MqttConnectOptions();
        private MqttClient _client;
        private int _sendBytes;
        private int _sendNeeded;
        private IMqttMessageHandler _handler;
        private TransportMode _mode;
        private string _lastError = string.Empty;

        /// <summary>
        /// A link that opens TLS through <paramref name="tls"/>, times everything on <paramref name="clock"/>, masks
        /// WebSocket frames with <paramref name="random"/>, with <paramref name="options"/> (null: defaults; read now).
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="tls"/>, <paramref name="clock"/> or <paramref name="random"/> is null.</exception>
        /// <exception cref="ArgumentException">A buffer size or limit in <paramref name="options"/> is out of range.</exception>
        public CoreMqttLink(ITlsConnector tls, IClock clock, IRandomSource random, CoreMqttLinkOptions options)
        {
            if (tls == null)
            {
                throw new ArgumentNullException("tls");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (random == null)
            {
                throw new ArgumentNullException("random");
            }

            CoreMqttLinkOptions o = options != null ? options : new CoreMqttLinkOptions();
            if (o.TlsTimeoutMs < 1 || o.UpgradeTimeoutMs < 1 || o.ConnackTimeoutMs < 1 || o.PingResponseTimeoutMs < 1
                || o.WriteTimeoutMs < 1 || o.SendBufferBytes < 16 || o.ReceiveBufferBytes < 16 || o.MaxInflight < 1)
            {
                throw new ArgumentException("CoreMqttLinkOptions: time limits must be 1 ms or more, buffers 16 bytes or more", "options");
            }

            _tls = tls;
            _clock = clock;
            _settings = o;
            _receive = new byte[o.ReceiveBufferBytes];
            _ws = new WebSocketTransport(clock, random, new byte[o.FrameBufferBytes], o.ReceiveBufferBytes);
            _sendBytes = o.SendBufferBytes;
            _client = NewClient(_sendBytes);
        }

        /// <summary>True between an accepted CONNACK and the first sign the session is gone.</summary>
        public bool IsConnected
        {
            get { return _client.IsConnected; }
        }

        /// <summary>Short, secret-free description of the last failure ("" after a successful Connect).</summary>
        public string LastErrorDetail
        {
            get { return _lastError; }
        }

        /// <summary>The mode of the last Connect.</summary>
        public TransportMode Mode
        {
            get { return _mode; }
        }

        /// <summary>
        /// The MQTT client of the current session (replaced when a Connect needs a bigger send buffer): its counters
        /// (PingsSent, MessagesReceived, ...) are the session's. Do not call it directly while the link is in use.
        /// </summary>
        public MqttClient Client
        {
            get { return _client; }
        }

        /// <summary>The WebSocket transport used in wss mode (its counters: PingsAnswered, CloseStatus).</summary>
        public WebSocketTransport WebSocket
        {
            get { return _ws; }
        }

        /// <summary>Current size of the send buffer (the largest CONNECT or PUBLISH that fits).</summary>
        public int SendBufferBytes
        {
            get { return _sendBytes; }
        }

        /// <summary>Receives inbound messages (after <see cref="Subscribe"/>); see <see cref="IMqttMessageHandler"/>. Null drops them.</summary>
        public IMqttMessageHandler MessageHandler
        {
            get { return _handler; }
            set
            {
                _handler = value;
                _client.MessageHandler = value;
            }
        }

        /// <summary>See <see cref="IMqttLink.Connect"/>.</summary>
        public Fault Connect(MqttConnectRequest request)
        {
            Close();
            if (request == null || request.Host == null || request.Host.Length == 0)
            {
                return Fail(Fault.DnsFailure, "no host name to connect to (aws.endpoint is empty)");
            }

            if (request.Port < 1 || request.Port > 65535)
            {
                return Fail(Fault.TcpFailure, "port " + request.Port.ToString() + " is out of range (aws.port must be 1..65535)");
            }

            TransportMode mode = request.Mode;
            if (mode != TransportMode.Alpn && mode != TransportMode.Domain && mode != TransportMode.Wss)
            {
                return Fail(Fault.Internal, "unknown transport mode " + ((int)mode).ToString());
            }

            _mode = mode;
            bool alpn = mode == TransportMode.Alpn;
            if (alpn && !_tls.CanSendAlpn)
            {
                return Fail(Fault.AlpnUnavailable, AlpnUnavailableDetail);
            }

            _connect.ClientId = request.ClientId;
            _connect.Username = request.Username;
            _connect.Password = request.Password;
            _connect.KeepAliveSeconds = request.KeepAliveSeconds;
            _connect.CleanSession = request.CleanSession;
            _connect.PingResponseTimeoutMs = _settings.PingResponseTimeoutMs;
            _connect.WriteTimeoutMs = _settings.WriteTimeoutMs;
            int connectSize;
            try
            {
                MqttArguments.CheckConnect(_connect);
                connectSize = MqttEncoder.ConnectSize(_connect);
            }
            catch (ArgumentException e)
            {
                // The rules' messages name the field, never its value.
                return Fail(Fault.Internal, "CONNECT cannot be built: " + e.Message);
            }

            EnsureSendBuffer(connectSize > _sendNeeded ? connectSize : _sendNeeded);

            ITransport tls;
            Fault fault = _tls.Connect(request.Host, request.Port, alpn, _settings.TlsTimeoutMs, out tls);
            if (fault != Fault.None || tls == null)
            {
                return Fail(fault == Fault.None ? Fault.Internal : fault, _tls.LastErrorDetail);
            }

            ITransport transport = tls;
            if (mode == TransportMode.Wss)
            {
                fault = _ws.Open(tls, BuildUpgrade(request), _settings.UpgradeTimeoutMs);
                if (fault != Fault.None)
                {
                    // Open closed the TLS stream already.
                    return Fail(fault, "WebSocket upgrade to wss://" + request.Host + PortSuffix(request.Port) + WebSocketUpgrade.DefaultPath
                        + " failed: " + _ws.LastErrorDetail);
                }

                transport = _ws;
            }

            fault = _client.Connect(transport, _connect, _settings.ConnackTimeoutMs);
            if (fault != Fault.None)
            {
                return Fail(fault, _client.LastErrorDetail);
            }

            _lastError = string.Empty;
            return Fault.None;
        }

        /// <summary>
        /// See <see cref="IMqttLink.Publish"/>. An invalid topic is <see cref="Fault.PublishRejected"/> (nothing sent,
        /// the session goes on); a PUBLISH larger than the send buffer is <see cref="Fault.PacketTooLarge"/> (nothing
        /// sent) and the next Connect allocates a send buffer it fits in.
        /// </summary>
        public Fault Publish(string topic, byte[] payload, int length, int qos, int timeoutMs)
        {
            if (!_client.IsConnected)
            {
                return Fail(Fault.ConnectionLost, "not connected");
            }

            Fault fault;
            try
            {
                fault = _client.Publish(topic, payload, 0, length, qos, timeoutMs < 0 ? 0 : timeoutMs);
            }
            catch (ArgumentException e)
            {
                return Fail(Fault.PublishRejected, "PUBLISH not sent: " + e.Message);
            }

            if (fault == Fault.None)
            {
                return Fault.None;
            }

            if (fault == Fault.PacketTooLarge)
            {
                int needed = MqttEncoder.PublishSize(Utf8.ByteCount(topic), qos, length);
                if (needed > _sendNeeded)
                {
                    _sendNeeded = needed;
                }
            }

            _lastError = _client.LastErrorDetail;
            return fault;
        }

        /// <summary>See <see cref="IMqttLink.Process"/>: <see cref="MqttClient.Process"/> for the whole time.</summary>
        public Fault Process(int timeoutMs)
        {
            if (!_client.IsConnected)
            {
                return Fail(Fault.ConnectionLost, _lastError.Length > 0 ? _lastError : "not connected");
            }

            Fault fault = _client.Process(timeoutMs < 0 ? 0 : timeoutMs);
            if (fault != Fault.None)
            {
                _lastError = _client.LastErrorDetail;
            }

            return fault;
        }

        /// <summary>
        /// Subscribes to <paramref name="filter"/> at QoS 0 or 1 (see <see cref="MqttClient.Subscribe"/>); messages go
        /// to <see cref="MessageHandler"/>. Not part of <see cref="IMqttLink"/>: for commands to the device.
        /// </summary>
        public Fault Subscribe(string filter, int qos, int timeoutMs)
        {
            if (!_client.IsConnected)
            {
                return Fail(Fault.ConnectionLost, "not connected");
            }

            Fault fault;
            try
            {
                fault = _client.Subscribe(filter, qos, timeoutMs < 0 ? 0 : timeoutMs);
            }
            catch (ArgumentException e)
            {
                return Fail(Fault.SubscribeRefused, "SUBSCRIBE not sent: " + e.Message);
            }

            if (fault != Fault.None)
            {
                _lastError = _client.LastErrorDetail;
            }

            return fault;
        }

        /// <summary>Ends the session: DISCONNECT when connected (bounded), then the TLS stream closes. Safe repeatedly.</summary>
        public void Close()
        {
            _client.Disconnect();
        }

        /// <summary>
        /// See <see cref="IAbortable.Abort"/>: from any thread, closes the stream at once, and the TLS connector's attempt
        /// in progress when it is abortable, so a blocked connect, upgrade or CONNACK wait returns.
        /// </summary>
        public void Abort()
        {
            IAbortable tls = _tls as IAbortable;
            if (tls != null)
            {
                tls.Abort();
            }

            _client.Abort();
        }

        private WebSocketUpgrade BuildUpgrade(MqttConnectRequest request)
        {
            WebSocketUpgrade upgrade = new WebSocketUpgrade(request.Host + PortSuffix(request.Port));
            if (request.WssCredentials == WssCredentials.Query)
            {
                CustomAuthUpgrade.SetQuery(upgrade, request.AuthorizerName, request.Signature, request.TokenKeyName, request.Token);
            }
            else
            {
                // A refused header (CR/LF in a value) stops the request from being sent: Open says which, by name.
                CustomAuthUpgrade.AddHeaders(upgrade, request.AuthorizerName, request.Signature, request.TokenKeyName, request.Token);
            }

            upgrade.AddSecret(request.Password);
            return upgrade;
        }

        private static string PortSuffix(int port)
        {
            return port == 443 ? string.Empty : ":" + port.ToString();
        }

        private void EnsureSendBuffer(int needed)
        {
            if (needed <= _sendBytes)
            {
                return;
            }

            // Between sessions only (Close ran): the old client holds no transport any more.
            int size = _sendBytes * 2 > needed ? _sendBytes * 2 : needed;
            _client = NewClient(size);
            _sendBytes = size;
        }

        private MqttClient NewClient(int sendBytes)
        {
            MqttClient client = new MqttClient(_clock, new byte[sendBytes], _receive, _settings.MaxInflight);
            client.MessageHandler = _handler;
            return client;
        }

        private Fault Fail(Fault fault, string detail)
        {
            _lastError = detail == null ? string.Empty : detail;
            return fault;
        }
    }
}
