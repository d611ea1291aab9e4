using System;
using AwsIotDevice.Core.Text;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Mqtt
{
    /// <summary>
    /// Broker-side packets written out byte by byte from the MQTT 3.1.1 spec (independent of Core's encoder, so a
    /// shared mistake cannot hide), and byte comparisons with a readable failure.
    /// </summary>
    public static class MqttBytes
    {
        /// <summary>CONNACK with session-present 0 and <paramref name="returnCode"/>.</summary>
        public static byte[] Connack(int returnCode)
        {
            return new byte[] { 0x20, 0x02, 0x00, (byte)returnCode };
        }

        /// <summary>PUBACK for <paramref name="packetId"/>.</summary>
        public static byte[] Puback(int packetId)
        {
            return new byte[] { 0x40, 0x02, (byte)(packetId >> 8), (byte)packetId };
        }

        /// <summary>SUBACK for <paramref name="packetId"/> with one return code.</summary>
        public static byte[] Suback(int packetId, int returnCode)
        {
            return new byte[] { 0x90, 0x03, (byte)(packetId >> 8), (byte)packetId, (byte)returnCode };
        }

        /// <summary>PINGRESP.</summary>
        public static byte[] Pingresp()
        {
            return new byte[] { 0xD0, 0x00 };
        }

        /// <summary>A PUBLISH from the broker (payload under 100 bytes, ASCII topic, so the length is one byte).</summary>
        public static byte[] Publish(string topic, string payload, int qos, int packetId)
        {
            byte[] t = Utf8.GetBytes(topic);
            byte[] p = Utf8.GetBytes(payload);
            int remaining = 2 + t.Length + (qos > 0 ? 2 : 0) + p.Length;
            byte[] packet = new byte[2 + remaining];
            int at = 0;
            packet[at++] = (byte)(0x30 | (qos << 1));
            packet[at++] = (byte)remaining;
            packet[at++] = 0;
            packet[at++] = (byte)t.Length;
            Array.Copy(t, 0, packet, at, t.Length);
            at += t.Length;
            if (qos > 0)
            {
                packet[at++] = (byte)(packetId >> 8);
                packet[at++] = (byte)packetId;
            }

            Array.Copy(p, 0, packet, at, p.Length);
            return packet;
        }

        /// <summary>The arrays one after the other.</summary>
        public static byte[] Concat(params byte[][] parts)
        {
            int length = 0;
            for (int i = 0; i < parts.Length; i++)
            {
                length += parts[i].Length;
            }

            byte[] all = new byte[length];
            int at = 0;
            for (int i = 0; i < parts.Length; i++)
            {
                Array.Copy(parts[i], 0, all, at, parts[i].Length);
                at += parts[i].Length;
            }

            return all;
        }

        /// <summary>Bytes <paramref name="offset"/>..+<paramref name="count"/> of <paramref name="source"/> as a new array.</summary>
        public static byte[] Slice(byte[] source, int offset, int count)
        {
            byte[] part = new byte[count];
            Array.Copy(source, offset, part, 0, count);
            return part;
        }

        /// <summary>Fails unless <paramref name="actual"/> equals <paramref name="expected"/>, showing both in hex.</summary>
        public static void AssertEqual(byte[] expected, byte[] actual, string what)
        {
            Assert.AreEqual(Hex(expected, 0, expected.Length), Hex(actual, 0, actual.Length), what);
        }

        /// <summary>Lower-case hex of <paramref name="count"/> bytes from <paramref name="offset"/>, space-separated.</summary>
        public static string Hex(byte[] bytes, int offset, int count)
        {
            const string Digits = "0123456789abcdef";
            char[] chars = new char[count * 3];
            for (int i = 0; i < count; i++)
            {
                int b = bytes[offset + i];
                chars[i * 3] = Digits[b >> 4];
                chars[i * 3 + 1] = Digits[b & 15];
                chars[i * 3 + 2] = ' ';
            }

            return new string(chars, 0, count > 0 ? count * 3 - 1 : 0);
        }

        /// <summary>The bytes written by the hex string <paramref name="hex"/> ("10 1b 00 ..."; spaces ignored).</summary>
        public static byte[] FromHex(string hex)
        {
            byte[] bytes = new byte[hex.Length / 2];
            int count = 0;
            int high = -1;
            for (int i = 0; i < hex.Length; i++)
            {
                int digit = HexDigit(hex[i]);
                if (digit < 0)
                {
                    continue;
                }

                if (high < 0)
                {
                    high = digit;
                }
                else
                {
                    bytes[count++] = (byte)((high << 4) | digit);
                    high = -1;
                }
            }

            return Slice(bytes, 0, count);
        }

        private static int HexDigit(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        }
    }
}
