using System;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Mqtt
{
    /// <summary>
    /// An MQTT 3.1.1 client session over an <see cref="ITransport"/>, shaped like FreeRTOS coreMQTT: it never opens or
    /// owns a network connection (the caller connects the transport and hands it over), it encodes into and decodes
    /// from two caller-allocated buffers, and every blocking call is bounded by a timeout on the injected clock.
    /// QoS 0 and 1 only (AWS IoT Core has no QoS 2).
    /// <para>
    /// Threads: one owner thread makes every call. The only exception is <see cref="Abort"/>, which any thread may call
    /// (a watchdog), making a blocked call return <see cref="Fault.ConnectionLost"/>.
    /// </para>
    /// <para>
    /// Faults: network and protocol conditions are never thrown; they come back as a <see cref="Fault"/> with a short,
    /// secret-free <see cref="LastErrorDetail"/> (never the user name, password or payload). A fault that ends the
    /// session closes the transport and makes <see cref="IsConnected"/> false; the ones that do not are listed on each
    /// method. Argument misuse (null buffer, bad QoS, invalid topic, a call from inside the message handler) throws.
    /// </para>
    /// <para>
    /// Memory: after construction the client allocates nothing to publish, to wait for a PUBACK or to keep the link
    /// alive; it allocates at Connect, for inbound message topics, and for detail strings on failure.
    /// </para>
    /// </summary>
    public sealed class MqttClient
    {
        private const int AwaitNothing = 0;
        private const int AwaitPuback = 1;
        private const int AwaitSuback = 2;

        private readonly IClock _clock;
        private readonly byte[] _send;
        private readonly byte[] _control = new byte[4];
        private readonly MqttPacketReader _reader;
        private readonly MqttInflightWindow _window;
        private readonly MqttInboundPublish _inbound = new MqttInboundPublish();
        private readonly MqttKeepAlive _keepAlive = new MqttKeepAlive();

        private ITransport _transport;
        private MqttConnectOptions _options;
        private IMqttMessageHandler _handler;
        private bool _connected;
        private bool _inHandler;
        private bool _aborted;
        private int _nextPacketId = 1;
        private int _subscribeId;
        private int _subackCode = -1;
        private string _lastError = string.Empty;

        /// <summary>
        /// A client that encodes outbound packets into <paramref name="sendBuffer"/> (it bounds the largest PUBLISH and
        /// the CONNECT) and frames inbound packets in <paramref name="receiveBuffer"/> (it bounds the largest packet the
        /// broker may send), with room for <paramref name="maxInflight"/> unacknowledged QoS 1 publishes. The client
        /// owns both buffers from now on: the caller must not touch them.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="clock"/> or a buffer is null.</exception>
        /// <exception cref="ArgumentException">A buffer is shorter than 16 bytes, or both are the same array.</exception>
        /// <exception cref="ArgumentOutOfRangeException">
        /// <paramref name="maxInflight"/> is outside 1..65534 (one packet id always stays free for SUBSCRIBE; AWS allows 100 in flight).
        /// </exception>
        public MqttClient(IClock clock, byte[] sendBuffer, byte[] receiveBuffer, int maxInflight)
        {
            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (sendBuffer == null)
            {
                throw new ArgumentNullException("sendBuffer");
            }

            if (receiveBuffer == null)
            {
                throw new ArgumentNullException("receiveBuffer");
            }

            if (sendBuffer.Length < 16)
            {
                throw new ArgumentException("send buffer must be at least 16 bytes", "sendBuffer");
            }

            if (sendBuffer == receiveBuffer)
            {
                throw new ArgumentException("send and receive buffers must be different arrays", "receiveBuffer");
            }

            if (maxInflight < 1 || maxInflight > 65534)
            {
                throw new ArgumentOutOfRangeException("maxInflight");
            }

            _clock = clock;
            _send = sendBuffer;
            _reader = new MqttPacketReader(receiveBuffer);
            _window = new MqttInflightWindow(maxInflight);
        }

        /// <summary>
        /// Receives inbound PUBLISH messages (see <see cref="IMqttMessageHandler"/> for when and how); null drops them
        /// (QoS 1 ones are still acknowledged). Set it before <see cref="Connect"/> or between calls.
        /// </summary>
        public IMqttMessageHandler MessageHandler
        {
            get { return _handler; }
            set { _handler = value; }
        }

        /// <summary>
        /// True from an accepted CONNACK until a call returns a fault that ends the session, or <see cref="Disconnect"/>.
        /// After <see cref="Abort"/> it stays true until the owner thread's next call notices the closed transport.
        /// </summary>
        public bool IsConnected
        {
            get { return _connected; }
        }

        /// <summary>The session-present flag of the last accepted CONNACK.</summary>
        public bool SessionPresent { get; private set; }

        /// <summary>QoS 1 publishes of this session whose outcome has not been collected (see <see cref="WaitForAcknowledgement"/>).</summary>
        public int InflightCount
        {
            get { return _window.Count; }
        }

        /// <summary>Size of the in-flight window given at construction.</summary>
        public int MaxInflight
        {
            get { return _window.Capacity; }
        }

        /// <summary>PUBACKs and SUBACKs for packet ids nobody waits for (late after a timeout, or duplicates), ignored since construction.</summary>
        public int IgnoredAcknowledgements { get; private set; }

        /// <summary>PINGREQs sent since construction.</summary>
        public int PingsSent { get; private set; }

        /// <summary>Inbound PUBLISH messages handed over since construction.</summary>
        public int MessagesReceived { get; private set; }

        /// <summary>QoS the broker granted in the last successful <see cref="Subscribe"/> (-1 before any).</summary>
        public int LastGrantedQos { get; private set; } = -1;

        /// <summary>Short, secret-free description of the last failure ("" after a successful Connect).</summary>
        public string LastErrorDetail
        {
            get { return _lastError; }
        }

        /// <summary>
        /// Starts a session on <paramref name="transport"/> (connected by the caller, TLS and WebSocket upgrade done):
        /// sends CONNECT built from <paramref name="options"/> and waits for CONNACK, all within
        /// <paramref name="timeoutMs"/>. From now on the client uses the transport and closes it when the session ends;
        /// a previous session is ended (its transport closed) first. The client keeps <paramref name="options"/> for
        /// the session.
        /// <para>
        /// Returns <see cref="Fault.None"/> once accepted. Otherwise the transport is closed and the result is:
        /// the named refusal for CONNACK codes 1..5 (<see cref="Fault.RefusedProtocolVersion"/>,
        /// <see cref="Fault.RefusedIdentifier"/>, <see cref="Fault.RefusedServerUnavailable"/>,
        /// <see cref="Fault.RefusedBadCredentials"/>, <see cref="Fault.RefusedNotAuthorized"/>);
        /// <see cref="Fault.ConnectRefused"/> when the peer closes the stream before CONNACK (how AWS refuses custom
        /// auth over MQTT 3.1.1); <see cref="Fault.ConnectTimeout"/> when no CONNACK arrives in time;
        /// <see cref="Fault.ProtocolError"/> for anything but a well-formed CONNACK first (or a reserved return code);
        /// <see cref="Fault.PacketTooLarge"/> when CONNECT does not fit the send buffer; the transport's fault when a
        /// write fails.
        /// </para>
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="transport"/> or <paramref name="options"/> is null.</exception>
        /// <exception cref="ArgumentException">The options break a CONNECT rule (see <see cref="MqttConnectOptions"/>).</exception>
        /// <exception cref="InvalidOperationException">Called from inside the message handler.</exception>
        public Fault Connect(ITransport transport, MqttConnectOptions options, int timeoutMs)
        {
            if (transport == null)
            {
                throw new ArgumentNullException("transport");
            }

            MqttArguments.CheckConnect(options);
            MqttArguments.CheckTimeout(timeoutMs);
            CheckNotInHandler();

            EndSession();
            _transport = transport;
            _options = options;
            _aborted = false;
            SessionPresent = false;

            long deadline = _clock.UptimeMs + timeoutMs;
            int size = MqttEncoder.WriteConnect(_send, options);
            if (size < 0)
            {
                return Fail(Fault.PacketTooLarge, "CONNECT needs " + MqttEncoder.ConnectSize(options).ToString()
                    + " bytes, the send buffer has " + _send.Length.ToString());
            }

            if (!Send(_send, size, timeoutMs))
            {
                return FailWrite("CONNECT");
            }

            bool first = true;
            while (true)
            {
                long left = deadline - _clock.UptimeMs;
                if (left <= 0 && !first)
                {
                    return Fail(Fault.ConnectTimeout, "no CONNACK within " + timeoutMs.ToString() + " ms");
                }

                first = false;
                int result = _reader.Next(_transport, left > 0 ? (int)left : 0);
                if (result == MqttPacketReader.Failed)
                {
                    if (_reader.TransportFailed && _reader.Fault == Fault.ConnectionLost && !_aborted)
                    {
                        return Fail(Fault.ConnectRefused, "server closed the connection before CONNACK (AWS refuses custom auth this way; "
                            + "check the authorizer): " + _reader.Detail);
                    }

                    return FailRead();
                }

                if (result == MqttPacketReader.NoPacket)
                {
                    continue;
                }

                int type = _reader.Header >> 4;
                if (type != MqttPacketType.Connack)
                {
                    return Fail(Fault.ProtocolError, "expected CONNACK, got " + MqttPacketType.NameOf(type));
                }

                bool sessionPresent;
                int code;
                string problem = MqttDecoder.ParseConnack(_reader.Buffer, _reader.BodyOffset, _reader.BodyLength, out sessionPresent, out code);
                if (problem != null)
                {
                    return Fail(Fault.ProtocolError, problem);
                }

                _reader.Consume();
                Fault refusal = MqttConnackCodes.ToFault(code);
                if (refusal != Fault.None)
                {
                    return Fail(refusal, "CONNACK return code " + code.ToString() + ": " + MqttConnackCodes.Describe(code));
                }

                _connected = true;
                SessionPresent = sessionPresent;
                _keepAlive.Start(_clock.UptimeMs, options.KeepAliveSeconds, options.PingResponseTimeoutMs);
                _lastError = string.Empty;
                return Fault.None;
            }
        }

        /// <summary>
        /// Sends one PUBLISH without waiting for its PUBACK: <paramref name="count"/> bytes of
        /// <paramref name="payload"/> from <paramref name="offset"/> (copied into the send buffer; the caller's array is
        /// only read and not referenced afterwards) to <paramref name="topic"/> at <paramref name="qos"/> 0 or 1. The
        /// write is bounded by <paramref name="timeoutMs"/>. Also keeps the link alive (a PINGREQ when due, a dead link
        /// detected), so a device that only publishes QoS 0 still notices a silent broker.
        /// <para>
        /// QoS 1: <paramref name="packetId"/> is the id to pass to <see cref="WaitForAcknowledgement"/> (or
        /// <see cref="Release"/>); the message holds a window slot until then. QoS 0: <paramref name="packetId"/> is 0.
        /// </para>
        /// <para>
        /// Returns <see cref="Fault.None"/> once written. Without ending the session (nothing sent):
        /// <see cref="Fault.InflightWindowFull"/> when QoS 1 and every slot awaits collection;
        /// <see cref="Fault.PacketTooLarge"/> when the packet does not fit the send buffer. Ending it:
        /// <see cref="Fault.ConnectionLost"/> (also when not connected), <see cref="Fault.KeepAliveTimeout"/>, or the
        /// transport's fault.
        /// </para>
        /// </summary>
        /// <exception cref="ArgumentException">Invalid topic name (see <see cref="MqttTopic.CheckName"/>) or payload range.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="qos"/> is not 0 or 1, or a negative timeout.</exception>
        /// <exception cref="InvalidOperationException">Called from inside the message handler.</exception>
        public Fault BeginPublish(string topic, byte[] payload, int offset, int count, int qos, bool retain, int timeoutMs, out int packetId)
        {
            packetId = 0;
            MqttArguments.CheckPublish(topic, payload, offset, count, qos);
            MqttArguments.CheckTimeout(timeoutMs);
            CheckNotInHandler();
            if (!_connected)
            {
                return NotConnected();
            }

            Fault fault = KeepAlive(true);
            if (fault != Fault.None)
            {
                return fault;
            }

            int id = 0;
            if (qos > 0)
            {
                if (_window.IsFull)
                {
                    _lastError = "in-flight window full: " + _window.Capacity.ToString() + " QoS 1 publishes await collection";
                    return Fault.InflightWindowFull;
                }

                id = NextPacketId();
            }

            int topicBytes = Utf8.ByteCount(topic);
            int size = MqttEncoder.WritePublish(_send, topic, topicBytes, qos, retain, id, payload, offset, count);
            if (size < 0)
            {
                _lastError = "PUBLISH of " + count.ToString() + " payload bytes does not fit the send buffer of " + _send.Length.ToString();
                return Fault.PacketTooLarge;
            }

            if (qos > 0)
            {
                _window.Add(id);
            }

            if (!Send(_send, size, timeoutMs))
            {
                return FailWrite("PUBLISH");
            }

            packetId = id;
            return Fault.None;
        }

        /// <summary>
        /// Waits at most <paramref name="timeoutMs"/> (0 polls) for the PUBACK of the QoS 1 publish
        /// <paramref name="packetId"/>, servicing the session meanwhile (inbound messages, other PUBACKs in any order,
        /// keep-alive). Returns <see cref="Fault.None"/> when acknowledged (also when the PUBACK had already arrived),
        /// freeing its window slot. <see cref="Fault.PublishTimeout"/> when not acknowledged in time: the session
        /// goes on and the message stays in flight (wait again, or <see cref="Release"/> it to give up).
        /// <see cref="Fault.Internal"/> when <paramref name="packetId"/> is not in flight in this session (a caller bug;
        /// nothing changes). Session-ending faults as for <see cref="Process"/>; after one, every id returns
        /// <see cref="Fault.ConnectionLost"/>.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">Negative timeout.</exception>
        /// <exception cref="InvalidOperationException">Called from inside the message handler.</exception>
        public Fault WaitForAcknowledgement(int packetId, int timeoutMs)
        {
            MqttArguments.CheckTimeout(timeoutMs);
            CheckNotInHandler();
            if (!_connected)
            {
                return NotConnected();
            }

            if (_window.StateOf(packetId) == MqttInflightWindow.Absent)
            {
                _lastError = "packet id " + packetId.ToString() + " is not awaiting a PUBACK in this session";
                return Fault.Internal;
            }

            bool timedOut;
            Fault fault = Pump(_clock.UptimeMs + timeoutMs, AwaitPuback, packetId, out timedOut);
            if (fault != Fault.None)
            {
                return fault;
            }

            if (_window.StateOf(packetId) == MqttInflightWindow.Acknowledged)
            {
                _window.Remove(packetId);
                return Fault.None;
            }

            _lastError = "no PUBACK for packet id " + packetId.ToString() + " within " + timeoutMs.ToString() + " ms";
            return Fault.PublishTimeout;
        }

        /// <summary>
        /// Gives up on the QoS 1 publish <paramref name="packetId"/>: frees its window slot whether or not its PUBACK
        /// came; a PUBACK arriving later is ignored. Returns false when the id was not in flight.
        /// </summary>
        /// <exception cref="InvalidOperationException">Called from inside the message handler.</exception>
        public bool Release(int packetId)
        {
            CheckNotInHandler();
            return _window.Remove(packetId);
        }

        /// <summary>
        /// <see cref="BeginPublish"/> then, for QoS 1, <see cref="WaitForAcknowledgement"/>, together within
        /// <paramref name="timeoutMs"/>. A QoS 1 timeout releases the message's slot and returns
        /// <see cref="Fault.PublishTimeout"/> (the session goes on; the caller keeps the data and sends it again).
        /// Other results as for those two methods. Retain is off.
        /// </summary>
        /// <exception cref="ArgumentException">As for <see cref="BeginPublish"/>.</exception>
        /// <exception cref="InvalidOperationException">Called from inside the message handler.</exception>
        public Fault Publish(string topic, byte[] payload, int offset, int count, int qos, int timeoutMs)
        {
            long start = _clock.UptimeMs;
            int packetId;
            Fault fault = BeginPublish(topic, payload, offset, count, qos, false, timeoutMs, out packetId);
            if (fault != Fault.None || qos == 0)
            {
                return fault;
            }

            long left = timeoutMs - (_clock.UptimeMs - start);
            fault = WaitForAcknowledgement(packetId, left > 0 ? (int)left : 0);
            if (fault == Fault.PublishTimeout)
            {
                _window.Remove(packetId);
            }

            return fault;
        }

        /// <summary>
        /// Subscribes to one <paramref name="filter"/> at <paramref name="qos"/> 0 or 1 and waits for the SUBACK, within
        /// <paramref name="timeoutMs"/>, servicing the session meanwhile. Returns <see cref="Fault.None"/> when granted
        /// (the granted QoS is in <see cref="LastGrantedQos"/>). Without ending the session:
        /// <see cref="Fault.SubscribeRefused"/> for return code 0x80, <see cref="Fault.SubscribeTimeout"/> when no SUBACK
        /// came in time (a late one is ignored), <see cref="Fault.PacketTooLarge"/> when SUBSCRIBE does not fit the send
        /// buffer. Ending it: <see cref="Fault.ProtocolError"/> when the broker grants more than asked, and as for
        /// <see cref="Process"/>. AWS over MQTT 3.1.1 closes the connection instead of refusing: ConnectionLost.
        /// </summary>
        /// <exception cref="ArgumentException">Invalid filter (see <see cref="MqttTopic.CheckFilter"/>).</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="qos"/> is not 0 or 1, or a negative timeout.</exception>
        /// <exception cref="InvalidOperationException">Called from inside the message handler.</exception>
        public Fault Subscribe(string filter, int qos, int timeoutMs)
        {
            MqttArguments.CheckFilter(filter);
            MqttArguments.CheckQos(qos);
            MqttArguments.CheckTimeout(timeoutMs);
            CheckNotInHandler();
            if (!_connected)
            {
                return NotConnected();
            }

            long deadline = _clock.UptimeMs + timeoutMs;
            Fault fault = KeepAlive(true);
            if (fault != Fault.None)
            {
                return fault;
            }

            int id = NextPacketId();
            int size = MqttEncoder.WriteSubscribe(_send, id, filter, Utf8.ByteCount(filter), qos);
            if (size < 0)
            {
                _lastError = "SUBSCRIBE does not fit the send buffer of " + _send.Length.ToString();
                return Fault.PacketTooLarge;
            }

            _subscribeId = id;
            _subackCode = -1;
            if (!Send(_send, size, timeoutMs))
            {
                return FailWrite("SUBSCRIBE");
            }

            bool timedOut;
            fault = Pump(deadline, AwaitSuback, id, out timedOut);
            int code = _subackCode;
            _subscribeId = 0;
            if (fault != Fault.None)
            {
                return fault;
            }

            if (code < 0)
            {
                _lastError = "no SUBACK within " + timeoutMs.ToString() + " ms";
                return Fault.SubscribeTimeout;
            }

            if (code == MqttDecoder.SubackFailure)
            {
                _lastError = "the broker refused the subscription (SUBACK 0x80)";
                return Fault.SubscribeRefused;
            }

            if (code > qos)
            {
                return Fail(Fault.ProtocolError, "SUBACK grants QoS " + code.ToString() + ", more than the " + qos.ToString() + " asked");
            }

            LastGrantedQos = code;
            return Fault.None;
        }

        /// <summary>
        /// Services the session for <paramref name="timeoutMs"/> (0 polls once): reads and handles inbound packets
        /// (messages to the handler, QoS 1 ones acknowledged; PUBACKs recorded; PINGRESP), sends PINGREQ when the link
        /// has been quiet for the keep-alive interval in either direction, and declares the link dead when nothing
        /// arrives within the ping response time after it. Call it instead of sleeping while connected. It returns
        /// at the deadline, except that a control packet it must send (PINGREQ, PUBACK) may take up to
        /// <see cref="MqttConnectOptions.WriteTimeoutMs"/> longer.
        /// <para>
        /// Returns <see cref="Fault.None"/> when the session is still up at the deadline. Session-ending faults:
        /// <see cref="Fault.KeepAliveTimeout"/>; <see cref="Fault.ConnectionLost"/> (peer closed, also mid-packet,
        /// aborted, or not connected); <see cref="Fault.ProtocolError"/> (malformed packet, reserved flags, a packet a
        /// client never receives, invalid topic); <see cref="Fault.PacketTooLarge"/> (inbound packet larger than the
        /// receive buffer); <see cref="Fault.Internal"/> (the handler threw); or the transport's own fault.
        /// </para>
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">Negative timeout.</exception>
        /// <exception cref="InvalidOperationException">Called from inside the message handler.</exception>
        public Fault Process(int timeoutMs)
        {
            MqttArguments.CheckTimeout(timeoutMs);
            CheckNotInHandler();
            if (!_connected)
            {
                return NotConnected();
            }

            bool timedOut;
            return Pump(_clock.UptimeMs + timeoutMs, AwaitNothing, 0, out timedOut);
        }

        /// <summary>
        /// Ends the session: sends DISCONNECT when connected (best effort, bounded by
        /// <see cref="MqttConnectOptions.WriteTimeoutMs"/>), then closes the transport. Safe when not connected and
        /// repeatedly. <see cref="LastErrorDetail"/> is left as it was.
        /// </summary>
        /// <exception cref="InvalidOperationException">Called from inside the message handler.</exception>
        public void Disconnect()
        {
            CheckNotInHandler();
            if (_connected)
            {
                MqttEncoder.WriteDisconnect(_control, 0);
                _transport.Write(_control, 0, 2, _options.WriteTimeoutMs);
            }

            EndSession();
        }

        /// <summary>
        /// Closes the transport at once, from any thread (a watchdog), so a call blocked in the owner thread returns
        /// <see cref="Fault.ConnectionLost"/>. Sends nothing. Safe at any time, repeatedly.
        /// </summary>
        public void Abort()
        {
            _aborted = true;
            ITransport transport = _transport;
            if (transport != null)
            {
                transport.Close();
            }
        }

        // Reads and handles packets until the deadline, or until what the caller awaits has arrived. Returns None
        // unless the session ended; timedOut tells the two apart. At least one read is made, so a deadline of "now"
        // still polls.
        private Fault Pump(long deadline, int awaiting, int packetId, out bool timedOut)
        {
            timedOut = false;
            bool first = true;
            while (true)
            {
                if (Arrived(awaiting, packetId))
                {
                    return Fault.None;
                }

                // The first round looks at the transport before declaring the link dead: the caller may have been busy
                // elsewhere past the ping response time with the PINGRESP already waiting unread.
                Fault fault = KeepAlive(first);
                if (fault != Fault.None)
                {
                    return fault;
                }

                long now = _clock.UptimeMs;
                long left = deadline - now;
                if (left <= 0 && !first)
                {
                    timedOut = true;
                    return Fault.None;
                }

                first = false;
                long wait = left > 0 ? left : 0;
                long untilKeepAlive = _keepAlive.NextEventMs() - now;
                if (untilKeepAlive < wait)
                {
                    wait = untilKeepAlive > 0 ? untilKeepAlive : 0;
                }

                fault = ReceiveAndHandle((int)wait);
                if (fault != Fault.None)
                {
                    return fault;
                }
            }
        }

        private bool Arrived(int awaiting, int packetId)
        {
            if (awaiting == AwaitPuback)
            {
                return _window.StateOf(packetId) == MqttInflightWindow.Acknowledged;
            }

            return awaiting == AwaitSuback && _subackCode >= 0;
        }

        private Fault ReceiveAndHandle(int waitMs)
        {
            int result = _reader.Next(_transport, waitMs);
            if (_reader.BytesArrived)
            {
                // Any byte from the broker proves the link alive, so it answers a pending PINGREQ as well as PINGRESP does.
                _keepAlive.Inbound(_clock.UptimeMs);
            }

            if (result == MqttPacketReader.Failed)
            {
                return FailRead();
            }

            if (result == MqttPacketReader.NoPacket)
            {
                return Fault.None;
            }

            Fault fault = Handle();
            if (_connected)
            {
                _reader.Consume();
            }

            return fault;
        }

        private Fault Handle()
        {
            int type = _reader.Header >> 4;
            byte[] buffer = _reader.Buffer;
            int offset = _reader.BodyOffset;
            int length = _reader.BodyLength;
            string problem;
            int packetId;
            int code;
            switch (type)
            {
                case MqttPacketType.Publish:
                    return HandlePublish();

                case MqttPacketType.Puback:
                    problem = MqttDecoder.ParsePuback(buffer, offset, length, out packetId);
                    if (problem != null)
                    {
                        return Fail(Fault.ProtocolError, problem);
                    }

                    // Unknown ids are ignored, not faulted: a PUBACK may arrive after its publish was released on timeout.
                    if (!_window.Acknowledge(packetId))
                    {
                        IgnoredAcknowledgements++;
                    }

                    return Fault.None;

                case MqttPacketType.Suback:
                    problem = MqttDecoder.ParseSuback(buffer, offset, length, out packetId, out code);
                    if (problem != null)
                    {
                        return Fail(Fault.ProtocolError, problem);
                    }

                    if (packetId == _subscribeId && _subackCode < 0)
                    {
                        _subackCode = code;
                    }
                    else
                    {
                        IgnoredAcknowledgements++;
                    }

                    return Fault.None;

                case MqttPacketType.Pingresp:
                    return length == 0 ? Fault.None : Fail(Fault.ProtocolError, "PINGRESP remaining length is not 0");

                default:
                    // CONNACK twice, QoS 2 flow packets, and packets only a server receives all break the protocol here.
                    return Fail(Fault.ProtocolError, "unexpected " + MqttPacketType.NameOf(type) + " from the broker");
            }
        }

        private Fault HandlePublish()
        {
            byte[] buffer = _reader.Buffer;
            string problem = MqttDecoder.ParsePublish(_reader.Header, buffer, _reader.BodyOffset, _reader.BodyLength, _inbound);
            if (problem != null)
            {
                return Fail(Fault.ProtocolError, problem);
            }

            IMqttMessageHandler handler = _handler;
            if (handler != null)
            {
                bool threw = false;
                _inHandler = true;
                try
                {
                    handler.OnMessage(_inbound.Topic, buffer, _inbound.PayloadOffset, _inbound.PayloadLength, _inbound.Qos, _inbound.Retain);
                }
                catch (Exception)
                {
                    threw = true;
                }
                finally
                {
                    _inHandler = false;
                }

                if (threw)
                {
                    return Fail(Fault.Internal, "the message handler threw; the message was not acknowledged");
                }
            }

            MessagesReceived++;
            if (_inbound.Qos > 0)
            {
                MqttEncoder.WritePuback(_control, 0, _inbound.PacketId);
                if (!Send(_control, 4, _options.WriteTimeoutMs))
                {
                    return FailWrite("PUBACK");
                }
            }

            return Fault.None;
        }

        // Sends PINGREQ when MqttKeepAlive says it is due and ends the session when it says the link is dead.
        // pollFirst looks at the transport once before declaring the link dead, for callers that have not been
        // reading: the answer may be sitting unread.
        private Fault KeepAlive(bool pollFirst)
        {
            int due = _keepAlive.Check(_clock.UptimeMs);
            if (due == MqttKeepAlive.Expired && pollFirst)
            {
                Fault fault = ReceiveAndHandle(0);
                if (fault != Fault.None)
                {
                    return fault;
                }

                due = _keepAlive.Check(_clock.UptimeMs);
            }

            if (due == MqttKeepAlive.Expired)
            {
                return Fail(Fault.KeepAliveTimeout, "nothing from the broker within " + _options.PingResponseTimeoutMs.ToString()
                    + " ms of PINGREQ (keep-alive " + _options.KeepAliveSeconds.ToString() + " s)");
            }

            if (due != MqttKeepAlive.PingDue)
            {
                return Fault.None;
            }

            MqttEncoder.WritePingreq(_control, 0);
            if (!Send(_control, 2, _options.WriteTimeoutMs))
            {
                return FailWrite("PINGREQ");
            }

            _keepAlive.PingSent(_clock.UptimeMs);
            PingsSent++;
            return Fault.None;
        }

        private int NextPacketId()
        {
            while (true)
            {
                int id = _nextPacketId;
                _nextPacketId = id == 65535 ? 1 : id + 1;
                if (id != _subscribeId && _window.StateOf(id) == MqttInflightWindow.Absent)
                {
                    return id;
                }
            }
        }

        private bool Send(byte[] buffer, int count, int timeoutMs)
        {
            if (_transport.Write(buffer, 0, count, timeoutMs) != count)
            {
                return false;
            }

            _keepAlive.Outbound(_clock.UptimeMs);
            return true;
        }

        private Fault FailWrite(string packet)
        {
            Fault fault = _aborted || _transport.LastFault == Fault.None ? Fault.ConnectionLost : _transport.LastFault;
            return Fail(fault, (_aborted ? "aborted; " : string.Empty) + packet + " not sent: " + _transport.LastErrorDetail);
        }

        private Fault FailRead()
        {
            if (_aborted && _reader.TransportFailed)
            {
                return Fail(Fault.ConnectionLost, "aborted; " + _reader.Detail);
            }

            return Fail(_reader.Fault, _reader.Detail);
        }

        private Fault NotConnected()
        {
            _lastError = "not connected";
            return Fault.ConnectionLost;
        }

        private Fault Fail(Fault fault, string detail)
        {
            _lastError = detail;
            EndSession();
            return fault;
        }

        private void EndSession()
        {
            _connected = false;
            _subscribeId = 0;
            _window.Clear();
            _reader.Reset();
            ITransport transport = _transport;
            if (transport != null)
            {
                // Forgotten once closed: the caller may reuse the same transport object for the next session (a
                // WebSocketTransport serves one connection after another), which a later EndSession must not close.
                _transport = null;
                transport.Close();
            }
        }

        private void CheckNotInHandler()
        {
            if (_inHandler)
            {
                throw new InvalidOperationException("the MQTT client must not be called from its message handler");
            }
        }
    }
}
