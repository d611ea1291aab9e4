using System;
using System.Collections;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Text;
using AwsIotDevice.Core.WebSockets;

namespace AwsIotDevice.Tests.Fakes
{
    /// <summary>
    /// The broker end of one connection, as an <see cref="ITransport"/> on a <see cref="FakeClock"/>: what the client
    /// writes is parsed at once and answered, like AWS IoT Core would. A connection whose first bytes are "GET " is MQTT
    /// over WebSockets (the upgrade is answered with 101 and the right Sec-WebSocket-Accept, or refused with
    /// <see cref="UpgradeStatus"/>; frames are unmasked and answers framed); anything else is raw MQTT 3.1.1.
    /// <list type="bullet">
    /// <item>CONNECT is answered with CONNACK <see cref="ConnackCode"/>, or the connection is closed
    /// (<see cref="NoConnack"/>, how AWS refuses a 3.1.1 client), or never answered (<see cref="Silent"/>).</item>
    /// <item>QoS 1 PUBLISH is acknowledged while fewer than <see cref="AckLimit"/> were; the connection breaks when
    /// <see cref="DropAfterPublishes"/> have arrived (that one unacknowledged) or at uptime <see cref="DropAtMs"/>.</item>
    /// <item>PINGREQ gets PINGRESP unless <see cref="AnswerPings"/> is false; SUBSCRIBE gets SUBACK with the asked QoS.</item>
    /// <item>A read with nothing to deliver waits its whole timeout on the clock (or until the drop) and returns 0.</item>
    /// </list>
    /// Records the upgrade request, the CONNECT fields and every PUBLISH the broker received (payloads as text).
    /// </summary>
    public class FakeBroker : ITransport
    {
        /// <summary><see cref="ConnackCode"/>: close the connection after CONNECT, without CONNACK.</summary>
        public const int NoConnack = -1;

        /// <summary><see cref="ConnackCode"/>: never answer CONNECT.</summary>
        public const int Silent = -2;

        private const int Unknown = 0;
        private const int Raw = 1;
        private const int Ws = 2;

        private readonly FakeClock _clock;
        private byte[] _in = new byte[256];
        private int _inLength;
        private byte[] _mqtt = new byte[256];
        private int _mqttLength;
        private byte[] _out = new byte[256];
        private int _outStart;
        private int _outEnd;
        private int _kind = Unknown;
        private bool _upgraded;
        private bool _closing;
        private bool _closed;
        private int _acked;

        /// <summary>A well-behaved broker connection on <paramref name="clock"/>.</summary>
        public FakeBroker(FakeClock clock)
        {
            _clock = clock;
        }

        /// <summary>Status answered to the WebSocket upgrade: 101 accepts, anything else refuses and closes.</summary>
        public int UpgradeStatus = 101;

        /// <summary>CONNACK return code, or <see cref="NoConnack"/>, or <see cref="Silent"/>.</summary>
        public int ConnackCode;

        /// <summary>How many QoS 1 publishes get a PUBACK on this connection; later ones get none.</summary>
        public int AckLimit = int.MaxValue;

        /// <summary>The connection breaks when this many PUBLISH packets have arrived (that one is not acknowledged; -1: never).</summary>
        public int DropAfterPublishes = -1;

        /// <summary>The connection breaks at this uptime (-1: never).</summary>
        public long DropAtMs = -1;

        /// <summary>Answer PINGREQ.</summary>
        public bool AnswerPings = true;

        /// <summary>After an accepted CONNACK over WebSockets, also send a text frame (a protocol error for MQTT over WebSockets).</summary>
        public bool TextFrameAfterConnack;

        /// <summary>The HTTP upgrade request as text (null for raw MQTT).</summary>
        public string UpgradeRequest;

        /// <summary>True once CONNECT arrived.</summary>
        public bool ConnectSeen;

        /// <summary>CONNECT's client id.</summary>
        public string ClientId;

        /// <summary>CONNECT's user name (null when the flag was off).</summary>
        public string Username;

        /// <summary>CONNECT's password as text (null when the flag was off).</summary>
        public string Password;

        /// <summary>CONNECT's keep-alive.</summary>
        public int KeepAliveSeconds;

        /// <summary>Payload of every PUBLISH received, as text.</summary>
        public readonly ArrayList Payloads = new ArrayList();

        /// <summary>Topic of every PUBLISH received.</summary>
        public readonly ArrayList Topics = new ArrayList();

        /// <summary>PINGREQs received.</summary>
        public int Pings;

        /// <summary>True once DISCONNECT arrived.</summary>
        public bool DisconnectSeen;

        /// <summary>Bytes the client wrote (TLS payload: upgrade, frames, MQTT).</summary>
        public long BytesFromClient;

        /// <summary>Bytes the client read.</summary>
        public long BytesToClient;

        /// <summary>True once either side closed the connection.</summary>
        public bool Closed
        {
            get { return _closed; }
        }

        /// <summary>True when the connection carried an upgrade request.</summary>
        public bool IsWebSocket
        {
            get { return _kind == Ws; }
        }

        /// <summary>See <see cref="ITransport.LastFault"/>.</summary>
        public Fault LastFault { get; private set; }

        /// <summary>See <see cref="ITransport.LastErrorDetail"/>.</summary>
        public string LastErrorDetail { get; private set; } = string.Empty;

        /// <summary>The value of header <paramref name="name"/> in the upgrade request (exact name, case-insensitive), or null.</summary>
        public string UpgradeHeader(string name)
        {
            if (UpgradeRequest == null)
            {
                return null;
            }

            int at = 0;
            while (at < UpgradeRequest.Length)
            {
                int end = UpgradeRequest.IndexOf("\r\n", at);
                if (end < 0)
                {
                    end = UpgradeRequest.Length;
                }

                string line = UpgradeRequest.Substring(at, end - at);
                int colon = line.IndexOf(':');
                if (colon > 0 && Ascii.EqualsIgnoreCase(line.Substring(0, colon), name))
                {
                    return line.Substring(colon + 1).Trim();
                }

                at = end + 2;
            }

            return null;
        }

        /// <summary>Sends <paramref name="packet"/> (a whole MQTT packet) to the client, framed when over WebSockets.</summary>
        public void Inject(byte[] packet)
        {
            EnqueueMqtt(packet);
        }

        /// <summary>See <see cref="ITransport.Write"/>.</summary>
        public int Write(byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (_closed || Dropped())
            {
                return -1;
            }

            BytesFromClient += count;
            Append(ref _in, ref _inLength, buffer, offset, count);
            Serve();
            return count;
        }

        /// <summary>See <see cref="ITransport.Read"/>.</summary>
        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (_closed || Dropped())
            {
                return -1;
            }

            if (_outStart < _outEnd)
            {
                int take = _outEnd - _outStart < count ? _outEnd - _outStart : count;
                Array.Copy(_out, _outStart, buffer, offset, take);
                _outStart += take;
                BytesToClient += take;
                return take;
            }

            if (_closing)
            {
                End("closed by the broker");
                return -1;
            }

            if (DropAtMs >= 0 && _clock.UptimeMs + timeoutMs >= DropAtMs)
            {
                _clock.Advance(DropAtMs - _clock.UptimeMs);
                Dropped();
                return -1;
            }

            _clock.Advance(timeoutMs);
            return 0;
        }

        /// <summary>See <see cref="ITransport.Close"/>.</summary>
        public void Close()
        {
            if (!_closed)
            {
                End("closed locally");
            }
        }

        private bool Dropped()
        {
            if (!_closed && DropAtMs >= 0 && _clock.UptimeMs >= DropAtMs)
            {
                End("connection reset (scripted drop)");
            }

            return _closed;
        }

        private void End(string detail)
        {
            _closed = true;
            if (LastFault == Fault.None)
            {
                LastFault = Fault.ConnectionLost;
                LastErrorDetail = detail;
            }
        }

        private void Serve()
        {
            if (_kind == Unknown && _inLength > 0)
            {
                _kind = _in[0] == (byte)'G' ? Ws : Raw;
            }

            if (_kind == Ws && !_upgraded && !ServeUpgrade())
            {
                return;
            }

            if (_kind == Ws)
            {
                Unframe();
            }
            else
            {
                Append(ref _mqtt, ref _mqttLength, _in, 0, _inLength);
                _inLength = 0;
            }

            ServeMqtt();
        }

        private bool ServeUpgrade()
        {
            int end = -1;
            for (int i = 0; i + 3 < _inLength; i++)
            {
                if (_in[i] == '\r' && _in[i + 1] == '\n' && _in[i + 2] == '\r' && _in[i + 3] == '\n')
                {
                    end = i;
                    break;
                }
            }

            if (end < 0)
            {
                return false;
            }

            UpgradeRequest = Utf8.Decode(_in, 0, end);
            Consume(ref _in, ref _inLength, end + 4);
            if (UpgradeStatus != 101)
            {
                EnqueueRaw(Utf8.GetBytes("HTTP/1.1 " + UpgradeStatus.ToString() + " Refused\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
                _closing = true;
                return false;
            }

            string key = UpgradeHeader("Sec-WebSocket-Key");
            EnqueueRaw(Utf8.GetBytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                + WebSocketHandshake.AcceptFor(key == null ? string.Empty : key) + "\r\nSec-WebSocket-Protocol: mqtt\r\n\r\n"));
            _upgraded = true;
            return true;
        }

        private void Unframe()
        {
            while (_inLength >= 2)
            {
                int opcode = _in[0] & 0x0F;
                int length = _in[1] & 0x7F;
                int at = 2;
                if (length == 126)
                {
                    if (_inLength < 4)
                    {
                        return;
                    }

                    length = (_in[2] << 8) | _in[3];
                    at = 4;
                }
                else if (length == 127)
                {
                    if (_inLength < 10)
                    {
                        return;
                    }

                    length = (_in[6] << 24) | (_in[7] << 16) | (_in[8] << 8) | _in[9];
                    at = 10;
                }

                bool masked = (_in[1] & 0x80) != 0;
                int need = at + (masked ? 4 : 0) + length;
                if (_inLength < need)
                {
                    return;
                }

                byte[] payload = new byte[length];
                for (int i = 0; i < length; i++)
                {
                    byte b = _in[at + (masked ? 4 : 0) + i];
                    payload[i] = masked ? (byte)(b ^ _in[at + (i & 3)]) : b;
                }

                Consume(ref _in, ref _inLength, need);
                if (opcode == 0x8)
                {
                    _closing = true;
                    return;
                }

                if (opcode == 0x0 || opcode == 0x2)
                {
                    Append(ref _mqtt, ref _mqttLength, payload, 0, length);
                }
            }
        }

        private void ServeMqtt()
        {
            while (_mqttLength >= 2 && !_closing)
            {
                int remaining = 0;
                int multiplier = 1;
                int at = 1;
                while (true)
                {
                    if (at >= _mqttLength)
                    {
                        return;
                    }

                    int digit = _mqtt[at++];
                    remaining += (digit & 0x7F) * multiplier;
                    multiplier *= 128;
                    if ((digit & 0x80) == 0)
                    {
                        break;
                    }
                }

                if (_mqttLength < at + remaining)
                {
                    return;
                }

                byte[] body = new byte[remaining];
                Array.Copy(_mqtt, at, body, 0, remaining);
                int header = _mqtt[0];
                Consume(ref _mqtt, ref _mqttLength, at + remaining);
                Handle(header, body);
            }
        }

        private void Handle(int header, byte[] body)
        {
            switch (header >> 4)
            {
                case 1:
                    HandleConnect(body);
                    break;
                case 3:
                    HandlePublish(header, body);
                    break;
                case 8:
                    EnqueueMqtt(new byte[] { 0x90, 0x03, body[0], body[1], body[body.Length - 1] });
                    break;
                case 12:
                    Pings++;
                    if (AnswerPings)
                    {
                        EnqueueMqtt(new byte[] { 0xD0, 0x00 });
                    }

                    break;
                case 14:
                    DisconnectSeen = true;
                    break;
            }
        }

        private void HandleConnect(byte[] body)
        {
            ConnectSeen = true;
            int at = 2 + ((body[0] << 8) | body[1]);
            int flags = body[at + 1];
            KeepAliveSeconds = (body[at + 2] << 8) | body[at + 3];
            at += 4;
            ClientId = ReadString(body, ref at);
            if ((flags & 0x04) != 0)
            {
                ReadString(body, ref at);
                ReadString(body, ref at);
            }

            Username = (flags & 0x80) != 0 ? ReadString(body, ref at) : null;
            Password = (flags & 0x40) != 0 ? ReadString(body, ref at) : null;
            if (ConnackCode == NoConnack)
            {
                _closing = true;
                return;
            }

            if (ConnackCode == Silent)
            {
                return;
            }

            EnqueueMqtt(new byte[] { 0x20, 0x02, 0x00, (byte)ConnackCode });
            if (ConnackCode != 0)
            {
                _closing = true;
            }
            else if (TextFrameAfterConnack && _kind == Ws)
            {
                EnqueueRaw(new byte[] { 0x81, 0x04, (byte)'t', (byte)'e', (byte)'x', (byte)'t' });
            }
        }

        private void HandlePublish(int header, byte[] body)
        {
            int qos = (header >> 1) & 3;
            int at = 0;
            string topic = ReadString(body, ref at);
            int packetId = 0;
            if (qos > 0)
            {
                packetId = (body[at] << 8) | body[at + 1];
                at += 2;
            }

            Topics.Add(topic);
            Payloads.Add(Utf8.Decode(body, at, body.Length - at));
            if (DropAfterPublishes > 0 && Payloads.Count >= DropAfterPublishes)
            {
                _closing = true;
                return;
            }

            if (qos > 0 && _acked < AckLimit)
            {
                _acked++;
                EnqueueMqtt(new byte[] { 0x40, 0x02, (byte)(packetId >> 8), (byte)packetId });
            }
        }

        private static string ReadString(byte[] body, ref int at)
        {
            int length = (body[at] << 8) | body[at + 1];
            string value = Utf8.Decode(body, at + 2, length);
            at += 2 + length;
            return value;
        }

        private void EnqueueMqtt(byte[] packet)
        {
            if (_kind != Ws)
            {
                EnqueueRaw(packet);
                return;
            }

            byte[] frame = new byte[2 + packet.Length];
            frame[0] = 0x82;
            frame[1] = (byte)packet.Length;
            Array.Copy(packet, 0, frame, 2, packet.Length);
            EnqueueRaw(frame);
        }

        private void EnqueueRaw(byte[] bytes)
        {
            if (_outStart == _outEnd)
            {
                _outStart = 0;
                _outEnd = 0;
            }

            Append(ref _out, ref _outEnd, bytes, 0, bytes.Length);
        }

        private static void Append(ref byte[] buffer, ref int length, byte[] source, int offset, int count)
        {
            if (length + count > buffer.Length)
            {
                int size = buffer.Length * 2 > length + count ? buffer.Length * 2 : length + count;
                byte[] larger = new byte[size];
                Array.Copy(buffer, 0, larger, 0, length);
                buffer = larger;
            }

            Array.Copy(source, offset, buffer, length, count);
            length += count;
        }

        private static void Consume(ref byte[] buffer, ref int length, int count)
        {
            Array.Copy(buffer, count, buffer, 0, length - count);
            length -= count;
        }
    }
}
