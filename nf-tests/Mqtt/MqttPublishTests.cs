using System;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Text;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Mqtt
{
    [TestClass]
    public class MqttPublishTests
    {
        [TestMethod]
        public void QosZeroPublishIsTheSpecBytesInOneWriteAndWaitsForNothing()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();
            byte[] payload = Utf8.GetBytes("hi");

            rig.AssertFault(Fault.None, rig.Client.Publish("t/1", payload, 0, payload.Length, 0, 1000));

            MqttBytes.AssertEqual(MqttBytes.FromHex("30 07 00 03 74 2f 31 68 69"), rig.Transport.Written(), "PUBLISH QoS 0");
            Assert.AreEqual(1, rig.Transport.WriteSizes.Count);
            Assert.AreEqual(0L, rig.Clock.UptimeMs, "QoS 0 does not wait");
        }

        [TestMethod]
        public void QosOnePublishCarriesAPacketIdAndCompletesOnItsPuback()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();
            rig.Transport.AddAt(200, MqttBytes.Puback(1));
            byte[] payload = Utf8.GetBytes("hi");

            rig.AssertFault(Fault.None, rig.Client.Publish("t/1", payload, 0, payload.Length, 1, 1000));

            MqttBytes.AssertEqual(MqttBytes.FromHex("32 09 00 03 74 2f 31 00 01 68 69"), rig.Transport.Written(), "PUBLISH QoS 1");
            Assert.AreEqual(200L, rig.Clock.UptimeMs, "returns as soon as the PUBACK arrives");
            Assert.AreEqual(0, rig.Client.InflightCount);
        }

        [TestMethod]
        public void RetainAndAPayloadOffsetAreHonouredAndTheCallersArrayIsLeftAlone()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();
            byte[] payload = { 1, 2, 0x41, 0x42, 0x43, 9 };
            int packetId;

            rig.AssertFault(Fault.None, rig.Client.BeginPublish("t", payload, 2, 3, 0, true, 1000, out packetId));

            Assert.AreEqual(0, packetId, "QoS 0 has no packet id");
            MqttBytes.AssertEqual(MqttBytes.FromHex("31 06 00 01 74 41 42 43"), rig.Transport.Written(), "PUBLISH retain");
            MqttBytes.AssertEqual(new byte[] { 1, 2, 0x41, 0x42, 0x43, 9 }, payload, "caller's payload");
        }

        [TestMethod]
        public void AMissingPubackIsAPublishTimeoutThatKeepsTheSessionAndALatePubackIsIgnored()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();
            rig.Transport.AddAt(4000, MqttBytes.Puback(1));
            byte[] payload = Utf8.GetBytes("x");

            rig.AssertFault(Fault.PublishTimeout, rig.Client.Publish("t", payload, 0, 1, 1, 1500));

            Assert.AreEqual(1500L, rig.Clock.UptimeMs);
            Assert.IsTrue(rig.Client.IsConnected, "a PUBACK timeout is not a dead session");
            Assert.AreEqual(0, rig.Client.InflightCount, "Publish releases the slot on timeout");
            Assert.Contains("no PUBACK for packet id 1", rig.Client.LastErrorDetail);

            rig.AssertFault(Fault.None, rig.Client.Process(3000));
            Assert.AreEqual(1, rig.Client.IgnoredAcknowledgements, "the late PUBACK matched nothing");
            Assert.IsTrue(rig.Client.IsConnected);
        }

        [TestMethod]
        public void OutOfOrderPubacksAreMatchedByPacketId()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();
            byte[] payload = Utf8.GetBytes("x");
            int first;
            int second;
            int third;
            rig.AssertFault(Fault.None, rig.Client.BeginPublish("t", payload, 0, 1, 1, false, 1000, out first));
            rig.AssertFault(Fault.None, rig.Client.BeginPublish("t", payload, 0, 1, 1, false, 1000, out second));
            rig.AssertFault(Fault.None, rig.Client.BeginPublish("t", payload, 0, 1, 1, false, 1000, out third));
            Assert.AreEqual(1, first);
            Assert.AreEqual(2, second);
            Assert.AreEqual(3, third);
            Assert.AreEqual(3, rig.Client.InflightCount);
            rig.Transport.Add(MqttBytes.Concat(MqttBytes.Puback(3), MqttBytes.Puback(1))).AddAt(500, MqttBytes.Puback(2));

            rig.AssertFault(Fault.None, rig.Client.WaitForAcknowledgement(second, 2000));
            Assert.AreEqual(500L, rig.Clock.UptimeMs);
            int reads = rig.Transport.ReadCalls;
            rig.AssertFault(Fault.None, rig.Client.WaitForAcknowledgement(first, 0));
            rig.AssertFault(Fault.None, rig.Client.WaitForAcknowledgement(third, 0));

            Assert.AreEqual(reads, rig.Transport.ReadCalls, "acknowledgements that came early need no read");
            Assert.AreEqual(0, rig.Client.InflightCount);
            Assert.AreEqual(0, rig.Client.IgnoredAcknowledgements);
        }

        [TestMethod]
        public void AFullWindowRefusesTheNextQosOnePublishWithoutSendingUntilASlotIsCollected()
        {
            MqttRig rig = new MqttRig(2);
            rig.Connect();
            byte[] payload = Utf8.GetBytes("x");
            int id;
            rig.AssertFault(Fault.None, rig.Client.BeginPublish("t", payload, 0, 1, 1, false, 1000, out id));
            rig.AssertFault(Fault.None, rig.Client.BeginPublish("t", payload, 0, 1, 1, false, 1000, out id));
            int writes = rig.Transport.WriteCalls;

            rig.AssertFault(Fault.InflightWindowFull, rig.Client.BeginPublish("t", payload, 0, 1, 1, false, 1000, out id));
            Assert.AreEqual(writes, rig.Transport.WriteCalls, "nothing sent");
            Assert.AreEqual(0, id);
            Assert.IsTrue(rig.Client.IsConnected);

            rig.AssertFault(Fault.None, rig.Client.Publish("t", payload, 0, 1, 0, 1000));
            Assert.AreEqual(writes + 1, rig.Transport.WriteCalls, "QoS 0 needs no slot");

            rig.Transport.Add(MqttBytes.Puback(1));
            rig.AssertFault(Fault.None, rig.Client.WaitForAcknowledgement(1, 1000));
            rig.AssertFault(Fault.None, rig.Client.BeginPublish("t", payload, 0, 1, 1, false, 1000, out id));
            Assert.AreEqual(3, id);
        }

        [TestMethod]
        public void AWaitThatTimesOutLeavesTheMessageInFlightForTheNextWaitOrRelease()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();
            byte[] payload = Utf8.GetBytes("x");
            int a;
            int b;
            rig.AssertFault(Fault.None, rig.Client.BeginPublish("t", payload, 0, 1, 1, false, 1000, out a));
            rig.AssertFault(Fault.None, rig.Client.BeginPublish("t", payload, 0, 1, 1, false, 1000, out b));

            rig.AssertFault(Fault.PublishTimeout, rig.Client.WaitForAcknowledgement(a, 0));
            Assert.AreEqual(2, rig.Client.InflightCount);

            rig.Transport.Add(MqttBytes.Puback(a));
            rig.AssertFault(Fault.None, rig.Client.WaitForAcknowledgement(a, 1000));

            Assert.IsTrue(rig.Client.Release(b));
            Assert.IsFalse(rig.Client.Release(b));
            Assert.AreEqual(0, rig.Client.InflightCount);
            rig.AssertFault(Fault.Internal, rig.Client.WaitForAcknowledgement(b, 0));
            Assert.IsTrue(rig.Client.IsConnected, "waiting on an unknown id is a caller bug, not a session fault");
        }

        [TestMethod]
        public void APubackForAnIdNeverSentIsIgnored()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();
            rig.Transport.Add(MqttBytes.Puback(999));

            rig.AssertFault(Fault.None, rig.Client.Process(100));

            Assert.AreEqual(1, rig.Client.IgnoredAcknowledgements);
            Assert.IsTrue(rig.Client.IsConnected);
        }

        [TestMethod]
        public void APublishTooLargeForTheSendBufferIsRefusedWithoutSendingOrEndingTheSession()
        {
            MqttRig rig = new MqttRig(64, 256, 4);
            rig.Connect();
            byte[] payload = new byte[60];

            rig.AssertFault(Fault.PacketTooLarge, rig.Client.Publish("t", payload, 0, payload.Length, 1, 1000));

            Assert.AreEqual(0, rig.Transport.WriteSizes.Count);
            Assert.AreEqual(0, rig.Client.InflightCount, "no slot taken");
            Assert.IsTrue(rig.Client.IsConnected);
            rig.AssertFault(Fault.None, rig.Client.Publish("t", payload, 0, 50, 0, 1000));
        }

        [TestMethod]
        public void AFailedPublishWriteEndsTheSessionAndLaterCallsSayNotConnected()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();
            rig.Transport.FailWriteAt = rig.Transport.WriteCalls;
            byte[] payload = Utf8.GetBytes("x");
            int id;

            rig.AssertFault(Fault.ConnectionLost, rig.Client.BeginPublish("t", payload, 0, 1, 1, false, 1000, out id));

            Assert.IsFalse(rig.Client.IsConnected);
            Assert.IsTrue(rig.Transport.Closed);
            Assert.Contains("PUBLISH not sent", rig.Client.LastErrorDetail);
            rig.AssertFault(Fault.ConnectionLost, rig.Client.WaitForAcknowledgement(1, 0));
            rig.AssertFault(Fault.ConnectionLost, rig.Client.Publish("t", payload, 0, 1, 0, 1000));
            Assert.AreEqual("not connected", rig.Client.LastErrorDetail);
            Assert.AreEqual(0, rig.Client.InflightCount, "the session's window died with it");
        }

        [TestMethod]
        public void InvalidPublishArgumentsThrow()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();
            byte[] payload = new byte[4];
            Assert.ThrowsException(typeof(ArgumentException), () => rig.Client.Publish("a/+/b", payload, 0, 4, 0, 1000));
            Assert.ThrowsException(typeof(ArgumentException), () => rig.Client.Publish("a/#", payload, 0, 4, 0, 1000));
            Assert.ThrowsException(typeof(ArgumentException), () => rig.Client.Publish(string.Empty, payload, 0, 4, 0, 1000));
            Assert.ThrowsException(typeof(ArgumentException), () => rig.Client.Publish(null, payload, 0, 4, 0, 1000));
            Assert.ThrowsException(typeof(ArgumentException), () => rig.Client.Publish("t", payload, 2, 3, 0, 1000));
            Assert.ThrowsException(typeof(ArgumentException), () => rig.Client.Publish("t", null, 0, 1, 0, 1000));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => rig.Client.Publish("t", payload, 0, 4, 2, 1000));
            Assert.AreEqual(0, rig.Transport.WriteSizes.Count);
            rig.AssertFault(Fault.None, rig.Client.Publish("t", null, 0, 0, 0, 1000));
        }
    }
}
