using System;
using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.Core.Mqtt
{
    /// <summary>
    /// Frames MQTT packets out of a byte stream into the caller's receive buffer (the "channel" half of the client).
    /// A transport read may end anywhere: in the middle of a packet (the rest comes later) or after several packets
    /// (they wait in the buffer and are returned one by one without reading again). A packet is returned only whole,
    /// so the client always parses a complete body in place. Not thread-safe: the client's owner thread uses it.
    /// </summary>
    public sealed class MqttPacketReader
    {
        /// <summary><see cref="Next"/>: a whole packet is ready (see <see cref="Header"/>, <see cref="BodyOffset"/>, <see cref="BodyLength"/>).</summary>
        public const int PacketReady = 1;

        /// <summary><see cref="Next"/>: no whole packet yet (the read timed out or brought only part of one).</summary>
        public const int NoPacket = 0;

        /// <summary><see cref="Next"/>: the stream failed or broke the framing rules (see <see cref="Fault"/>, <see cref="Detail"/>).</summary>
        public const int Failed = -1;

        private readonly byte[] _buffer;
        private int _start;
        private int _end;
        private int _packetSize;

        /// <summary>Frames into <paramref name="buffer"/>, which bounds the largest packet it can accept.</summary>
        /// <exception cref="ArgumentException"><paramref name="buffer"/> is null or shorter than 16 bytes.</exception>
        public MqttPacketReader(byte[] buffer)
        {
            if (buffer == null || buffer.Length < 16)
            {
                throw new ArgumentException("receive buffer must be at least 16 bytes", "buffer");
            }

            _buffer = buffer;
        }

        /// <summary>The receive buffer (the payload of an inbound PUBLISH is read from it in place).</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        /// <summary>Fixed-header byte of the ready packet.</summary>
        public int Header { get; private set; }

        /// <summary>Index in <see cref="Buffer"/> of the ready packet's first byte after the fixed header.</summary>
        public int BodyOffset { get; private set; }

        /// <summary>Remaining length of the ready packet.</summary>
        public int BodyLength { get; private set; }

        /// <summary>True when the last <see cref="Next"/> call received at least one byte from the transport.</summary>
        public bool BytesArrived { get; private set; }

        /// <summary>True when the last failure came from the transport (as opposed to the framing rules).</summary>
        public bool TransportFailed { get; private set; }

        /// <summary>Why <see cref="Next"/> failed: the transport's fault, ProtocolError or PacketTooLarge.</summary>
        public Fault Fault { get; private set; }

        /// <summary>Secret-free description of the failure.</summary>
        public string Detail { get; private set; }

        /// <summary>Bytes received but not yet consumed (a partial packet or packets not yet returned).</summary>
        public int Buffered
        {
            get { return _end - _start; }
        }

        /// <summary>Forgets everything buffered (a new connection starts from a clean stream).</summary>
        public void Reset()
        {
            _start = 0;
            _end = 0;
            _packetSize = 0;
            BytesArrived = false;
            TransportFailed = false;
            Fault = Fault.None;
            Detail = string.Empty;
        }

        /// <summary>
        /// Returns <see cref="PacketReady"/> when a whole packet is buffered, reading from <paramref name="transport"/>
        /// at most once (waiting at most <paramref name="timeoutMs"/>; 0 polls) only if none is. Call
        /// <see cref="Consume"/> when done with a ready packet; until then the same packet is returned again.
        /// </summary>
        public int Next(ITransport transport, int timeoutMs)
        {
            BytesArrived = false;
            if (_packetSize > 0)
            {
                return PacketReady;
            }

            int framed = Frame();
            if (framed != NoPacket)
            {
                return framed;
            }

            if (_end == _buffer.Length)
            {
                // Room is made only when needed, so steady traffic (whole packets per read) never copies.
                Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            int room = _buffer.Length - _end;
            int read = transport.Read(_buffer, _end, room, timeoutMs);
            if (read > room)
            {
                // A transport bug, but the buffer's bounds are ours to keep.
                return Fail(Fault.Internal, "transport returned more bytes than asked for");
            }

            if (read < 0)
            {
                TransportFailed = true;
                Fault = transport.LastFault == Fault.None ? Fault.ConnectionLost : transport.LastFault;
                string where = _end > _start ? "stream ended in the middle of a packet" : "stream ended";
                Detail = where + ": " + transport.LastErrorDetail;
                return Failed;
            }

            if (read == 0)
            {
                return NoPacket;
            }

            BytesArrived = true;
            _end += read;
            return Frame();
        }

        /// <summary>Drops the ready packet so <see cref="Next"/> moves on to the following one.</summary>
        public void Consume()
        {
            _start += _packetSize;
            _packetSize = 0;
            if (_start == _end)
            {
                _start = 0;
                _end = 0;
            }
        }

        private int Frame()
        {
            int available = _end - _start;
            if (available < 2)
            {
                return NoPacket;
            }

            int header = _buffer[_start];
            string problem = MqttDecoder.CheckFixedHeader(header);
            if (problem != null)
            {
                return Fail(Fault.ProtocolError, problem);
            }

            int remaining;
            int lengthBytes = MqttDecoder.ReadRemainingLength(_buffer, _start + 1, available - 1, out remaining);
            if (lengthBytes == MqttDecoder.Malformed)
            {
                return Fail(Fault.ProtocolError, "remaining length longer than 4 bytes");
            }

            if (lengthBytes == MqttDecoder.Incomplete)
            {
                return NoPacket;
            }

            int size = 1 + lengthBytes + remaining;
            if (size > _buffer.Length)
            {
                return Fail(Fault.PacketTooLarge, "inbound packet of " + size.ToString() + " bytes, receive buffer " + _buffer.Length.ToString());
            }

            if (available < size)
            {
                return NoPacket;
            }

            Header = header;
            BodyOffset = _start + 1 + lengthBytes;
            BodyLength = remaining;
            _packetSize = size;
            return PacketReady;
        }

        private int Fail(Fault fault, string detail)
        {
            TransportFailed = false;
            Fault = fault;
            Detail = detail;
            return Failed;
        }
    }
}
