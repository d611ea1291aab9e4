using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Mqtt
{
    /// <summary>
    /// Decodes and checks the MQTT 3.1.1 packets a client receives, reading a packet body in place in the receive
    /// buffer. Each Parse method returns null when the packet is well-formed, else a short constant description of
    /// what is wrong (the client turns it into Fault.ProtocolError): a receiver must refuse malformed packets rather
    /// than guess (spec 4.8). Stateless; any thread. Only <see cref="ParsePublish"/> allocates (the topic string).
    /// </summary>
    public static class MqttDecoder
    {
        /// <summary><see cref="ReadRemainingLength"/>: more bytes are needed to finish the varint.</summary>
        public const int Incomplete = 0;

        /// <summary><see cref="ReadRemainingLength"/>: a fifth length byte would be needed (spec 2.2.3 allows four).</summary>
        public const int Malformed = -1;

        /// <summary>CONNACK return code 0x00: accepted.</summary>
        public const int ConnackAccepted = 0;

        /// <summary>SUBACK return code 0x80: the subscription was refused.</summary>
        public const int SubackFailure = 0x80;

        /// <summary>
        /// Reads the remaining-length varint from <paramref name="offset"/>, looking at no more than
        /// <paramref name="available"/> bytes. Returns the bytes it took (1 to 4) with <paramref name="value"/> set,
        /// <see cref="Incomplete"/> when the varint continues past the available bytes, or <see cref="Malformed"/>.
        /// </summary>
        public static int ReadRemainingLength(byte[] buffer, int offset, int available, out int value)
        {
            value = 0;
            int multiplier = 1;
            for (int i = 0; i < 4; i++)
            {
                if (i >= available)
                {
                    return Incomplete;
                }

                int digit = buffer[offset + i];
                value += (digit & 0x7F) * multiplier;
                if ((digit & 0x80) == 0)
                {
                    return i + 1;
                }

                multiplier <<= 7;
            }

            value = 0;
            return Malformed;
        }

        /// <summary>The big-endian 16-bit value at <paramref name="offset"/>.</summary>
        public static int ReadUInt16(byte[] buffer, int offset)
        {
            return (buffer[offset] << 8) | buffer[offset + 1];
        }

        /// <summary>
        /// Checks the fixed-header flags (low nibble of <paramref name="header"/>): PUBLISH may carry DUP, QoS 0..2 and
        /// RETAIN (QoS 3 is malformed); PUBREL, SUBSCRIBE and UNSUBSCRIBE must have 0b0010; every other type 0 (spec 2.2.2).
        /// Types 0 and 15 are reserved. Returns null when the flags are valid.
        /// </summary>
        public static string CheckFixedHeader(int header)
        {
            int type = (header >> 4) & 0x0F;
            int flags = header & 0x0F;
            if (type == 0 || type == 15)
            {
                return "reserved packet type";
            }

            if (type == MqttPacketType.Publish)
            {
                return ((flags >> 1) & 3) == 3 ? "PUBLISH with QoS 3" : null;
            }

            int expected = type == MqttPacketType.Pubrel || type == MqttPacketType.Subscribe || type == MqttPacketType.Unsubscribe ? 2 : 0;
            return flags == expected ? null : "reserved fixed-header flags set";
        }

        /// <summary>
        /// CONNACK body (exactly 2 bytes): acknowledge flags (only bit 0, session present, may be set) and the
        /// return code (any value: the caller maps it).
        /// </summary>
        public static string ParseConnack(byte[] buffer, int offset, int length, out bool sessionPresent, out int returnCode)
        {
            sessionPresent = false;
            returnCode = -1;
            if (length != 2)
            {
                return "CONNACK remaining length is not 2";
            }

            int flags = buffer[offset];
            if ((flags & 0xFE) != 0)
            {
                return "CONNACK reserved flags set";
            }

            sessionPresent = (flags & 1) != 0;
            returnCode = buffer[offset + 1];
            if (returnCode != ConnackAccepted && sessionPresent)
            {
                return "CONNACK refuses but claims a session [MQTT-3.2.2-4]";
            }

            return null;
        }

        /// <summary>PUBACK body (exactly 2 bytes): a packet id of 1..65535.</summary>
        public static string ParsePuback(byte[] buffer, int offset, int length, out int packetId)
        {
            packetId = 0;
            if (length != 2)
            {
                return "PUBACK remaining length is not 2";
            }

            packetId = ReadUInt16(buffer, offset);
            return packetId == 0 ? "PUBACK with packet id 0" : null;
        }

        /// <summary>
        /// SUBACK body for one filter (exactly 3 bytes): packet id and one return code, which must be 0, 1, 2 or 0x80.
        /// </summary>
        public static string ParseSuback(byte[] buffer, int offset, int length, out int packetId, out int returnCode)
        {
            packetId = 0;
            returnCode = -1;
            if (length < 3)
            {
                return "SUBACK shorter than 3 bytes";
            }

            packetId = ReadUInt16(buffer, offset);
            if (packetId == 0)
            {
                return "SUBACK with packet id 0";
            }

            if (length != 3)
            {
                return "SUBACK carries more return codes than filters were sent";
            }

            returnCode = buffer[offset + 2];
            return returnCode <= 2 || returnCode == SubackFailure ? null : "SUBACK return code is not 0, 1, 2 or 0x80";
        }

        /// <summary>
        /// PUBLISH body, with the fixed-header byte <paramref name="header"/> (already checked by
        /// <see cref="CheckFixedHeader"/>): topic (1..65535 bytes of well-formed UTF-8 with no '+', '#' or U+0000),
        /// the packet id for QoS 1, then the payload. QoS 2 and a DUP flag on QoS 0 are refused. Fills
        /// <paramref name="into"/>; allocates the topic string.
        /// </summary>
        public static string ParsePublish(int header, byte[] buffer, int offset, int length, MqttInboundPublish into)
        {
            int qos = (header >> 1) & 3;
            into.Qos = qos;
            into.Retain = (header & 1) != 0;
            into.Duplicate = (header & 8) != 0;
            into.Topic = null;
            into.PacketId = 0;
            if (qos == 2)
            {
                return "PUBLISH with QoS 2 (never subscribed at QoS 2)";
            }

            if (qos == 0 && into.Duplicate)
            {
                return "PUBLISH QoS 0 with DUP set [MQTT-3.3.1-2]";
            }

            if (length < 2)
            {
                return "PUBLISH shorter than its topic length";
            }

            int topicLength = ReadUInt16(buffer, offset);
            int idLength = qos > 0 ? 2 : 0;
            if (topicLength == 0)
            {
                return "PUBLISH with an empty topic";
            }

            if (2 + topicLength + idLength > length)
            {
                return "PUBLISH topic or packet id runs past the packet";
            }

            string topic = Utf8.Decode(buffer, offset + 2, topicLength);
            if (topic == null)
            {
                return "PUBLISH topic is not well-formed UTF-8";
            }

            for (int i = 0; i < topic.Length; i++)
            {
                char c = topic[i];
                if (c == '+' || c == '#' || c == '\0')
                {
                    return "PUBLISH topic contains a wildcard or U+0000";
                }
            }

            int at = offset + 2 + topicLength;
            if (qos > 0)
            {
                into.PacketId = ReadUInt16(buffer, at);
                if (into.PacketId == 0)
                {
                    return "PUBLISH QoS 1 with packet id 0";
                }

                at += 2;
            }

            into.Topic = topic;
            into.PayloadOffset = at;
            into.PayloadLength = offset + length - at;
            return null;
        }
    }
}
