using System;
using System.Collections;
using AwsIotDevice.Core.Text;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.WebSockets
{
    /// <summary>One frame the client wrote, unmasked.</summary>
    public class ClientFrame
    {
        public int FirstByte;
        public byte[] Mask;
        public byte[] Payload;

        /// <summary>The opcode (low nibble of the first byte).</summary>
        public int Opcode
        {
            get { return FirstByte & 0x0F; }
        }
    }

    /// <summary>Server-side handshake responses and frames written out from RFC 6455, and a decoder for what the client wrote.</summary>
    public static class WsBytes
    {
        /// <summary>RFC 6455 1.3: the nonce "the sample nonce" ...</summary>
        public const string SampleNonce = "the sample nonce";

        /// <summary>... is sent as this key ...</summary>
        public const string SampleKey = "dGhlIHNhbXBsZSBub25jZQ==";

        /// <summary>... and the server answers with this accept value.</summary>
        public const string SampleAccept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

        /// <summary>A valid 101 response for the sample key, as AWS sends it (with the mqtt subprotocol).</summary>
        public static byte[] Accepting()
        {
            return Response("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                + SampleAccept + "\r\nSec-WebSocket-Protocol: mqtt\r\n");
        }

        /// <summary><paramref name="head"/> (status line and headers, each ending in CRLF) and the blank line, as bytes.</summary>
        public static byte[] Response(string head)
        {
            return Utf8.GetBytes(head + "\r\n");
        }

        /// <summary>An unmasked server frame with <paramref name="firstByte"/> (FIN, RSV, opcode) and the shortest length form.</summary>
        public static byte[] ServerFrame(int firstByte, byte[] payload)
        {
            int extra = payload.Length < 126 ? 0 : payload.Length <= 65535 ? 2 : 8;
            byte[] frame = new byte[2 + extra + payload.Length];
            frame[0] = (byte)firstByte;
            if (extra == 0)
            {
                frame[1] = (byte)payload.Length;
            }
            else if (extra == 2)
            {
                frame[1] = 126;
                frame[2] = (byte)(payload.Length >> 8);
                frame[3] = (byte)payload.Length;
            }
            else
            {
                frame[1] = 127;
                frame[6] = (byte)(payload.Length >> 24);
                frame[7] = (byte)(payload.Length >> 16);
                frame[8] = (byte)(payload.Length >> 8);
                frame[9] = (byte)payload.Length;
            }

            Array.Copy(payload, 0, frame, 2 + extra, payload.Length);
            return frame;
        }

        /// <summary>A final binary frame with <paramref name="payload"/>.</summary>
        public static byte[] Binary(byte[] payload)
        {
            return ServerFrame(0x82, payload);
        }

        /// <summary>
        /// Decodes the client frames in <paramref name="written"/> from <paramref name="offset"/> to the end, failing the
        /// test on an unmasked frame (RFC 6455 5.3: every client frame is masked) or a truncated one.
        /// </summary>
        public static ArrayList ClientFrames(byte[] written, int offset)
        {
            ArrayList frames = new ArrayList();
            int at = offset;
            while (at < written.Length)
            {
                Assert.IsTrue(written.Length - at >= 6, "truncated frame header");
                ClientFrame frame = new ClientFrame();
                frame.FirstByte = written[at];
                int second = written[at + 1];
                Assert.IsTrue((second & 0x80) != 0, "client frame without the mask bit");
                long length = second & 0x7F;
                at += 2;
                if (length == 126)
                {
                    length = (written[at] << 8) | written[at + 1];
                    at += 2;
                }
                else if (length == 127)
                {
                    length = 0;
                    for (int i = 0; i < 8; i++)
                    {
                        length = (length << 8) | written[at + i];
                    }

                    at += 8;
                }

                frame.Mask = new byte[4];
                Array.Copy(written, at, frame.Mask, 0, 4);
                at += 4;
                Assert.IsTrue(written.Length - at >= length, "truncated frame payload");
                frame.Payload = new byte[(int)length];
                for (int i = 0; i < frame.Payload.Length; i++)
                {
                    frame.Payload[i] = (byte)(written[at + i] ^ frame.Mask[i & 3]);
                }

                at += (int)length;
                frames.Add(frame);
            }

            return frames;
        }
    }
}
