using System;
using AwsIotDevice.Core.Abstractions;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Mqtt
{
    [TestClass]
    public class MqttInboundTests
    {
        [TestMethod]
        public void AnInboundQosOnePublishIsHandedOverThenAcknowledged()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();
            rig.Transport.Add(MqttBytes.Publish("cmd/reboot", "now", 1, 0x1234));

            rig.AssertFault(Fault.None, rig.Client.Process(100));

            Assert.AreEqual(1, rig.Handler.Topics.Count);
            Assert.AreEqual("cmd/reboot", (string)rig.Handler.Topics[0]);
            Assert.AreEqual("now", (string)rig.Handler.Payloads[0]);
            Assert.AreEqual(1, (int)rig.Handler.QosLevels[0]);
            MqttBytes.AssertEqual(MqttBytes.Puback(0x1234), rig.Transport.Written(), "PUBACK with the message's id");
            Assert.AreEqual(1, rig.Client.MessagesReceived);
        }

        [TestMethod]
        public void AnInboundQosZeroPublishIsHandedOverWithoutAReply()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();
            rig.Transport.Add(MqttBytes.Publish("cmd", string.Empty, 0, 0));

            rig.AssertFault(Fault.None, rig.Client.Process(100));

            Assert.AreEqual(1, rig.Handler.Topics.Count);
            Assert.AreEqual(string.Empty, (string)rig.Handler.Payloads[0]);
            Assert.AreEqual(0, rig.Transport.Written().Length);
        }

        [TestMethod]
        public void MessagesAreDeliveredWhileWaitingForAPuback()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();
            rig.Transport.Add(MqttBytes.Concat(MqttBytes.Publish("cmd", "a", 1, 5), MqttBytes.Puback(1)));
            byte[] payload = { 1 };

            rig.AssertFault(Fault.None, rig.Client.Publish("t", payload, 0, 1, 1, 1000));

            Assert.AreEqual(1, rig.Handler.Topics.Count);
        }

        [TestMethod]
        public void PacketsArrivingOneByteAtATimeAreAssembled()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();
            rig.Transport.OneByteAtATime = true;
            rig.Transport.Add(MqttBytes.Concat(MqttBytes.Publish("a/b", "payload", 1, 9), MqttBytes.Pingresp(), MqttBytes.Publish("c", "d", 0, 0)));

            rig.AssertFault(Fault.None, rig.Client.Process(1000));

            Assert.AreEqual(2, rig.Handler.Topics.Count);
            Assert.AreEqual("payload", (string)rig.Handler.Payloads[0]);
            Assert.AreEqual("d", (string)rig.Handler.Payloads[1]);
        }

        [TestMethod]
        public void ManyPacketsFillingTheReceiveBufferUnevenlyAreAllDelivered()
        {
            // 50-byte receive buffer, 13-byte packets: reads end inside packets and the buffer is compacted.
            MqttRig rig = new MqttRig(256, 50, 4);
            rig.Connect();
            byte[][] packets = new byte[20][];
            for (int i = 0; i < packets.Length; i++)
            {
                packets[i] = MqttBytes.Publish("topic", "msg-" + (i % 10).ToString(), 0, 0);
            }

            rig.Transport.Add(MqttBytes.Concat(packets));

            rig.AssertFault(Fault.None, rig.Client.Process(1000));

            Assert.AreEqual(20, rig.Handler.Topics.Count);
            Assert.AreEqual("msg-9", (string)rig.Handler.Payloads[19]);
        }

        [TestMethod]
        public void AnInboundPacketLargerThanTheReceiveBufferIsPacketTooLarge()
        {
            MqttRig rig = new MqttRig(256, 32, 4);
            rig.Connect();
            rig.Transport.Add(MqttBytes.Publish("topic", "this payload does not fit in 32 bytes", 0, 0));

            rig.AssertFault(Fault.PacketTooLarge, rig.Client.Process(100));

            Assert.IsFalse(rig.Client.IsConnected);
            Assert.Contains("receive buffer 32", rig.Client.LastErrorDetail);
            Assert.AreEqual(0, rig.Handler.Topics.Count);
        }

        // Malformed or out-of-place packets after CONNACK, each a protocol error that ends the session.
        [DataRow("30 ff ff ff ff 01")]
        [DataRow("42 02 00 01")]
        [DataRow("20 02 00 00")]
        [DataRow("36 06 00 01 74 00 01 78")]
        [DataRow("38 04 00 01 74 78")]
        [DataRow("34 06 00 01 74 00 01 78")]
        [DataRow("30 04 00 01 2b 78")]
        [DataRow("30 04 00 02 c3 28")]
        [DataRow("30 01 00")]
        [DataRow("30 03 00 05 74")]
        [DataRow("30 03 00 00 78")]
        [DataRow("32 05 00 01 74 00 00")]
        [DataRow("40 03 00 01 00")]
        [DataRow("40 02 00 00")]
        [DataRow("d0 01 00")]
        [DataRow("90 04 00 01 00 00")]
        [DataRow("90 03 00 01 07")]
        [DataRow("50 02 00 01")]
        [DataRow("c0 00")]
        [DataRow("e0 00")]
        [DataRow("00 00")]
        [DataRow("f0 00")]
        public void AMalformedOrUnexpectedPacketIsAProtocolError(string hex)
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();
            rig.Transport.Add(MqttBytes.FromHex(hex));

            rig.AssertFault(Fault.ProtocolError, rig.Client.Process(100));

            Assert.IsFalse(rig.Client.IsConnected);
            Assert.IsTrue(rig.Transport.Closed);
            Assert.AreEqual(0, rig.Handler.Topics.Count, "nothing malformed reaches the handler");
        }

        [TestMethod]
        public void TheServerClosingInTheMiddleOfAPacketIsConnectionLost()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();
            byte[] packet = MqttBytes.Publish("topic", "payload", 0, 0);
            rig.Transport.Add(MqttBytes.Slice(packet, 0, 6)).AddClose();

            rig.AssertFault(Fault.ConnectionLost, rig.Client.Process(100));

            Assert.Contains("middle of a packet", rig.Client.LastErrorDetail);
            Assert.AreEqual(0, rig.Handler.Topics.Count);
        }

        [TestMethod]
        public void TheServerClosingBetweenPacketsIsConnectionLost()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();
            rig.Transport.AddAt(500, MqttBytes.Pingresp()).AddClose();

            rig.AssertFault(Fault.ConnectionLost, rig.Client.Process(1000));

            Assert.AreEqual(500L, rig.Clock.UptimeMs);
            Assert.IsFalse(rig.Client.IsConnected);
        }

        [TestMethod]
        public void AHandlerThatThrowsEndsTheSessionWithoutAcknowledging()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();
            rig.Handler.ThrowThis = new InvalidOperationException("boom");
            rig.Transport.Add(MqttBytes.Publish("cmd", "x", 1, 3));

            rig.AssertFault(Fault.Internal, rig.Client.Process(100));

            Assert.AreEqual(0, rig.Transport.Written().Length, "no PUBACK for a message the handler did not take");
            Assert.IsFalse(rig.Client.IsConnected);
        }

        [TestMethod]
        public void AHandlerCallingTheClientBackIsRefused()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();
            rig.Handler.CallBack = rig.Client;
            rig.Transport.Add(MqttBytes.Publish("cmd", "x", 0, 0));

            rig.AssertFault(Fault.Internal, rig.Client.Process(100));

            Assert.IsNotNull(rig.Handler.CallBackError);
            Assert.IsInstanceOfType(rig.Handler.CallBackError, typeof(InvalidOperationException));
        }

        [TestMethod]
        public void WithoutAHandlerQosOneMessagesAreStillAcknowledged()
        {
            MqttRig rig = new MqttRig(4);
            rig.Client.MessageHandler = null;
            rig.Connect();
            rig.Transport.Add(MqttBytes.Publish("cmd", "x", 1, 2));

            rig.AssertFault(Fault.None, rig.Client.Process(100));

            MqttBytes.AssertEqual(MqttBytes.Puback(2), rig.Transport.Written(), "PUBACK");
        }
    }
}
