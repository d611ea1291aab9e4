using System;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.WebSockets
{
    /// <summary>
    /// An RFC 6455 WebSocket client that is itself an <see cref="ITransport"/> over an inner one (the TLS socket), so
    /// the MQTT client runs over it unchanged: the byte stream it offers is the concatenated payload of the binary
    /// frames the server sends (MQTT over WebSockets puts the MQTT stream in binary frames, split anywhere), and every
    /// Write becomes one masked binary frame. Ping is answered with pong, a close frame with a close frame; anything
    /// RFC 6455 or MQTT-over-WebSockets forbids ends the stream with a named fault.
    /// <para>
    /// Threads: one owner thread calls <see cref="Open"/>, Write and Read; <see cref="Close"/> from any thread.
    /// </para>
    /// <para>
    /// Memory: frames go out through the caller's frame buffer (masked copies in chunks of its size; the caller's
    /// data is never modified) and come in straight into the reader's buffer, so steady traffic allocates nothing.
    /// <see cref="Open"/> allocates the request text; the response head is read into a buffer allocated once.
    /// </para>
    /// </summary>
    public sealed class WebSocketTransport : ITransport
    {
        /// <summary>Largest response head (status line and headers) accepted from the server.</summary>
        public const int MaxResponseHeadBytes = 4096;

        /// <summary>Largest control-frame payload RFC 6455 5.5 allows.</summary>
        public const int MaxControlPayload = 125;

        /// <summary>Bound on each pong or close frame the transport sends on its own.</summary>
        public const int DefaultControlWriteTimeoutMs = 2000;

        /// <summary>Smallest frame buffer: room for the longest frame header (14 bytes) and some payload.</summary>
        public const int MinFrameBuffer = 32;

        private const int OpContinuation = 0x0;
        private const int OpText = 0x1;
        private const int OpBinary = 0x2;
        private const int OpClose = 0x8;
        private const int OpPing = 0x9;
        private const int OpPong = 0xA;
        private const int Fin = 0x80;
        private const int CloseNormal = 1000;
        private const int CloseProtocolError = 1002;
        private const int CloseTooBig = 1009;

        private readonly IClock _clock;
        private readonly IRandomSource _random;
        private readonly byte[] _frame;
        private readonly int _maxMessageBytes;
        private readonly byte[] _response = new byte[MaxResponseHeadBytes];
        private readonly byte[] _header = new byte[14];
        private readonly byte[] _control = new byte[MaxControlPayload];
        private readonly byte[] _closeBody = new byte[2];
        private readonly byte[] _mask = new byte[4];

        private ITransport _inner;
        private WebSocketUpgrade _upgrade;
        private bool _open;
        private bool _closed;
        private bool _closeSent;
        private int _pendingStart;
        private int _pendingEnd;
        private int _headerFill;
        private int _headerNeed = 2;
        private long _payloadLeft;
        private bool _inControl;
        private int _controlOpcode;
        private int _controlLength;
        private int _controlFill;
        private bool _messageOpen;
        private long _messageBytes;
        private Fault _lastFault = Fault.None;
        private string _lastError = string.Empty;

        /// <summary>
        /// A transport that masks with bytes from <paramref name="random"/> (also the source of the handshake key),
        /// sends through <paramref name="frameBuffer"/> (the transport owns it from now on; any size from
        /// <see cref="MinFrameBuffer"/>: larger means fewer inner writes per frame) and accepts server messages of at most
        /// <paramref name="maxMessageBytes"/> (summed over a message's fragments).
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="clock"/>, <paramref name="random"/> or <paramref name="frameBuffer"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="frameBuffer"/> is shorter than <see cref="MinFrameBuffer"/>.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxMessageBytes"/> is less than 1.</exception>
        public WebSocketTransport(IClock clock, IRandomSource random, byte[] frameBuffer, int maxMessageBytes)
        {
            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (random == null)
            {
                throw new ArgumentNullException("random");
            }

            if (frameBuffer == null)
            {
                throw new ArgumentNullException("frameBuffer");
            }

            if (frameBuffer.Length < MinFrameBuffer)
            {
                throw new ArgumentException("frame buffer must be at least 32 bytes", "frameBuffer");
            }

            if (maxMessageBytes < 1)
            {
                throw new ArgumentOutOfRangeException("maxMessageBytes");
            }

            _clock = clock;
            _random = random;
            _frame = frameBuffer;
            _maxMessageBytes = maxMessageBytes;
            ControlWriteTimeoutMs = DefaultControlWriteTimeoutMs;
        }

        /// <summary>Bound on each pong or close frame the transport sends by itself (0 or more).</summary>
        public int ControlWriteTimeoutMs { get; set; }

        /// <summary>True after a successful <see cref="Open"/> until the stream ends.</summary>
        public bool IsOpen
        {
            get { return _open && !_closed; }
        }

        /// <summary>Pings answered with a pong since the last <see cref="Open"/>.</summary>
        public int PingsAnswered { get; private set; }

        /// <summary>The status code of the server's close frame (1005 when it had none; 0 before any).</summary>
        public int CloseStatus { get; private set; }

        /// <summary>See <see cref="ITransport.LastFault"/>.</summary>
        public Fault LastFault
        {
            get { return _lastFault; }
        }

        /// <summary>See <see cref="ITransport.LastErrorDetail"/>; never quotes a secret registered with the upgrade.</summary>
        public string LastErrorDetail
        {
            get { return _lastError; }
        }

        /// <summary>
        /// Performs the opening handshake over <paramref name="inner"/> (connected, TLS done; the transport closes it
        /// when the stream ends) within <paramref name="timeoutMs"/>: sends the upgrade request for
        /// <paramref name="upgrade"/> with a fresh key and checks the response (see
        /// <see cref="WebSocketHandshake.CheckResponse"/>). Starts from a clean state, so one instance serves one
        /// connection after another.
        /// <para>
        /// Returns <see cref="Fault.None"/> when upgraded. Otherwise closes <paramref name="inner"/> and returns
        /// <see cref="Fault.UpgradeRefused"/> (status other than 101; the detail has the status line),
        /// <see cref="Fault.UpgradeFailed"/> (invalid 101, response head over <see cref="MaxResponseHeadBytes"/>, or a
        /// request that must not be sent: nothing is sent then), <see cref="Fault.ConnectTimeout"/> (no complete
        /// response in time), <see cref="Fault.ConnectRefused"/> (the server closed the connection before
        /// answering), or the inner transport's fault.
        /// </para>
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="inner"/> or <paramref name="upgrade"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">Negative timeout.</exception>
        public Fault Open(ITransport inner, WebSocketUpgrade upgrade, int timeoutMs)
        {
            if (inner == null)
            {
                throw new ArgumentNullException("inner");
            }

            if (upgrade == null)
            {
                throw new ArgumentNullException("upgrade");
            }

            if (timeoutMs < 0)
            {
                throw new ArgumentOutOfRangeException("timeoutMs");
            }

            ResetState();
            _inner = inner;
            _upgrade = upgrade;
            long deadline = _clock.UptimeMs + timeoutMs;

            string key = WebSocketHandshake.NewKey(_random);
            string problem;
            string request = WebSocketHandshake.BuildRequest(upgrade, key, out problem);
            if (request == null)
            {
                return FailOpen(Fault.UpgradeFailed, "upgrade request not sent: " + problem);
            }

            byte[] bytes = Utf8.GetBytes(request);
            if (inner.Write(bytes, 0, bytes.Length, timeoutMs) != bytes.Length)
            {
                return FailOpen(InnerFault(), "upgrade request not sent: " + inner.LastErrorDetail);
            }

            int filled = 0;
            int headEnd = -1;
            bool first = true;
            while (headEnd < 0)
            {
                if (filled == _response.Length)
                {
                    return FailOpenEarly(filled, Fault.UpgradeFailed, "upgrade response head longer than " + MaxResponseHeadBytes.ToString() + " bytes");
                }

                long left = deadline - _clock.UptimeMs;
                if (left <= 0 && !first)
                {
                    return FailOpenEarly(filled, Fault.ConnectTimeout, "no complete upgrade response within " + timeoutMs.ToString() + " ms");
                }

                first = false;
                int read = inner.Read(_response, filled, _response.Length - filled, left > 0 ? (int)left : 0);
                if (read < 0)
                {
                    Fault fault = InnerFault();
                    if (fault == Fault.ConnectionLost)
                    {
                        fault = Fault.ConnectRefused;
                    }

                    return FailOpenEarly(filled, fault, "server closed the connection during the WebSocket upgrade: " + inner.LastErrorDetail);
                }

                int searchFrom = filled >= 3 ? filled - 3 : 0;
                filled += read;
                headEnd = FindBlankLine(searchFrom, filled);
            }

            string detail;
            Fault result = WebSocketHandshake.CheckResponse(Latin1(headEnd - 4), WebSocketHandshake.AcceptFor(key), upgrade, out detail);
            if (result != Fault.None)
            {
                return FailOpen(result, detail);
            }

            // Bytes after the head are the server's first frames: Read serves them before reading the inner stream.
            _pendingStart = headEnd;
            _pendingEnd = filled;
            _open = true;
            return Fault.None;
        }

        /// <summary>
        /// Sends <paramref name="count"/> bytes from <paramref name="offset"/> as one masked binary frame (a fresh
        /// 4-byte mask), within <paramref name="timeoutMs"/>. Returns <paramref name="count"/>, 0 for an empty write
        /// (nothing sent), or -1 when not open or the inner write failed (the stream is then closed: a frame cut short
        /// cannot be recovered). <paramref name="buffer"/> is only read.
        /// </summary>
        /// <exception cref="ArgumentException">The range lies outside <paramref name="buffer"/>.</exception>
        public int Write(byte[] buffer, int offset, int count, int timeoutMs)
        {
            CheckRange(buffer, offset, count);
            if (!IsOpen)
            {
                return NotOpen();
            }

            if (count == 0)
            {
                return 0;
            }

            return SendFrame(Fin | OpBinary, buffer, offset, count, timeoutMs) ? count : -1;
        }

        /// <summary>
        /// Returns the next payload bytes of the server's binary message stream (1..<paramref name="count"/>), 0 when
        /// none arrived within <paramref name="timeoutMs"/> (0 polls), or -1 when the stream ended. Control frames
        /// are handled on the way: ping gets a pong with the same payload, close gets a close reply and then -1 with
        /// <see cref="Fault.ConnectionLost"/>. -1 with <see cref="Fault.ProtocolError"/> for a masked server frame,
        /// reserved bits, an unknown or text opcode, a control frame over 125 bytes or fragmented, a continuation
        /// without a message or a new message inside one; <see cref="Fault.PacketTooLarge"/> for a message over the
        /// maximum (a close frame 1002 or 1009 is sent first, best effort).
        /// </summary>
        /// <exception cref="ArgumentException">The range lies outside <paramref name="buffer"/>, or <paramref name="count"/> is 0.</exception>
        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            CheckRange(buffer, offset, count);
            if (count == 0)
            {
                throw new ArgumentException("count must be 1 or more", "count");
            }

            if (!IsOpen)
            {
                return NotOpen();
            }

            long deadline = _clock.UptimeMs + (timeoutMs > 0 ? timeoutMs : 0);
            while (true)
            {
                long left = deadline - _clock.UptimeMs;
                int wait = left > 0 ? (int)left : 0;
                if (_payloadLeft > 0 && !_inControl)
                {
                    int want = _payloadLeft < count ? (int)_payloadLeft : count;
                    int read = ReadInner(buffer, offset, want, wait);
                    if (read <= 0)
                    {
                        return read < 0 ? FailInner("stream ended in the middle of a frame") : 0;
                    }

                    _payloadLeft -= read;
                    return read;
                }

                if (_inControl)
                {
                    if (_controlFill < _controlLength)
                    {
                        int read = ReadInner(_control, _controlFill, _controlLength - _controlFill, wait);
                        if (read <= 0)
                        {
                            return read < 0 ? FailInner("stream ended in the middle of a control frame") : 0;
                        }

                        _controlFill += read;
                        continue;
                    }

                    _inControl = false;
                    if (!HandleControl())
                    {
                        return -1;
                    }

                    continue;
                }

                int got = ReadInner(_header, _headerFill, _headerNeed - _headerFill, wait);
                if (got <= 0)
                {
                    if (got == 0)
                    {
                        return 0;
                    }

                    return FailInner(_headerFill > 0 ? "stream ended in the middle of a frame header"
                        : "server closed the connection without a WebSocket close frame");
                }

                _headerFill += got;
                if (_headerFill == _headerNeed && !StartFrame())
                {
                    return -1;
                }
            }
        }

        /// <summary>
        /// Closes the stream and the inner transport at once, from any thread, sending nothing (MQTT's DISCONNECT is
        /// what tells AWS the session ended cleanly). Safe repeatedly. Later calls return -1.
        /// </summary>
        public void Close()
        {
            if (!_closed)
            {
                _closed = true;
                if (_lastFault == Fault.None)
                {
                    _lastFault = Fault.ConnectionLost;
                    _lastError = "closed locally";
                }
            }

            ITransport inner = _inner;
            if (inner != null)
            {
                inner.Close();
            }
        }

        // The header bytes read so far are complete for the current stage: either learn the extended length's size,
        // or validate the whole header and set up the frame. False when the frame breaks a rule (the stream is failed).
        private bool StartFrame()
        {
            int first = _header[0];
            int second = _header[1];
            if (_headerNeed == 2)
            {
                if ((first & 0x70) != 0)
                {
                    return FailProtocol(Fault.ProtocolError, CloseProtocolError, "frame with reserved bits set (no extension was negotiated)");
                }

                if ((second & 0x80) != 0)
                {
                    return FailProtocol(Fault.ProtocolError, CloseProtocolError, "masked frame from the server (RFC 6455 5.1)");
                }

                int opcode = first & 0x0F;
                bool control = opcode >= 0x8;
                if (opcode != OpContinuation && opcode != OpBinary && opcode != OpClose && opcode != OpPing && opcode != OpPong)
                {
                    return FailProtocol(Fault.ProtocolError, CloseProtocolError, opcode == OpText
                        ? "text frame (MQTT over WebSockets uses binary frames only)" : "unknown opcode " + opcode.ToString());
                }

                int length7 = second & 0x7F;
                if (control && ((first & Fin) == 0 || length7 > MaxControlPayload))
                {
                    return FailProtocol(Fault.ProtocolError, CloseProtocolError, "control frame fragmented or longer than 125 bytes");
                }

                if (length7 == 126 || length7 == 127)
                {
                    _headerNeed = length7 == 126 ? 4 : 10;
                    return true;
                }
            }

            int op = _header[0] & 0x0F;
            long length = _header[1] & 0x7F;
            if (_headerNeed == 4)
            {
                length = (_header[2] << 8) | _header[3];
            }
            else if (_headerNeed == 10)
            {
                if ((_header[2] & 0x80) != 0)
                {
                    return FailProtocol(Fault.ProtocolError, CloseProtocolError, "frame length with the most significant bit set");
                }

                length = 0;
                for (int i = 2; i < 10; i++)
                {
                    length = (length << 8) | _header[i];
                }
            }

            bool fin = (_header[0] & Fin) != 0;
            _headerFill = 0;
            _headerNeed = 2;
            if (op >= 0x8)
            {
                _inControl = true;
                _controlOpcode = op;
                _controlLength = (int)length;
                _controlFill = 0;
                return true;
            }

            if (op == OpContinuation && !_messageOpen)
            {
                return FailProtocol(Fault.ProtocolError, CloseProtocolError, "continuation frame without a message to continue");
            }

            if (op == OpBinary && _messageOpen)
            {
                return FailProtocol(Fault.ProtocolError, CloseProtocolError, "new message before the fragmented one ended");
            }

            long total = (op == OpBinary ? 0 : _messageBytes) + length;
            if (total > _maxMessageBytes)
            {
                return FailProtocol(Fault.PacketTooLarge, CloseTooBig, "WebSocket message larger than " + _maxMessageBytes.ToString() + " bytes");
            }

            _messageBytes = total;
            _messageOpen = !fin;
            _payloadLeft = length;
            return true;
        }

        // A whole control frame is in _control. False when the stream ended (close received, or a reply failed).
        private bool HandleControl()
        {
            if (_controlOpcode == OpPing)
            {
                if (!SendFrame(Fin | OpPong, _control, 0, _controlLength, ControlWriteTimeoutMs))
                {
                    return false;
                }

                PingsAnswered++;
                return true;
            }

            if (_controlOpcode == OpPong)
            {
                // Unsolicited pongs are allowed (RFC 6455 5.5.3) and mean nothing to us.
                return true;
            }

            if (_controlLength == 1)
            {
                return FailProtocol(Fault.ProtocolError, CloseProtocolError, "close frame with a 1-byte body");
            }

            int status = _controlLength >= 2 ? (_control[0] << 8) | _control[1] : 1005;
            CloseStatus = status;
            string reason = string.Empty;
            if (_controlLength > 2)
            {
                char[] chars = new char[_controlLength - 2];
                for (int i = 0; i < chars.Length; i++)
                {
                    chars[i] = (char)_control[i + 2];
                }

                reason = ": " + Ascii.Printable(_upgrade.Redact(new string(chars)), 60);
            }

            // Echo the status (RFC 6455 5.5.1), then the TCP connection is ours to close.
            SendClose(_controlLength >= 2 ? status : 0);
            return End(Fault.ConnectionLost, "server closed the WebSocket (status " + status.ToString() + reason + ")");
        }

        private bool SendFrame(int firstByte, byte[] payload, int offset, int count, int timeoutMs)
        {
            long deadline = _clock.UptimeMs + timeoutMs;
            for (int i = 0; i < 4; i++)
            {
                _mask[i] = (byte)_random.Next(256);
            }

            int at = 0;
            _frame[at++] = (byte)firstByte;
            if (count < 126)
            {
                _frame[at++] = (byte)(0x80 | count);
            }
            else if (count <= 65535)
            {
                _frame[at++] = 0x80 | 126;
                _frame[at++] = (byte)(count >> 8);
                _frame[at++] = (byte)count;
            }
            else
            {
                _frame[at++] = 0x80 | 127;
                _frame[at++] = 0;
                _frame[at++] = 0;
                _frame[at++] = 0;
                _frame[at++] = 0;
                _frame[at++] = (byte)(count >> 24);
                _frame[at++] = (byte)(count >> 16);
                _frame[at++] = (byte)(count >> 8);
                _frame[at++] = (byte)count;
            }

            for (int i = 0; i < 4; i++)
            {
                _frame[at++] = _mask[i];
            }

            for (int i = 0; i < count; i++)
            {
                if (at == _frame.Length)
                {
                    if (!Flush(at, deadline))
                    {
                        return false;
                    }

                    at = 0;
                }

                _frame[at++] = (byte)(payload[offset + i] ^ _mask[i & 3]);
            }

            return Flush(at, deadline);
        }

        private bool Flush(int count, long deadline)
        {
            long left = deadline - _clock.UptimeMs;
            if (_inner.Write(_frame, 0, count, left > 0 ? (int)left : 0) == count)
            {
                return true;
            }

            FailInner("frame not sent");
            return false;
        }

        // Best effort: a close frame with this status (0: none), unless one was sent already or the stream is gone.
        private void SendClose(int status)
        {
            if (_closeSent || _closed)
            {
                return;
            }

            _closeSent = true;
            int length = 0;
            if (status > 0)
            {
                _closeBody[0] = (byte)(status >> 8);
                _closeBody[1] = (byte)status;
                length = 2;
            }

            SendFrame(Fin | OpClose, _closeBody, 0, length, ControlWriteTimeoutMs);
        }

        private int ReadInner(byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (_pendingStart < _pendingEnd)
            {
                int take = _pendingEnd - _pendingStart < count ? _pendingEnd - _pendingStart : count;
                Array.Copy(_response, _pendingStart, buffer, offset, take);
                _pendingStart += take;
                return take;
            }

            int read = _inner.Read(buffer, offset, count, timeoutMs);
            if (read > count)
            {
                // A bug in the inner transport; failing is the only safe answer (the frame boundaries are lost).
                End(Fault.Internal, "inner transport returned more bytes than asked for");
                return -1;
            }

            return read;
        }

        private bool FailProtocol(Fault fault, int status, string detail)
        {
            SendClose(status);
            return End(fault, detail);
        }

        // Ends the stream with this fault even if sending the close frame just failed: the reason the stream ends is
        // what the server did, not that the courtesy close frame could not be sent.
        private bool End(Fault fault, string detail)
        {
            _lastFault = fault;
            _lastError = detail;
            _closed = true;
            _inner.Close();
            return false;
        }

        private int FailInner(string what)
        {
            if (!_closed)
            {
                Fail(InnerFault(), what + ": " + _inner.LastErrorDetail);
            }

            return -1;
        }

        private bool Fail(Fault fault, string detail)
        {
            if (!_closed)
            {
                _lastFault = fault;
                _lastError = detail;
                _closed = true;
            }

            _inner.Close();
            return false;
        }

        private Fault FailOpen(Fault fault, string detail)
        {
            _open = false;
            _lastFault = fault;
            _lastError = detail;
            _closed = true;
            _inner.Close();
            return fault;
        }

        // A response that ends early (closed, timed out, too long) may still carry a complete refusing status line:
        // "401 Unauthorized" says more than "closed".
        private Fault FailOpenEarly(int filled, Fault fault, string detail)
        {
            for (int i = 0; i + 1 < filled; i++)
            {
                if (_response[i] == '\r' && _response[i + 1] == '\n')
                {
                    string refusal;
                    if (WebSocketHandshake.CheckResponse(Latin1(i), string.Empty, _upgrade, out refusal) == Fault.UpgradeRefused)
                    {
                        return FailOpen(Fault.UpgradeRefused, refusal);
                    }

                    break;
                }
            }

            return FailOpen(fault, detail);
        }

        private Fault InnerFault()
        {
            Fault fault = _inner.LastFault;
            return fault == Fault.None ? Fault.ConnectionLost : fault;
        }

        private int NotOpen()
        {
            if (_lastFault == Fault.None)
            {
                _lastFault = Fault.ConnectionLost;
                _lastError = "WebSocket not open";
            }

            return -1;
        }

        private int FindBlankLine(int from, int end)
        {
            for (int i = from; i + 3 < end; i++)
            {
                if (_response[i] == '\r' && _response[i + 1] == '\n' && _response[i + 2] == '\r' && _response[i + 3] == '\n')
                {
                    return i + 4;
                }
            }

            return -1;
        }

        // HTTP heads are octets; mapping each to the char of the same value (ISO-8859-1) never fails.
        private string Latin1(int count)
        {
            char[] chars = new char[count];
            for (int i = 0; i < count; i++)
            {
                chars[i] = (char)_response[i];
            }

            return new string(chars);
        }

        private void ResetState()
        {
            _open = false;
            _closed = false;
            _closeSent = false;
            _pendingStart = 0;
            _pendingEnd = 0;
            _headerFill = 0;
            _headerNeed = 2;
            _payloadLeft = 0;
            _inControl = false;
            _controlLength = 0;
            _controlFill = 0;
            _messageOpen = false;
            _messageBytes = 0;
            _lastFault = Fault.None;
            _lastError = string.Empty;
            PingsAnswered = 0;
            CloseStatus = 0;
        }

        private static void CheckRange(byte[] buffer, int offset, int count)
        {
            if (buffer == null || offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentException("range outside the buffer", "buffer");
            }
        }
    }
}
