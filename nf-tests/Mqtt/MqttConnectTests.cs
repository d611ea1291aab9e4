using System;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Mqtt;
using AwsIotDevice.Tests.Fakes;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Mqtt
{
    [TestClass]
    public class MqttConnectTests
    {
        // Hand-computed from MQTT 3.1.1 3.1: header 0x10, remaining length 27 = 10 (variable header) + 6 ("dev1") +
        // 7 ("u?x=1") + 4 ("pw"); protocol name "MQTT", level 4, flags user|password|clean = 0xC2, keep-alive 60.
        private const string ExpectedConnect =
            "10 1b 00 04 4d 51 54 54 04 c2 00 3c 00 04 64 65 76 31 00 05 75 3f 78 3d 31 00 02 70 77";

        [TestMethod]
        public void ConnectSendsTheSpecBytesAndAcceptsConnackZero()
        {
            MqttRig rig = new MqttRig(4);
            rig.Transport.Add(MqttBytes.Connack(0));

            Fault fault = rig.Client.Connect(rig.Transport, rig.Options, 5000);

            rig.AssertFault(Fault.None, fault);
            Assert.IsTrue(rig.Client.IsConnected);
            Assert.IsFalse(rig.Client.SessionPresent);
            MqttBytes.AssertEqual(MqttBytes.FromHex(ExpectedConnect), rig.Transport.Written(), "CONNECT");
            Assert.AreEqual(1, rig.Transport.WriteCalls, "CONNECT goes out in one write");
            Assert.AreEqual(0, rig.Transport.CloseCalls);
        }

        [TestMethod]
        public void NoUserNoPasswordAndKeepAliveOffLeaveTheirFlagsClear()
        {
            MqttRig rig = new MqttRig(4);
            rig.Options.Username = null;
            rig.Options.Password = null;
            rig.Options.KeepAliveSeconds = 0;
            rig.Options.CleanSession = false;
            rig.Transport.Add(MqttBytes.Connack(0));

            rig.AssertFault(Fault.None, rig.Client.Connect(rig.Transport, rig.Options, 5000));

            MqttBytes.AssertEqual(MqttBytes.FromHex("10 10 00 04 4d 51 54 54 04 00 00 00 00 04 64 65 76 31"), rig.Transport.Written(), "CONNECT");
        }

        // CONNACK return codes 1..5 each have their own fault; reserved codes are a protocol error.
        [DataRow(1, 16)]
        [DataRow(2, 17)]
        [DataRow(3, 18)]
        [DataRow(4, 19)]
        [DataRow(5, 20)]
        [DataRow(6, 22)]
        [DataRow(255, 22)]
        public void EveryRefusingConnackCodeHasItsNamedFault(int code, int expectedFault)
        {
            MqttRig rig = new MqttRig(4);
            rig.Transport.Add(MqttBytes.Connack(code));

            Fault fault = rig.Client.Connect(rig.Transport, rig.Options, 5000);

            rig.AssertFault((Fault)expectedFault, fault);
            Assert.IsFalse(rig.Client.IsConnected);
            Assert.IsTrue(rig.Transport.Closed, "a refused session closes its transport");
            Assert.Contains("return code " + code.ToString(), rig.Client.LastErrorDetail);
        }

        [TestMethod]
        public void TheNamedRefusalsAreTheFaultsTheDataRowsExpect()
        {
            Assert.AreEqual(16, (int)Fault.RefusedProtocolVersion);
            Assert.AreEqual(17, (int)Fault.RefusedIdentifier);
            Assert.AreEqual(18, (int)Fault.RefusedServerUnavailable);
            Assert.AreEqual(19, (int)Fault.RefusedBadCredentials);
            Assert.AreEqual(20, (int)Fault.RefusedNotAuthorized);
            Assert.AreEqual(22, (int)Fault.ProtocolError);
        }

        [TestMethod]
        public void ThePeerClosingBeforeConnackIsARefusalAndTheDetailHasNoCredential()
        {
            MqttRig rig = new MqttRig(4);
            rig.Options.Username = "user?x-amz-customauthorizer-name=auth&token=SECRET-TOKEN";
            rig.Options.Password = "SECRET-PASSWORD";
            rig.Transport.AddClose();

            Fault fault = rig.Client.Connect(rig.Transport, rig.Options, 5000);

            rig.AssertFault(Fault.ConnectRefused, fault);
            Assert.IsFalse(rig.Client.IsConnected);
            Assert.Contains("before CONNACK", rig.Client.LastErrorDetail);
            Assert.DoesNotContains("SECRET", rig.Client.LastErrorDetail);
        }

        [TestMethod]
        public void NoConnackInTimeIsAConnectTimeoutAfterExactlyTheTimeout()
        {
            MqttRig rig = new MqttRig(4);

            Fault fault = rig.Client.Connect(rig.Transport, rig.Options, 3000);

            rig.AssertFault(Fault.ConnectTimeout, fault);
            Assert.AreEqual(3000L, rig.Clock.UptimeMs);
            Assert.IsTrue(rig.Transport.Closed);
        }

        [TestMethod]
        public void AConnackArrivingOneByteAtATimeIsAssembled()
        {
            MqttRig rig = new MqttRig(4);
            rig.Transport.OneByteAtATime = true;
            rig.Transport.Add(new byte[] { 0x20, 0x02, 0x01, 0x00 });

            rig.AssertFault(Fault.None, rig.Client.Connect(rig.Transport, rig.Options, 5000));

            Assert.IsTrue(rig.Client.SessionPresent);
            Assert.IsTrue(rig.Transport.ReadCalls >= 4, "four one-byte reads at least");
        }

        [TestMethod]
        public void AConnackSplitAcrossTimeoutsStillCountsWithinTheDeadline()
        {
            MqttRig rig = new MqttRig(4);
            rig.Transport.AddAt(1000, new byte[] { 0x20 }).AddAt(2000, new byte[] { 0x02, 0x00 }).AddAt(2500, new byte[] { 0x00 });

            rig.AssertFault(Fault.None, rig.Client.Connect(rig.Transport, rig.Options, 3000));
            Assert.AreEqual(2500L, rig.Clock.UptimeMs);
        }

        [TestMethod]
        public void PacketsCoalescedWithConnackAreKeptAndHandledLater()
        {
            MqttRig rig = new MqttRig(4);
            rig.Transport.Add(MqttBytes.Concat(MqttBytes.Connack(0), MqttBytes.Publish("cmd/a", "hello", 0, 0), MqttBytes.Publish("cmd/b", "world", 1, 7)));

            rig.AssertFault(Fault.None, rig.Client.Connect(rig.Transport, rig.Options, 5000));
            Assert.AreEqual(0, rig.Handler.Topics.Count, "Connect returns at CONNACK");
            int readsAfterConnect = rig.Transport.ReadCalls;

            rig.AssertFault(Fault.None, rig.Client.Process(0));
            rig.AssertFault(Fault.None, rig.Client.Process(0));

            Assert.AreEqual(2, rig.Handler.Topics.Count);
            Assert.AreEqual("cmd/a", (string)rig.Handler.Topics[0]);
            Assert.AreEqual("world", (string)rig.Handler.Payloads[1]);
            Assert.AreEqual(readsAfterConnect, rig.Transport.ReadCalls, "buffered packets need no read");
        }

        [TestMethod]
        public void APacketOtherThanConnackFirstIsAProtocolError()
        {
            MqttRig rig = new MqttRig(4);
            rig.Transport.Add(MqttBytes.Puback(1));

            rig.AssertFault(Fault.ProtocolError, rig.Client.Connect(rig.Transport, rig.Options, 5000));
            Assert.Contains("expected CONNACK, got PUBACK", rig.Client.LastErrorDetail);
        }

        [DataRow("20 03 00 00 00")]
        [DataRow("20 02 02 00")]
        [DataRow("21 02 00 00")]
        [DataRow("20 02 01 05")]
        public void AMalformedConnackIsAProtocolError(string hex)
        {
            MqttRig rig = new MqttRig(4);
            rig.Transport.Add(MqttBytes.FromHex(hex));

            rig.AssertFault(Fault.ProtocolError, rig.Client.Connect(rig.Transport, rig.Options, 5000));
            Assert.IsTrue(rig.Transport.Closed);
        }

        [TestMethod]
        public void ACONNECTLargerThanTheSendBufferIsRefusedWithoutSendingAndSaysHowLarge()
        {
            MqttRig rig = new MqttRig(32, 256, 4);
            rig.Options.Username = "a-user-name-that-does-not-fit-in-32-bytes";

            rig.AssertFault(Fault.PacketTooLarge, rig.Client.Connect(rig.Transport, rig.Options, 5000));
            Assert.AreEqual(0, rig.Transport.WriteCalls);
            Assert.Contains("the send buffer has 32", rig.Client.LastErrorDetail);
            Assert.DoesNotContains("a-user-name", rig.Client.LastErrorDetail);
        }

        [TestMethod]
        public void AFailedConnectWriteReportsTheTransportsFault()
        {
            MqttRig rig = new MqttRig(4);
            rig.Transport.FailWriteAt = 0;

            rig.AssertFault(Fault.ConnectionLost, rig.Client.Connect(rig.Transport, rig.Options, 5000));
            Assert.Contains("CONNECT not sent: scripted write failure", rig.Client.LastErrorDetail);
        }

        [TestMethod]
        public void ArgumentMisuseThrowsInsteadOfFaulting()
        {
            MqttRig rig = new MqttRig(4);
            Assert.ThrowsException(typeof(ArgumentNullException), () => rig.Client.Connect(null, rig.Options, 1000));
            Assert.ThrowsException(typeof(ArgumentNullException), () => rig.Client.Connect(rig.Transport, null, 1000));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => rig.Client.Connect(rig.Transport, rig.Options, -1));

            rig.Options.Username = null;
            Assert.ThrowsException(typeof(ArgumentException), () => rig.Client.Connect(rig.Transport, rig.Options, 1000));

            rig.Options.Password = null;
            rig.Options.ClientId = string.Empty;
            rig.Options.CleanSession = false;
            Assert.ThrowsException(typeof(ArgumentException), () => rig.Client.Connect(rig.Transport, rig.Options, 1000));

            rig.Options.CleanSession = true;
            rig.Options.KeepAliveSeconds = 65536;
            Assert.ThrowsException(typeof(ArgumentException), () => rig.Client.Connect(rig.Transport, rig.Options, 1000));
            Assert.AreEqual(0, rig.Transport.WriteCalls);
        }

        [TestMethod]
        public void ConstructorRefusesUnusableBuffersAndWindows()
        {
            FakeClock clock = new FakeClock();
            Assert.ThrowsException(typeof(ArgumentNullException), () => new MqttClient(null, new byte[64], new byte[64], 1));
            Assert.ThrowsException(typeof(ArgumentNullException), () => new MqttClient(clock, null, new byte[64], 1));
            Assert.ThrowsException(typeof(ArgumentException), () => new MqttClient(clock, new byte[8], new byte[64], 1));
            Assert.ThrowsException(typeof(ArgumentException), () => new MqttClient(clock, new byte[64], new byte[8], 1));
            byte[] shared = new byte[64];
            Assert.ThrowsException(typeof(ArgumentException), () => new MqttClient(clock, shared, shared, 1));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new MqttClient(clock, new byte[64], new byte[64], 0));
        }

        [TestMethod]
        public void ASecondConnectClosesTheFirstSessionsTransport()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();
            ScriptedTransport second = new ScriptedTransport(rig.Clock);
            second.Add(MqttBytes.Connack(0));

            rig.AssertFault(Fault.None, rig.Client.Connect(second, rig.Options, 5000));

            Assert.IsTrue(rig.Transport.Closed, "the first transport is closed");
            Assert.IsFalse(second.Closed);
            Assert.IsTrue(rig.Client.IsConnected);
        }
    }
}
