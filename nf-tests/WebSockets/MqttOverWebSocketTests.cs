using System.Collections;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Auth;
using AwsIotDevice.Core.Mqtt;
using AwsIotDevice.Core.Text;
using AwsIotDevice.Tests.Mqtt;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.WebSockets
{
    /// <summary>The MQTT client over the WebSocket transport over a scripted socket: the device's wss route in memory.</summary>
    [TestClass]
    public class MqttOverWebSocketTests
    {
        [TestMethod]
        public void ConnectPublishAndPubackFlowThroughWebSocketFrames()
        {
            WsRig rig = new WsRig();
            CustomAuthUpgrade.AddHeaders(rig.Upgrade, "MyAuth", "c2ln", "token", "TOKEN");
            rig.Open();
            MqttClient client = new MqttClient(rig.Clock, new byte[256], new byte[256], 4);
            MqttConnectOptions options = new MqttConnectOptions();
            options.ClientId = "dev1";
            options.Username = "u?x=1";
            options.Password = "pw";
            byte[] puback = MqttBytes.Puback(1);

            // CONNACK in one frame; PUBACK split across a fragmented message, as a server may send it.
            rig.Inner.Add(WsBytes.Binary(MqttBytes.Connack(0)));
            rig.Inner.AddAt(100, MqttBytes.Concat(
                WsBytes.ServerFrame(0x02, MqttBytes.Slice(puback, 0, 1)),
                WsBytes.ServerFrame(0x80, MqttBytes.Slice(puback, 1, 3))));

            Fault connected = client.Connect(rig.Ws, options, 5000);
            Assert.AreEqual("None", FaultNames.Of(connected), client.LastErrorDetail);
            byte[] payload = Utf8.GetBytes("hi");
            Fault published = client.Publish("t/1", payload, 0, payload.Length, 1, 5000);
            Assert.AreEqual("None", FaultNames.Of(published), client.LastErrorDetail);

            ArrayList frames = rig.Frames();
            Assert.AreEqual(2, frames.Count, "one frame per MQTT packet");
            MqttBytes.AssertEqual(MqttBytes.FromHex("10 1b 00 04 4d 51 54 54 04 c2 00 3c 00 04 64 65 76 31 00 05 75 3f 78 3d 31 00 02 70 77"),
                ((ClientFrame)frames[0]).Payload, "CONNECT inside the first frame");
            MqttBytes.AssertEqual(MqttBytes.FromHex("32 09 00 03 74 2f 31 00 01 68 69"), ((ClientFrame)frames[1]).Payload, "PUBLISH inside the second");
            Assert.AreEqual(100L, rig.Clock.UptimeMs);

            client.Disconnect();
            frames = rig.Frames();
            MqttBytes.AssertEqual(new byte[] { 0xE0, 0x00 }, ((ClientFrame)frames[2]).Payload, "DISCONNECT");
            Assert.IsTrue(rig.Inner.Closed, "closing the MQTT session closes the socket under the WebSocket");
        }

        [TestMethod]
        public void AWebSocketProtocolErrorReachesTheMqttClientAsItsOwnFault()
        {
            WsRig rig = new WsRig();
            rig.Open();
            MqttClient client = new MqttClient(rig.Clock, new byte[256], new byte[256], 4);
            MqttConnectOptions options = new MqttConnectOptions();
            options.ClientId = "dev1";
            rig.Inner.Add(WsBytes.Binary(MqttBytes.Connack(0))).Add(WsBytes.ServerFrame(0x81, Utf8.GetBytes("text")));
            Assert.AreEqual("None", FaultNames.Of(client.Connect(rig.Ws, options, 5000)), client.LastErrorDetail);

            Fault fault = client.Process(1000);

            Assert.AreEqual("ProtocolError", FaultNames.Of(fault), client.LastErrorDetail);
            Assert.Contains("text frame", client.LastErrorDetail);
        }

        [TestMethod]
        public void AServerThatClosesTheWebSocketBeforeConnackRefusesTheConnect()
        {
            WsRig rig = new WsRig();
            rig.Open();
            MqttClient client = new MqttClient(rig.Clock, new byte[256], new byte[256], 4);
            MqttConnectOptions options = new MqttConnectOptions();
            options.ClientId = "dev1";
            rig.Inner.Add(WsBytes.ServerFrame(0x88, new byte[] { 0x03, 0xF0 }));

            Fault fault = client.Connect(rig.Ws, options, 5000);

            Assert.AreEqual("ConnectRefused", FaultNames.Of(fault), client.LastErrorDetail);
            Assert.Contains("status 1008", client.LastErrorDetail);
        }

        [TestMethod]
        public void OneWebSocketTransportServesTheNextSessionAfterARefusedOne()
        {
            // The same WebSocketTransport object is opened again for the next connection (CoreMqttLink does this): the
            // client's next Connect must not close it as "the previous session's transport".
            WsRig rig = new WsRig();
            rig.Open();
            MqttClient client = new MqttClient(rig.Clock, new byte[256], new byte[256], 4);
            MqttConnectOptions options = new MqttConnectOptions();
            options.ClientId = "dev1";
            rig.Inner.AddClose();
            Assert.AreEqual("ConnectRefused", FaultNames.Of(client.Connect(rig.Ws, options, 5000)), client.LastErrorDetail);

            Fakes.ScriptedTransport second = new Fakes.ScriptedTransport(rig.Clock);
            second.Add(WsBytes.Accepting()).Add(WsBytes.Binary(MqttBytes.Connack(0)));
            rig.Random.Reset();
            Assert.AreEqual("None", FaultNames.Of(rig.Ws.Open(second, rig.Upgrade, 5000)), rig.Ws.LastErrorDetail);

            Assert.AreEqual("None", FaultNames.Of(client.Connect(rig.Ws, options, 5000)), client.LastErrorDetail);
            Assert.IsTrue(client.IsConnected);
            Assert.IsFalse(second.Closed, "the reopened transport stays open");
            client.Disconnect();
            Assert.IsTrue(second.Closed);
        }
    }
}
