using AwsIotDevice.Core.Text;
using AwsIotDevice.Tests.Mqtt;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Text
{
    [TestClass]
    public class Base64TextTests
    {
        [DataRow("ZGV2aWNlLTAx", "device-01")]
        [DataRow("YQ", "a")]
        [DataRow("YWI", "ab")]
        [DataRow("YWJj", "abc")]
        [DataRow("-_8", "\u00fb\u00ff")]
        public void UrlUnpaddedDecodesCanonicalText(string text, string expected)
        {
            byte[] bytes = Base64Text.DecodeUrlUnpadded(text);
            Assert.IsNotNull(bytes, text);
            char[] chars = new char[bytes.Length];
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[i] = (char)bytes[i];
            }

            Assert.AreEqual(expected, new string(chars));
        }

        [DataRow("")]
        [DataRow("Y")]
        [DataRow("YQ==")]
        [DataRow("YR")]
        [DataRow("YW+j")]
        [DataRow("YW/j")]
        [DataRow("YW j")]
        [DataRow("YWJj\n")]
        [DataRow("é")]
        public void UrlUnpaddedRefusesEverythingElse(string text)
        {
            Assert.IsNull(Base64Text.DecodeUrlUnpadded(text), text);
        }

        [TestMethod]
        public void StandardDecodesCanonicalPaddedText()
        {
            MqttBytes.AssertEqual(new byte[] { 0xfb, 0xff }, Base64Text.DecodeStandard("+/8="), "+/8=");
            Assert.AreEqual(32, Base64Text.DecodeStandard("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=").Length);
        }

        [DataRow("")]
        [DataRow("YQ")]
        [DataRow("YR==")]
        [DataRow("Y===")]
        [DataRow("YQ=a")]
        [DataRow("-_8=")]
        [DataRow("YWJj YWJj")]
        public void StandardRefusesNonCanonicalText(string text)
        {
            Assert.IsNull(Base64Text.DecodeStandard(text), text);
        }

        [TestMethod]
        public void StandardToleratesNull()
        {
            Assert.IsNull(Base64Text.DecodeStandard(null));
            Assert.IsNull(Base64Text.DecodeUrlUnpadded(null));
        }

        [DataRow("abc", true)]
        [DataRow("a+/=", true)]
        [DataRow("a==", true)]
        [DataRow("abc===", false)]
        [DataRow("=", false)]
        [DataRow("a=b", false)]
        [DataRow("a-b", false)]
        [DataRow("a b", false)]
        [DataRow("", false)]
        public void AwsSignaturePattern(string text, bool matches)
        {
            Assert.AreEqual(matches, Base64Text.MatchesAwsSignaturePattern(text, 1, 2560), text);
        }

        [TestMethod]
        public void AwsSignaturePatternBoundsTheLength()
        {
            Assert.IsTrue(Base64Text.MatchesAwsSignaturePattern(new string('A', 2560), 1, 2560));
            Assert.IsFalse(Base64Text.MatchesAwsSignaturePattern(new string('A', 2561), 1, 2560));
        }

        [TestMethod]
        public void HexRoundTripsAndRefusesJunk()
        {
            Assert.AreEqual("00ff10ab", Hex.Encode(new byte[] { 0x00, 0xff, 0x10, 0xab }));
            MqttBytes.AssertEqual(new byte[] { 0x00, 0xff, 0x10, 0xab }, Hex.Decode("00FF10aB"), "mixed case");
            Assert.IsNull(Hex.Decode("abc"));
            Assert.IsNull(Hex.Decode("zz"));
            Assert.IsNull(Hex.Decode(null));
            Assert.AreEqual(0, Hex.Decode(string.Empty).Length);
            Assert.AreEqual(string.Empty, Hex.Encode(null));
        }
    }
}
