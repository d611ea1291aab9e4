using AwsIotDevice.Core.Auth;
using AwsIotDevice.Core.Text;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Auth
{
    [TestClass]
    public class PercentEncoderTests
    {
        [TestMethod]
        public void RealSignatureEncodesPlusSlashAndEquals()
        {
            // Guards the vector itself: without these characters the test below would prove nothing.
            Assert.Contains("+", SignatureVector.Signature);
            Assert.Contains("/", SignatureVector.Signature);
            Assert.EndsWith("=", SignatureVector.Signature);
            Assert.AreEqual(344, SignatureVector.Signature.Length, "base64 of a 256-byte RSA-2048 signature");

            string encoded = PercentEncoder.Encode(SignatureVector.Signature);

            Assert.AreEqual(SignatureVector.EncodedSignature, encoded);
            Assert.DoesNotContains("+", encoded);
            Assert.DoesNotContains("/", encoded);
            Assert.DoesNotContains("=", encoded);
            Assert.EndsWith("%3D%3D", encoded);
        }

        [DataRow(" ", "%20")]
        [DataRow("a b", "a%20b")]
        [DataRow("a+b/c=d e?&", "a%2Bb%2Fc%3Dd%20e%3F%26")]
        [DataRow("-._~", "-._~")]
        [DataRow("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")]
        [DataRow("%", "%25")]
        [DataRow("\u00E9", "%C3%A9")]
        [DataRow("\u00FF", "%C3%BF")]
        [DataRow("h\u00E9llo \u20AC\uD834\uDD1E", "h%C3%A9llo%20%E2%82%AC%F0%9D%84%9E")]
        [DataRow("device-42;exp=1893456000;n=1", "device-42%3Bexp%3D1893456000%3Bn%3D1")]
        public void EncodesKnownVectors(string raw, string expected)
        {
            Assert.AreEqual(expected, PercentEncoder.Encode(raw));
        }

        [TestMethod]
        public void NullAndEmptyEncodeToEmpty()
        {
            Assert.AreEqual(string.Empty, PercentEncoder.Encode(null));
            Assert.AreEqual(string.Empty, PercentEncoder.Encode(string.Empty));
        }

        [TestMethod]
        public void EveryAsciiCharacterIsEitherUnreservedOrUpperCaseHex()
        {
            const string Hex = "0123456789ABCDEF";
            const string Unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
            int kept = 0;
            for (int code = 1; code < 128; code++)
            {
                string raw = new string((char)code, 1);
                string encoded = PercentEncoder.Encode(raw);
                if (Unreserved.IndexOf((char)code) >= 0)
                {
                    Assert.AreEqual(raw, encoded, "code " + code.ToString());
                    kept++;
                }
                else
                {
                    string expected = "%" + Hex[code >> 4].ToString() + Hex[code & 0x0F].ToString();
                    Assert.AreEqual(expected, encoded, "code " + code.ToString());
                }
            }

            Assert.AreEqual(66, kept);
        }

        [TestMethod]
        public void AppendAddsToWhatIsAlreadyThere()
        {
            TextBuilder builder = new TextBuilder().Append("k=");
            PercentEncoder.Append(builder, "a b");
            PercentEncoder.Append(builder, null);
            Assert.AreEqual("k=a%20b", builder.ToString());
        }

        [TestMethod]
        public void IsUnreservedMatchesRfc3986()
        {
            Assert.IsTrue(PercentEncoder.IsUnreserved((byte)'A'));
            Assert.IsTrue(PercentEncoder.IsUnreserved((byte)'z'));
            Assert.IsTrue(PercentEncoder.IsUnreserved((byte)'0'));
            Assert.IsTrue(PercentEncoder.IsUnreserved((byte)'~'));
            Assert.IsFalse(PercentEncoder.IsUnreserved((byte)'+'));
            Assert.IsFalse(PercentEncoder.IsUnreserved((byte)'/'));
            Assert.IsFalse(PercentEncoder.IsUnreserved((byte)'='));
            Assert.IsFalse(PercentEncoder.IsUnreserved((byte)' '));
            Assert.IsFalse(PercentEncoder.IsUnreserved(0xC3));
        }
    }
}
