using System;
using AwsIotDevice.Core.Abstractions;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Mqtt
{
    /// <summary>SUBSCRIBE/SUBACK, DISCONNECT, Abort and the calls a closed session still answers.</summary>
    [TestClass]
    public class MqttSessionTests
    {
        [TestMethod]
        public void SubscribeSendsTheSpecBytesAndSucceedsOnAGrantingSuback()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();
            rig.Transport.AddAt(300, MqttBytes.Suback(1, 1));

            rig.AssertFault(Fault.None, rig.Client.Subscribe("cmd/#", 1, 1000));

            // 0x82, remaining 10 = id (2) + length (2) + "cmd/#" (5) + requested QoS (1).
            MqttBytes.AssertEqual(MqttBytes.FromHex("82 0a 00 01 00 05 63 6d 64 2f 23 01"), rig.Transport.Written(), "SUBSCRIBE");
            Assert.AreEqual(1, rig.Client.LastGrantedQos);
            Assert.AreEqual(300L, rig.Clock.UptimeMs);
        }

        [TestMethod]
        public void ASubackFailureIsSubscribeRefusedAndTheSessionGoesOn()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();
            rig.Transport.Add(MqttBytes.Suback(1, 0x80));

            rig.AssertFault(Fault.SubscribeRefused, rig.Client.Subscribe("cmd/x", 0, 1000));

            Assert.IsTrue(rig.Client.IsConnected);
            Assert.Contains("0x80", rig.Client.LastErrorDetail);
        }

        [TestMethod]
        public void NoSubackInTimeIsSubscribeTimeoutAndALateOneIsIgnored()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();
            rig.Transport.AddAt(2000, MqttBytes.Suback(1, 0));

            rig.AssertFault(Fault.SubscribeTimeout, rig.Client.Subscribe("cmd/x", 1, 1000));
            Assert.AreEqual(1000L, rig.Clock.UptimeMs);
            rig.AssertFault(Fault.None, rig.Client.Process(2000));

            Assert.AreEqual(1, rig.Client.IgnoredAcknowledgements);
            Assert.IsTrue(rig.Client.IsConnected);
        }

        [TestMethod]
        public void ASubackGrantingMoreThanAskedIsAProtocolError()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();
            rig.Transport.Add(MqttBytes.Suback(1, 1));

            rig.AssertFault(Fault.ProtocolError, rig.Client.Subscribe("cmd/x", 0, 1000));
            Assert.IsFalse(rig.Client.IsConnected);
        }

        [TestMethod]
        public void SubscribeAndPublishShareOnePacketIdSpace()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();
            byte[] payload = { 1 };
            int id;
            rig.AssertFault(Fault.None, rig.Client.BeginPublish("t", payload, 0, 1, 1, false, 1000, out id));
            Assert.AreEqual(1, id);
            rig.Transport.Add(MqttBytes.Concat(MqttBytes.Suback(1, 0), MqttBytes.Suback(2, 0)));

            rig.AssertFault(Fault.None, rig.Client.Subscribe("a", 0, 1000));

            Assert.AreEqual(1, rig.Client.IgnoredAcknowledgements, "SUBACK 1 is not for the subscribe, which used id 2");
            Assert.AreEqual(1, rig.Client.InflightCount);
        }

        [TestMethod]
        public void InvalidFiltersThrow()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();
            Assert.ThrowsException(typeof(ArgumentException), () => rig.Client.Subscribe("a/#/b", 0, 1000));
            Assert.ThrowsException(typeof(ArgumentException), () => rig.Client.Subscribe("a+", 0, 1000));
            Assert.ThrowsException(typeof(ArgumentException), () => rig.Client.Subscribe(string.Empty, 0, 1000));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => rig.Client.Subscribe("a", 2, 1000));
            Assert.AreEqual(0, rig.Transport.WriteSizes.Count);
        }

        [TestMethod]
        public void DisconnectSendsDisconnectThenClosesAndIsSafeToRepeat()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();

            rig.Client.Disconnect();

            MqttBytes.AssertEqual(new byte[] { 0xE0, 0x00 }, rig.Transport.Written(), "DISCONNECT");
            Assert.IsTrue(rig.Transport.Closed);
            Assert.IsFalse(rig.Client.IsConnected);
            rig.Client.Disconnect();
            Assert.AreEqual(2, rig.Transport.Written().Length, "nothing more is sent");
            rig.AssertFault(Fault.ConnectionLost, rig.Client.Process(0));
        }

        [TestMethod]
        public void AbortMakesTheNextCallReturnConnectionLost()
        {
            MqttRig rig = new MqttRig(4);
            rig.Connect();

            rig.Client.Abort();

            Assert.IsTrue(rig.Transport.Closed);
            rig.AssertFault(Fault.ConnectionLost, rig.Client.Process(1000));
            Assert.Contains("aborted", rig.Client.LastErrorDetail);
            Assert.IsFalse(rig.Client.IsConnected);
        }

        [TestMethod]
        public void AbortDuringConnectIsConnectionLostNotARefusal()
        {
            MqttRig rig = new MqttRig(4);
            rig.Transport.BeforeRead = () => rig.Client.Abort();

            rig.AssertFault(Fault.ConnectionLost, rig.Client.Connect(rig.Transport, rig.Options, 1000));

            Assert.Contains("aborted", rig.Client.LastErrorDetail);
        }

        [TestMethod]
        public void AnAbortBeforeConnectIsForgottenByTheNextSession()
        {
            MqttRig rig = new MqttRig(4);
            rig.Client.Abort();

            rig.Connect();
            rig.Transport.AddClose();

            rig.AssertFault(Fault.ConnectionLost, rig.Client.Process(0));
            Assert.DoesNotContains("aborted", rig.Client.LastErrorDetail);
        }
    }
}
