using System;
using System.Collections;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Text;
using AwsIotDevice.Core.WebSockets;
using AwsIotDevice.Tests.Fakes;
using AwsIotDevice.Tests.Mqtt;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.WebSockets
{
    /// <summary>Framing after the handshake: masked client frames, the server's frames, control frames and every refusal.</summary>
    [TestClass]
    public class WebSocketTransportTests
    {
        [TestMethod]
        public void AWriteIsOneMaskedBinaryFrameThatDecodesToThePayloadAndLeavesTheCallersBufferAlone()
        {
            WsRig rig = new WsRig();
            rig.Open();
            byte[] data = Utf8.GetBytes("xxMQTT bytesxx");

            Assert.AreEqual(10, rig.Ws.Write(data, 2, 10, 1000));

            ArrayList frames = rig.Frames();
            Assert.AreEqual(1, frames.Count);
            ClientFrame frame = (ClientFrame)frames[0];
            Assert.AreEqual(0x82, frame.FirstByte, "FIN + binary");
            Assert.AreEqual("MQTT bytes", Utf8.Decode(frame.Payload, 0, frame.Payload.Length));
            Assert.AreEqual("xxMQTT bytesxx", Utf8.Decode(data, 0, data.Length), "the caller's data is not masked in place");
        }

        [TestMethod]
        public void EveryFrameGetsAFreshMaskFromTheRandomSource()
        {
            FakeClock clock = new FakeClock();
            ScriptedTransport inner = new ScriptedTransport(clock);
            RecordingRandom random = new RecordingRandom(new LcgRandom(7));
            WebSocketTransport ws = new WebSocketTransport(clock, random, new byte[64], 1024);
            inner.Add(WsBytes.Response("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                + WebSocketHandshake.AcceptFor(ExpectedKey(random)) + "\r\n"));
            Assert.AreEqual((int)Fault.None, (int)ws.Open(inner, new WebSocketUpgrade("h"), 1000), ws.LastErrorDetail);
            int requestLength = inner.Written().Length;
            byte[] data = { 1, 2, 3, 4, 5 };

            ws.Write(data, 0, 5, 1000);
            ws.Write(data, 0, 5, 1000);

            ArrayList frames = WsBytes.ClientFrames(inner.Written(), requestLength);
            ClientFrame first = (ClientFrame)frames[0];
            ClientFrame second = (ClientFrame)frames[1];
            Assert.AreEqual(24, random.Count, "16 key bytes, then 4 mask bytes per frame");
            for (int i = 0; i < 4; i++)
            {
                Assert.AreEqual(random.ValueAt(16 + i), (int)first.Mask[i]);
                Assert.AreEqual(random.ValueAt(20 + i), (int)second.Mask[i]);
            }

            Assert.AreNotEqual(MqttBytes.Hex(first.Mask, 0, 4), MqttBytes.Hex(second.Mask, 0, 4));
            MqttBytes.AssertEqual(data, second.Payload, "second payload");
        }

        [DataRow(125, 32)]
        [DataRow(126, 32)]
        [DataRow(300, 32)]
        [DataRow(65536, 256)]
        public void LongWritesUseTheExtendedLengthsAndAFrameBufferSmallerThanTheFrame(int length, int frameBuffer)
        {
            try
            {
                WriteAndCheckOneFrame(length, frameBuffer);
            }
            catch (OutOfMemoryException)
            {
                // The 64-bit length form needs a 64 KiB frame, twice recorded: more than a board without PSRAM has.
                Assert.SkipTest("not enough memory for a " + length.ToString() + "-byte frame on this board");
            }
        }

        private static void WriteAndCheckOneFrame(int length, int frameBuffer)
        {
            WsRig rig = new WsRig(frameBuffer, 1024);
            rig.Open();
            byte[] data = new byte[length];
            for (int i = 0; i < length; i++)
            {
                data[i] = (byte)(i * 7);
            }

            int writesBefore = rig.Inner.WriteCalls;
            Assert.AreEqual(length, rig.Ws.Write(data, 0, length, 1000));

            ArrayList frames = rig.Frames();
            Assert.AreEqual(1, frames.Count, "one frame however many inner writes");
            ClientFrame frame = (ClientFrame)frames[0];
            Assert.AreEqual(length, frame.Payload.Length);
            for (int i = 0; i < length; i++)
            {
                if (frame.Payload[i] != data[i])
                {
                    Assert.AreEqual((int)data[i], (int)frame.Payload[i], "byte " + i.ToString());
                }
            }

            Assert.IsTrue(rig.Inner.WriteCalls - writesBefore >= length / frameBuffer, "sent through the frame buffer in chunks");
        }

        [TestMethod]
        public void ServerBinaryFramesArriveAsAByteStreamIncludingBytesThatCameWithTheHandshake()
        {
            WsRig rig = new WsRig();
            rig.Inner.Add(MqttBytes.Concat(WsBytes.Accepting(), WsBytes.Binary(Utf8.GetBytes("hello"))));
            rig.AssertFault(Fault.None, rig.Ws.Open(rig.Inner, rig.Upgrade, 5000));
            rig.Inner.Add(WsBytes.Binary(Utf8.GetBytes(" world")));
            int reads = rig.Inner.ReadCalls;

            byte[] buffer = new byte[3];
            Assert.AreEqual(3, rig.Ws.Read(buffer, 0, 3, 1000));
            Assert.AreEqual("hel", Utf8.Decode(buffer, 0, 3));
            Assert.AreEqual(reads, rig.Inner.ReadCalls, "the frame that came with the 101 needs no inner read");
            int last;
            Assert.AreEqual("lo world", rig.ReadText(8, 1000, out last));
        }

        [TestMethod]
        public void AFragmentedMessageWithAPingInsideIsReassembledAndThePingAnswered()
        {
            WsRig rig = new WsRig();
            rig.Open();
            rig.Inner.Add(MqttBytes.Concat(
                WsBytes.ServerFrame(0x02, Utf8.GetBytes("abc")),
                WsBytes.ServerFrame(0x89, Utf8.GetBytes("ping!")),
                WsBytes.ServerFrame(0x00, Utf8.GetBytes("de")),
                WsBytes.ServerFrame(0x80, Utf8.GetBytes("f"))));

            int last;
            Assert.AreEqual("abcdef", rig.ReadText(6, 1000, out last));

            ArrayList frames = rig.Frames();
            Assert.AreEqual(1, frames.Count);
            ClientFrame pong = (ClientFrame)frames[0];
            Assert.AreEqual(0x8A, pong.FirstByte, "FIN + pong");
            Assert.AreEqual("ping!", Utf8.Decode(pong.Payload, 0, pong.Payload.Length), "pong echoes the ping's payload");
            Assert.AreEqual(1, rig.Ws.PingsAnswered);
        }

        [TestMethod]
        public void APingAloneIsAnsweredAndTheReadTimesOutQuietly()
        {
            WsRig rig = new WsRig();
            rig.Open();
            rig.Inner.Add(WsBytes.ServerFrame(0x89, new byte[0])).Add(WsBytes.ServerFrame(0x8A, Utf8.GetBytes("unsolicited")));
            byte[] buffer = new byte[8];

            Assert.AreEqual(0, rig.Ws.Read(buffer, 0, 8, 500));

            Assert.AreEqual(500L, rig.Clock.UptimeMs);
            Assert.AreEqual(1, rig.Frames().Count);
            Assert.IsTrue(rig.Ws.IsOpen);
        }

        [TestMethod]
        public void HeadersAndPayloadsSplitOneByteAtATimeAreReassembled()
        {
            WsRig rig = new WsRig();
            rig.Open();
            rig.Inner.OneByteAtATime = true;
            byte[] big = new byte[300];
            for (int i = 0; i < big.Length; i++)
            {
                big[i] = (byte)'z';
            }

            rig.Inner.Add(MqttBytes.Concat(WsBytes.ServerFrame(0x89, Utf8.GetBytes("p")), WsBytes.Binary(big)));

            int last;
            string text = rig.ReadText(300, 1000, out last);
            Assert.AreEqual(300, text.Length);
            Assert.AreEqual(1, rig.Ws.PingsAnswered);
        }

        [TestMethod]
        public void ATimeoutInsideAFrameHeaderKeepsTheStateForTheNextRead()
        {
            WsRig rig = new WsRig();
            rig.Open();
            byte[] frame = WsBytes.Binary(new byte[200]);
            rig.Inner.Add(MqttBytes.Slice(frame, 0, 3)).AddAt(5000, MqttBytes.Slice(frame, 3, frame.Length - 3));
            byte[] buffer = new byte[256];

            Assert.AreEqual(0, rig.Ws.Read(buffer, 0, 256, 1000));
            Assert.AreEqual(1000L, rig.Clock.UptimeMs);
            Assert.AreEqual(200, rig.Ws.Read(buffer, 0, 256, 10000));
        }

        [TestMethod]
        public void TheCloseHandshakeIsAnsweredAndEndsTheStream()
        {
            WsRig rig = new WsRig();
            rig.Open();
            byte[] body = MqttBytes.Concat(new byte[] { 0x03, 0xE8 }, Utf8.GetBytes("bye"));
            rig.Inner.Add(WsBytes.ServerFrame(0x88, body));
            byte[] buffer = new byte[8];

            Assert.AreEqual(-1, rig.Ws.Read(buffer, 0, 8, 1000));

            rig.AssertFault(Fault.ConnectionLost, rig.Ws.LastFault);
            Assert.Contains("status 1000: bye", rig.Ws.LastErrorDetail);
            Assert.AreEqual(1000, rig.Ws.CloseStatus);
            ArrayList frames = rig.Frames();
            Assert.AreEqual(1, frames.Count);
            ClientFrame reply = (ClientFrame)frames[0];
            Assert.AreEqual(0x88, reply.FirstByte, "FIN + close");
            MqttBytes.AssertEqual(new byte[] { 0x03, 0xE8 }, reply.Payload, "the status is echoed");
            Assert.IsTrue(rig.Inner.Closed);
            Assert.AreEqual(-1, rig.Ws.Write(buffer, 0, 1, 100));
            Assert.AreEqual(-1, rig.Ws.Read(buffer, 0, 8, 100));
        }

        [TestMethod]
        public void AnEmptyCloseIsAnsweredWithAnEmptyClose()
        {
            WsRig rig = new WsRig();
            rig.Open();
            rig.Inner.Add(WsBytes.ServerFrame(0x88, new byte[0]));
            byte[] buffer = new byte[8];

            Assert.AreEqual(-1, rig.Ws.Read(buffer, 0, 8, 1000));

            Assert.AreEqual(1005, rig.Ws.CloseStatus);
            ClientFrame reply = (ClientFrame)rig.Frames()[0];
            Assert.AreEqual(0, reply.Payload.Length);
        }

        [TestMethod]
        public void TheConnectionEndingInTheMiddleOfAFrameIsConnectionLost()
        {
            WsRig rig = new WsRig();
            rig.Open();
            byte[] frame = WsBytes.Binary(Utf8.GetBytes("0123456789"));
            rig.Inner.Add(MqttBytes.Slice(frame, 0, 5)).AddClose();
            byte[] buffer = new byte[16];

            Assert.AreEqual(3, rig.Ws.Read(buffer, 0, 16, 1000));
            Assert.AreEqual(-1, rig.Ws.Read(buffer, 0, 16, 1000));

            rig.AssertFault(Fault.ConnectionLost, rig.Ws.LastFault);
            Assert.Contains("middle of a frame", rig.Ws.LastErrorDetail);
        }

        [TestMethod]
        public void TheConnectionEndingWithoutACloseFrameSaysSo()
        {
            WsRig rig = new WsRig();
            rig.Open();
            rig.Inner.AddClose();
            byte[] buffer = new byte[16];

            Assert.AreEqual(-1, rig.Ws.Read(buffer, 0, 16, 1000));
            Assert.Contains("without a WebSocket close frame", rig.Ws.LastErrorDetail);
        }

        [TestMethod]
        public void AFrameOverTheMessageLimitIsPacketTooLargeAndClosedWith1009()
        {
            WsRig rig = new WsRig(256, 100);
            rig.Open();
            rig.Inner.Add(WsBytes.Binary(new byte[101]));
            byte[] buffer = new byte[256];

            Assert.AreEqual(-1, rig.Ws.Read(buffer, 0, 256, 1000));

            rig.AssertFault(Fault.PacketTooLarge, rig.Ws.LastFault);
            AssertClosedWith(rig, 1009);
        }

        [TestMethod]
        public void FragmentsAddingUpOverTheMessageLimitArePacketTooLarge()
        {
            WsRig rig = new WsRig(256, 100);
            rig.Open();
            rig.Inner.Add(MqttBytes.Concat(WsBytes.ServerFrame(0x02, new byte[60]), WsBytes.ServerFrame(0x80, new byte[41])));
            byte[] buffer = new byte[256];

            Assert.AreEqual(60, rig.Ws.Read(buffer, 0, 256, 1000));
            Assert.AreEqual(-1, rig.Ws.Read(buffer, 0, 256, 1000));
            rig.AssertFault(Fault.PacketTooLarge, rig.Ws.LastFault);

            WsRig exact = new WsRig(256, 100);
            exact.Open();
            exact.Inner.Add(MqttBytes.Concat(WsBytes.ServerFrame(0x02, new byte[60]), WsBytes.ServerFrame(0x80, new byte[40]), WsBytes.Binary(new byte[100])));
            int last;
            Assert.AreEqual(200, exact.ReadText(200, 1000, out last).Length, "each message is measured on its own");
        }

        // Frames RFC 6455 or MQTT over WebSockets forbids from a server.
        [DataRow("82 81 01 02 03 04 41")]
        [DataRow("c2 01 41")]
        [DataRow("a2 01 41")]
        [DataRow("83 00")]
        [DataRow("8b 00")]
        [DataRow("81 01 41")]
        [DataRow("89 7e 00 7e")]
        [DataRow("09 00")]
        [DataRow("80 01 41")]
        [DataRow("02 01 41 82 01 42")]
        [DataRow("88 01 00")]
        [DataRow("82 7f 80 00 00 00 00 00 00 00")]
        public void AForbiddenServerFrameIsAProtocolErrorClosedWith1002(string hex)
        {
            WsRig rig = new WsRig();
            rig.Open();
            rig.Inner.Add(MqttBytes.FromHex(hex));
            byte[] buffer = new byte[16];

            int result = rig.Ws.Read(buffer, 0, 16, 1000);
            if (result > 0)
            {
                // "02 01 41 ..." delivers its first fragment before the offending frame.
                result = rig.Ws.Read(buffer, 0, 16, 1000);
            }

            Assert.AreEqual(-1, result);
            rig.AssertFault(Fault.ProtocolError, rig.Ws.LastFault);
            AssertClosedWith(rig, 1002);
        }

        [TestMethod]
        public void CloseFromAnotherThreadMakesABlockedReadReturnMinusOne()
        {
            WsRig rig = new WsRig();
            rig.Open();
            rig.Inner.BeforeRead = () => rig.Ws.Close();
            byte[] buffer = new byte[16];

            Assert.AreEqual(-1, rig.Ws.Read(buffer, 0, 16, 1000));

            Assert.IsTrue(rig.Inner.Closed);
            Assert.AreEqual("closed locally", rig.Ws.LastErrorDetail);
            rig.Ws.Close();
            Assert.AreEqual(-1, rig.Ws.Write(buffer, 0, 1, 100));
        }

        [TestMethod]
        public void AFailedInnerWriteEndsTheStreamWithTheInnerFault()
        {
            WsRig rig = new WsRig();
            rig.Open();
            rig.Inner.FailWriteAt = rig.Inner.WriteCalls;
            byte[] data = new byte[4];

            Assert.AreEqual(-1, rig.Ws.Write(data, 0, 4, 1000));

            rig.AssertFault(Fault.ConnectionLost, rig.Ws.LastFault);
            Assert.Contains("scripted write failure", rig.Ws.LastErrorDetail);
            Assert.IsFalse(rig.Ws.IsOpen);
        }

        [TestMethod]
        public void ReadAndWriteBeforeOpenReturnMinusOneAndMisuseThrows()
        {
            WsRig rig = new WsRig();
            byte[] buffer = new byte[4];
            Assert.AreEqual(-1, rig.Ws.Read(buffer, 0, 4, 0));
            Assert.AreEqual(-1, rig.Ws.Write(buffer, 0, 4, 0));
            Assert.ThrowsException(typeof(ArgumentException), () => rig.Ws.Read(buffer, 2, 4, 0));
            Assert.ThrowsException(typeof(ArgumentException), () => rig.Ws.Write(null, 0, 1, 0));
            Assert.ThrowsException(typeof(ArgumentException), () => new WebSocketTransport(rig.Clock, rig.Random, new byte[31], 10));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new WebSocketTransport(rig.Clock, rig.Random, new byte[32], 0));
        }

        private static void AssertClosedWith(WsRig rig, int status)
        {
            ArrayList frames = rig.Frames();
            Assert.AreEqual(1, frames.Count, "one close frame");
            ClientFrame close = (ClientFrame)frames[0];
            Assert.AreEqual(0x88, close.FirstByte);
            Assert.AreEqual(status, (close.Payload[0] << 8) | close.Payload[1]);
            Assert.IsTrue(rig.Inner.Closed);
            Assert.IsFalse(rig.Ws.IsOpen);
        }

        // The key the transport will draw from this fresh random (replayed on a twin with the same seed).
        private static string ExpectedKey(RecordingRandom random)
        {
            Assert.AreEqual(0, random.Count);
            return WebSocketHandshake.NewKey(new LcgRandom(7));
        }
    }
}
