using AwsIotDevice.Core.Credentials;
using AwsIotDevice.Core.Text;
using AwsIotDevice.Tests.Fakes;
using AwsIotDevice.Tests.Mqtt;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Crypto
{
    /// <summary>
    /// The tests' own HMAC-SHA256 against RFC 4231 (test cases 1, 2 and 6) and FIPS 180-2 ("abc"), and the renewal MAC
    /// vector shared with the host (tools/CustomAuth.Tests/RenewalMessageBuilderTests computes it with .NET's
    /// HMACSHA256; Python's hmac agrees): one canonical text, one key, one MAC on both sides.
    /// </summary>
    [TestClass]
    public class TestHmacSha256Tests
    {
        [TestMethod]
        public void Sha256OfAbcIsTheFipsVector()
        {
            MqttBytes.AssertEqual(
                MqttBytes.FromHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                TestHmacSha256.Sha256(Utf8.GetBytes("abc")),
                "SHA-256(abc)");
        }

        [TestMethod]
        public void Rfc4231TestCase1()
        {
            byte[] key = Filled(0x0b, 20);
            MqttBytes.AssertEqual(
                MqttBytes.FromHex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
                TestHmacSha256.Hmac(key, Utf8.GetBytes("Hi There")),
                "RFC 4231 case 1");
        }

        [TestMethod]
        public void Rfc4231TestCase2()
        {
            MqttBytes.AssertEqual(
                MqttBytes.FromHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
                TestHmacSha256.Hmac(Utf8.GetBytes("Jefe"), Utf8.GetBytes("what do ya want for nothing?")),
                "RFC 4231 case 2");
        }

        [TestMethod]
        public void Rfc4231TestCase6KeyLongerThanABlock()
        {
            MqttBytes.AssertEqual(
                MqttBytes.FromHex("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
                TestHmacSha256.Hmac(Filled(0xaa, 131), Utf8.GetBytes("Test Using Larger Than Block-Size Key - Hash Key First")),
                "RFC 4231 case 6");
        }

        [TestMethod]
        public void TheSharedRenewalVector()
        {
            byte[] key = new byte[32];
            for (int i = 0; i < key.Length; i++)
            {
                key[i] = (byte)i;
            }

            string canonical = RenewalMessage.CanonicalText("device-01", "v1.ZGV2aWNlLTAx.1798761600", "c2lnbmF0dXJlL3Rlc3Q=", 0);
            Assert.AreEqual("aws-iot-renewal-v1\ndevice-01\nv1.ZGV2aWNlLTAx.1798761600\nc2lnbmF0dXJlL3Rlc3Q=\n0", canonical);
            Assert.AreEqual(
                "c789c47c6eefcaacefc4510f51d9ce02c04a95677f74d007b76afb6cef27bc25",
                Hex.Encode(TestHmacSha256.Hmac(key, Utf8.GetBytes(canonical))));
        }

        private static byte[] Filled(byte value, int count)
        {
            byte[] bytes = new byte[count];
            for (int i = 0; i < count; i++)
            {
                bytes[i] = value;
            }

            return bytes;
        }
    }
}
