using AwsIotDevice.Core.Mqtt;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Mqtt
{
    /// <summary>The formatter on its own: remaining-length varint, fixed headers, topic rules, the in-flight window.</summary>
    [TestClass]
    public class MqttFormatTests
    {
        // Spec 2.2.3's table edges.
        [DataRow(0, "00")]
        [DataRow(127, "7f")]
        [DataRow(128, "80 01")]
        [DataRow(16383, "ff 7f")]
        [DataRow(16384, "80 80 01")]
        [DataRow(2097151, "ff ff 7f")]
        [DataRow(2097152, "80 80 80 01")]
        [DataRow(268435455, "ff ff ff 7f")]
        public void RemainingLengthRoundTripsAtTheSpecsBoundaries(int value, string hex)
        {
            byte[] expected = MqttBytes.FromHex(hex);
            byte[] buffer = new byte[6];

            int written = MqttEncoder.WriteRemainingLength(buffer, 1, value);

            Assert.AreEqual(expected.Length, written);
            Assert.AreEqual(expected.Length, MqttEncoder.RemainingLengthSize(value));
            MqttBytes.AssertEqual(expected, MqttBytes.Slice(buffer, 1, written), "varint");
            int decoded;
            Assert.AreEqual(written, MqttDecoder.ReadRemainingLength(buffer, 1, written, out decoded));
            Assert.AreEqual(value, decoded);
            Assert.AreEqual(MqttDecoder.Incomplete, MqttDecoder.ReadRemainingLength(buffer, 1, written - 1, out decoded));
        }

        [TestMethod]
        public void AFifthLengthByteIsMalformed()
        {
            int value;
            Assert.AreEqual(MqttDecoder.Malformed, MqttDecoder.ReadRemainingLength(MqttBytes.FromHex("80 80 80 80 01"), 0, 5, out value));
        }

        [TestMethod]
        public void ControlPacketsAreTheSpecBytes()
        {
            byte[] buffer = new byte[8];
            Assert.AreEqual(4, MqttEncoder.WritePuback(buffer, 1, 0xABCD));
            MqttBytes.AssertEqual(MqttBytes.FromHex("40 02 ab cd"), MqttBytes.Slice(buffer, 1, 4), "PUBACK");
            Assert.AreEqual(2, MqttEncoder.WritePingreq(buffer, 0));
            MqttBytes.AssertEqual(MqttBytes.FromHex("c0 00"), MqttBytes.Slice(buffer, 0, 2), "PINGREQ");
            Assert.AreEqual(2, MqttEncoder.WriteDisconnect(buffer, 0));
            MqttBytes.AssertEqual(MqttBytes.FromHex("e0 00"), MqttBytes.Slice(buffer, 0, 2), "DISCONNECT");
        }

        [TestMethod]
        public void APublishWithATwoByteRemainingLengthIsSizedAndWritten()
        {
            byte[] payload = new byte[200];
            payload[199] = 0x5A;
            byte[] buffer = new byte[300];

            int size = MqttEncoder.WritePublish(buffer, "t", 1, 1, false, 7, payload, 0, payload.Length);

            // remaining = 2 + 1 + 2 + 200 = 205 = 0xCD 0x01 as a varint.
            Assert.AreEqual(208, size);
            Assert.AreEqual(size, MqttEncoder.PublishSize(1, 1, 200));
            MqttBytes.AssertEqual(MqttBytes.FromHex("32 cd 01 00 01 74 00 07"), MqttBytes.Slice(buffer, 0, 8), "header");
            Assert.AreEqual((byte)0x5A, buffer[207]);
            Assert.AreEqual(-1, MqttEncoder.WritePublish(new byte[207], "t", 1, 1, false, 7, payload, 0, payload.Length));
        }

        [TestMethod]
        public void FixedHeaderFlagsFollowTheSpecTable()
        {
            Assert.IsNull(MqttDecoder.CheckFixedHeader(0x20));
            Assert.IsNull(MqttDecoder.CheckFixedHeader(0x3D), "PUBLISH DUP, QoS 2, RETAIN");
            Assert.IsNotNull(MqttDecoder.CheckFixedHeader(0x36), "PUBLISH QoS 3");
            Assert.IsNull(MqttDecoder.CheckFixedHeader(0x62), "PUBREL 0b0010");
            Assert.IsNotNull(MqttDecoder.CheckFixedHeader(0x60));
            Assert.IsNull(MqttDecoder.CheckFixedHeader(0x82), "SUBSCRIBE 0b0010");
            Assert.IsNotNull(MqttDecoder.CheckFixedHeader(0x91));
            Assert.IsNotNull(MqttDecoder.CheckFixedHeader(0x00));
            Assert.IsNotNull(MqttDecoder.CheckFixedHeader(0xF0));
        }

        [DataRow("a", true)]
        [DataRow("a/b/c", true)]
        [DataRow("/", true)]
        [DataRow("$aws/things/x/shadow/update", true)]
        [DataRow("a/+", false)]
        [DataRow("#", false)]
        [DataRow("", false)]
        public void TopicNameRules(string topic, bool valid)
        {
            Assert.AreEqual(valid, MqttTopic.CheckName(topic) == null, topic);
        }

        [TestMethod]
        public void UPlus0000IsRefusedInNamesAndFilters()
        {
            // Built in code: a NUL inside an attribute string is not something to trust the device metadata with.
            string withNul = "a" + ((char)0).ToString() + "b";
            Assert.IsNotNull(MqttTopic.CheckName(withNul));
            Assert.IsNotNull(MqttTopic.CheckFilter(withNul));
            Assert.IsNull(MqttTopic.CheckName("ab"));
        }

        [DataRow("#", true)]
        [DataRow("a/#", true)]
        [DataRow("+", true)]
        [DataRow("+/a/+", true)]
        [DataRow("a//b", true)]
        [DataRow("a/#/b", false)]
        [DataRow("a#", false)]
        [DataRow("a+/b", false)]
        [DataRow("a/b+", false)]
        [DataRow("", false)]
        public void TopicFilterRules(string filter, bool valid)
        {
            Assert.AreEqual(valid, MqttTopic.CheckFilter(filter) == null, filter);
        }

        [TestMethod]
        public void TheWindowTracksPendingAndAcknowledgedIdsInAnyOrder()
        {
            MqttInflightWindow window = new MqttInflightWindow(3);
            Assert.IsTrue(window.Add(10));
            Assert.IsTrue(window.Add(11));
            Assert.IsTrue(window.Add(12));
            Assert.IsTrue(window.IsFull);
            Assert.IsFalse(window.Add(13));

            Assert.IsTrue(window.Acknowledge(12));
            Assert.IsFalse(window.Acknowledge(12), "a duplicate PUBACK acknowledges nothing");
            Assert.IsFalse(window.Acknowledge(99));
            Assert.AreEqual(MqttInflightWindow.Acknowledged, window.StateOf(12));
            Assert.AreEqual(MqttInflightWindow.Pending, window.StateOf(10));
            Assert.AreEqual(MqttInflightWindow.Absent, window.StateOf(13));
            Assert.AreEqual(3, window.Count, "acknowledged is still held until collected");

            Assert.IsTrue(window.Remove(11));
            Assert.IsTrue(window.Add(13));
            window.Clear();
            Assert.AreEqual(0, window.Count);
            Assert.AreEqual(MqttInflightWindow.Absent, window.StateOf(10));
        }
    }
}
