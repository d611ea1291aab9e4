using System;
using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Mqtt
{
    /// <summary>
    /// Encodes the MQTT 3.1.1 packets a client sends into a caller's byte array: no allocation, no I/O, no state
    /// (the formatter half of the client; the session logic lives in <see cref="MqttClient"/>). Sizes are computed
    /// first so a packet that does not fit is refused before a byte is written. Any thread.
    /// </summary>
    public static class MqttEncoder
    {
        /// <summary>Largest remaining length a 4-byte varint can carry (spec 2.2.3).</summary>
        public const int MaxRemainingLength = 268435455;

        /// <summary>Largest UTF-8 string or binary field: its length prefix is 16 bits (spec 1.5.3).</summary>
        public const int MaxFieldBytes = 65535;

        /// <summary>The protocol level byte of MQTT 3.1.1.</summary>
        public const byte ProtocolLevel = 4;

        /// <summary>Bytes the remaining-length varint for <paramref name="remainingLength"/> (0..MaxRemainingLength) takes.</summary>
        public static int RemainingLengthSize(int remainingLength)
        {
            if (remainingLength < 128)
            {
                return 1;
            }

            if (remainingLength < 16384)
            {
                return 2;
            }

            return remainingLength < 2097152 ? 3 : 4;
        }

        /// <summary>
        /// Writes <paramref name="remainingLength"/> (0..MaxRemainingLength) as the spec's variable-length integer at
        /// <paramref name="offset"/> and returns the bytes written (1 to 4).
        /// </summary>
        public static int WriteRemainingLength(byte[] buffer, int offset, int remainingLength)
        {
            int written = 0;
            int value = remainingLength;
            do
            {
                int digit = value & 0x7F;
                value >>= 7;
                if (value > 0)
                {
                    digit |= 0x80;
                }

                buffer[offset + written] = (byte)digit;
                written++;
            }
            while (value > 0);

            return written;
        }

        /// <summary>Whole packet size for a remaining length: header byte + varint + body.</summary>
        public static int PacketSize(int remainingLength)
        {
            return 1 + RemainingLengthSize(remainingLength) + remainingLength;
        }

        /// <summary>
        /// Size of the CONNECT packet for <paramref name="options"/>: variable header ("MQTT", level 4, flags,
        /// keep-alive), client id, then the user name and password when set. No will message (Core never sends one).
        /// </summary>
        public static int ConnectSize(MqttConnectOptions options)
        {
            return PacketSize(ConnectRemainingLength(options));
        }

        /// <summary>
        /// Writes CONNECT for <paramref name="options"/> at the start of <paramref name="buffer"/> and returns its size,
        /// or -1 (nothing meaningful written) when it does not fit. Field rules are the caller's
        /// (<see cref="MqttClient.Connect"/> checks them); the user name is written when non-empty, the password when
        /// non-empty.
        /// </summary>
        public static int WriteConnect(byte[] buffer, MqttConnectOptions options)
        {
            int remaining = ConnectRemainingLength(options);
            int size = PacketSize(remaining);
            if (size > buffer.Length)
            {
                return -1;
            }

            bool hasUser = !IsEmpty(options.Username);
            bool hasPassword = !IsEmpty(options.Password);
            int flags = (hasUser ? 0x80 : 0) | (hasPassword ? 0x40 : 0) | (options.CleanSession ? 0x02 : 0);

            int at = 0;
            buffer[at++] = MqttPacketType.ConnectHeader;
            at += WriteRemainingLength(buffer, at, remaining);
            buffer[at++] = 0;
            buffer[at++] = 4;
            buffer[at++] = (byte)'M';
            buffer[at++] = (byte)'Q';
            buffer[at++] = (byte)'T';
            buffer[at++] = (byte)'T';
            buffer[at++] = ProtocolLevel;
            buffer[at++] = (byte)flags;
            at = WriteUInt16(buffer, at, options.KeepAliveSeconds);
            at = WriteString(buffer, at, options.ClientId);
            if (hasUser)
            {
                at = WriteString(buffer, at, options.Username);
            }

            if (hasPassword)
            {
                at = WriteString(buffer, at, options.Password);
            }

            return at;
        }

        /// <summary>Size of a PUBLISH with a topic of <paramref name="topicBytes"/> UTF-8 bytes and <paramref name="payloadCount"/> payload bytes.</summary>
        public static int PublishSize(int topicBytes, int qos, int payloadCount)
        {
            long remaining = 2L + topicBytes + (qos > 0 ? 2 : 0) + payloadCount;
            return remaining > MaxRemainingLength ? int.MaxValue : PacketSize((int)remaining);
        }

        /// <summary>
        /// Writes a PUBLISH at the start of <paramref name="buffer"/>: topic (its UTF-8 bytes, <paramref name="topicBytes"/>
        /// of them, as <see cref="Utf8.ByteCount(string)"/> gives), the packet id when <paramref name="qos"/> is 1, then a
        /// copy of the payload. Returns the size, or -1 when it does not fit. The payload array is only read.
        /// </summary>
        public static int WritePublish(byte[] buffer, string topic, int topicBytes, int qos, bool retain, int packetId, byte[] payload, int offset, int count)
        {
            int size = PublishSize(topicBytes, qos, count);
            if (size > buffer.Length)
            {
                return -1;
            }

            int remaining = 2 + topicBytes + (qos > 0 ? 2 : 0) + count;
            int at = 0;
            buffer[at++] = (byte)(MqttPacketType.PublishHeader | (qos << 1) | (retain ? 1 : 0));
            at += WriteRemainingLength(buffer, at, remaining);
            at = WriteUInt16(buffer, at, topicBytes);
            at += Utf8.Write(topic, buffer, at);
            if (qos > 0)
            {
                at = WriteUInt16(buffer, at, packetId);
            }

            if (count > 0)
            {
                Array.Copy(payload, offset, buffer, at, count);
                at += count;
            }

            return at;
        }

        /// <summary>Size of a SUBSCRIBE carrying one filter of <paramref name="filterBytes"/> UTF-8 bytes.</summary>
        public static int SubscribeSize(int filterBytes)
        {
            return PacketSize(2 + 2 + filterBytes + 1);
        }

        /// <summary>
        /// Writes a SUBSCRIBE for one filter (<paramref name="filterBytes"/> UTF-8 bytes) at the requested
        /// <paramref name="qos"/> at the start of <paramref name="buffer"/>. Returns the size, or -1 when it does not fit.
        /// </summary>
        public static int WriteSubscribe(byte[] buffer, int packetId, string filter, int filterBytes, int qos)
        {
            int size = SubscribeSize(filterBytes);
            if (size > buffer.Length)
            {
                return -1;
            }

            int at = 0;
            buffer[at++] = MqttPacketType.SubscribeHeader;
            at += WriteRemainingLength(buffer, at, 2 + 2 + filterBytes + 1);
            at = WriteUInt16(buffer, at, packetId);
            at = WriteUInt16(buffer, at, filterBytes);
            at += Utf8.Write(filter, buffer, at);
            buffer[at++] = (byte)qos;
            return at;
        }

        /// <summary>Writes the 4-byte PUBACK for <paramref name="packetId"/> at <paramref name="offset"/>; returns 4.</summary>
        public static int WritePuback(byte[] buffer, int offset, int packetId)
        {
            buffer[offset] = MqttPacketType.PubackHeader;
            buffer[offset + 1] = 2;
            WriteUInt16(buffer, offset + 2, packetId);
            return 4;
        }

        /// <summary>Writes the 2-byte PINGREQ at <paramref name="offset"/>; returns 2.</summary>
        public static int WritePingreq(byte[] buffer, int offset)
        {
            buffer[offset] = MqttPacketType.PingreqHeader;
            buffer[offset + 1] = 0;
            return 2;
        }

        /// <summary>Writes the 2-byte DISCONNECT at <paramref name="offset"/>; returns 2.</summary>
        public static int WriteDisconnect(byte[] buffer, int offset)
        {
            buffer[offset] = MqttPacketType.DisconnectHeader;
            buffer[offset + 1] = 0;
            return 2;
        }

        /// <summary>Writes <paramref name="value"/> (0..65535) big-endian at <paramref name="offset"/>; returns the offset after it.</summary>
        public static int WriteUInt16(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)(value >> 8);
            buffer[offset + 1] = (byte)value;
            return offset + 2;
        }

        /// <summary>Writes a length-prefixed UTF-8 string (null as empty); returns the offset after it.</summary>
        public static int WriteString(byte[] buffer, int offset, string value)
        {
            int length = Utf8.ByteCount(value);
            offset = WriteUInt16(buffer, offset, length);
            return offset + Utf8.Write(value, buffer, offset);
        }

        private static int ConnectRemainingLength(MqttConnectOptions options)
        {
            // Variable header: protocol name (2 + 4), level, flags, keep-alive (2) = 10 bytes.
            int length = 10 + 2 + Utf8.ByteCount(options.ClientId);
            if (!IsEmpty(options.Username))
            {
                length += 2 + Utf8.ByteCount(options.Username);
            }

            if (!IsEmpty(options.Password))
            {
                length += 2 + Utf8.ByteCount(options.Password);
            }

            return length;
        }

        private static bool IsEmpty(string value)
        {
            return value == null || value.Length == 0;
        }
    }
}
