using System.Text;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.WebSockets;

namespace AwsIotDevice.Benchmarks;

/// <summary>
/// An in-memory broker connection for allocation figures: answers the WebSocket upgrade (when the first bytes are
/// "GET "), CONNECT with CONNACK 0, QoS 1 PUBLISH with PUBACK and PINGREQ with PINGRESP, framing its answers when over
/// WebSockets. After the connection is set up it allocates nothing: fixed buffers, answers written in place (measured on
/// its own by <see cref="AllocationBenchmark"/>). A read with nothing to deliver advances the fake clock by its timeout.
/// </summary>
internal sealed class LoopbackBroker(FakeClock clock) : ITransport
{
    private readonly byte[] _in = new byte[16 * 1024];
    private readonly byte[] _mqtt = new byte[16 * 1024];
    private readonly byte[] _out = new byte[16 * 1024];
    private int _inLength;
    private int _mqttLength;
    private int _outStart;
    private int _outEnd;
    private int _kind; // 0 unknown, 1 raw, 2 WebSocket
    private bool _upgraded;
    private bool _closed;

    public long Publishes { get; private set; }

    public long BytesFromClient { get; private set; }

    public long BytesToClient { get; private set; }

    public Fault LastFault { get; private set; }

    public string LastErrorDetail { get; private set; } = string.Empty;

    public int Write(byte[] buffer, int offset, int count, int timeoutMs)
    {
        if (_closed)
        {
            return -1;
        }

        BytesFromClient += count;
        Buffer.BlockCopy(buffer, offset, _in, _inLength, count);
        _inLength += count;
        if (_kind == 0)
        {
            _kind = _in[0] == (byte)'G' ? 2 : 1;
        }

        if (_kind == 2 && !_upgraded)
        {
            int end = _in.AsSpan(0, _inLength).IndexOf("\r\n\r\n"u8);
            if (end < 0)
            {
                return count;
            }

            // Connection set-up (not measured): strings are fine here.
            string head = Encoding.ASCII.GetString(_in, 0, end);
            string key = head.Split("\r\n").First(l => l.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase))[18..].Trim();
            Enqueue(Encoding.ASCII.GetBytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                + WebSocketHandshake.AcceptFor(key) + "\r\nSec-WebSocket-Protocol: mqtt\r\n\r\n"));
            Consume(_in, ref _inLength, end + 4);
            _upgraded = true;
            return count;
        }

        if (_kind == 2)
        {
            Unframe();
        }
        else
        {
            Buffer.BlockCopy(_in, 0, _mqtt, _mqttLength, _inLength);
            _mqttLength += _inLength;
            _inLength = 0;
        }

        Serve();
        return count;
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        if (_closed)
        {
            return -1;
        }

        if (_outStart == _outEnd)
        {
            clock.Advance(timeoutMs);
            return 0;
        }

        int take = Math.Min(count, _outEnd - _outStart);
        Buffer.BlockCopy(_out, _outStart, buffer, offset, take);
        _outStart += take;
        BytesToClient += take;
        if (_outStart == _outEnd)
        {
            _outStart = 0;
            _outEnd = 0;
        }

        return take;
    }

    public void Close()
    {
        _closed = true;
        LastFault = Fault.ConnectionLost;
        LastErrorDetail = "closed";
    }

    private void Unframe()
    {
        while (_inLength >= 6)
        {
            int length = _in[1] & 0x7F;
            int at = 2;
            if (length == 126)
            {
                length = (_in[2] << 8) | _in[3];
                at = 4;
            }

            if (_inLength < at + 4 + length)
            {
                return;
            }

            for (int i = 0; i < length; i++)
            {
                _mqtt[_mqttLength + i] = (byte)(_in[at + 4 + i] ^ _in[at + (i & 3)]);
            }

            if ((_in[0] & 0x0F) is 0x0 or 0x2)
            {
                _mqttLength += length;
            }

            Consume(_in, ref _inLength, at + 4 + length);
        }
    }

    private void Serve()
    {
        while (_mqttLength >= 2)
        {
            int remaining = 0;
            int multiplier = 1;
            int at = 1;
            int digit;
            do
            {
                if (at >= _mqttLength)
                {
                    return;
                }

                digit = _mqtt[at++];
                remaining += (digit & 0x7F) * multiplier;
                multiplier *= 128;
            }
            while ((digit & 0x80) != 0);

            if (_mqttLength < at + remaining)
            {
                return;
            }

            int type = _mqtt[0] >> 4;
            if (type == 1)
            {
                Answer(0x20, 0x00, 0x00);
            }
            else if (type == 3)
            {
                Publishes++;
                if (((_mqtt[0] >> 1) & 3) == 1)
                {
                    int topicLength = (_mqtt[at] << 8) | _mqtt[at + 1];
                    int id = at + 2 + topicLength;
                    Answer(0x40, _mqtt[id], _mqtt[id + 1]);
                }
            }
            else if (type == 12)
            {
                AnswerPingresp();
            }

            Consume(_mqtt, ref _mqttLength, at + remaining);
        }
    }

    private void Answer(byte type, byte first, byte second)
    {
        if (_kind == 2)
        {
            _out[_outEnd++] = 0x82;
            _out[_outEnd++] = 4;
        }

        _out[_outEnd++] = type;
        _out[_outEnd++] = 2;
        _out[_outEnd++] = first;
        _out[_outEnd++] = second;
    }

    private void AnswerPingresp()
    {
        if (_kind == 2)
        {
            _out[_outEnd++] = 0x82;
            _out[_outEnd++] = 2;
        }

        _out[_outEnd++] = 0xD0;
        _out[_outEnd++] = 0;
    }

    private void Enqueue(byte[] bytes)
    {
        Buffer.BlockCopy(bytes, 0, _out, _outEnd, bytes.Length);
        _outEnd += bytes.Length;
    }

    private static void Consume(byte[] buffer, ref int length, int count)
    {
        Buffer.BlockCopy(buffer, count, buffer, 0, length - count);
        length -= count;
    }
}

/// <summary>A TLS connector whose every connection is a new <see cref="LoopbackBroker"/> (no TLS: the in-memory stream is the TLS payload).</summary>
internal sealed class LoopbackConnector(FakeClock clock) : ITlsConnector
{
    public LoopbackBroker? Last { get; private set; }

    public bool CanSendAlpn => true;

    public string LastErrorDetail => string.Empty;

    public Fault Connect(string host, int port, bool alpnMqtt, int timeoutMs, out ITransport transport)
    {
        Last = new LoopbackBroker(clock);
        transport = Last;
        return Fault.None;
    }
}
