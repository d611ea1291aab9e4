using AwsIotDevice.Core.Text;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Text
{
    /// <summary>
    /// Utf8.DecodeReplacing against the Unicode "maximal subpart" practice that .NET's Encoding.UTF8 follows (the host
    /// test SerialLines.Tests/Utf8ReplacingParityTests compares the two on random bytes).
    /// </summary>
    [TestClass]
    public class Utf8DecodeReplacingTests
    {
        private const string R = "\uFFFD";

        private static string Decode(params byte[] bytes)
        {
            return Utf8.DecodeReplacing(bytes, 0, bytes.Length);
        }

        [TestMethod]
        public void WellFormedTextDecodesAsDecodeDoes()
        {
            byte[] text = Utf8.GetBytes("aé€\uD834\uDD1E");

            Assert.AreEqual(Utf8.Decode(text, 0, text.Length), Utf8.DecodeReplacing(text, 0, text.Length));
        }

        [TestMethod]
        public void EachBadLeadByteIsOneReplacement()
        {
            Assert.AreEqual("a" + R + R + "b", Decode(0x61, 0x80, 0xFF, 0x62));
            Assert.AreEqual(R + R, Decode(0xC0, 0xAF), "an overlong lead is bad, its continuation stray");
        }

        [TestMethod]
        public void ATruncatedSequenceIsOneReplacementAndTheNextByteStartsAfresh()
        {
            Assert.AreEqual(R + "a", Decode(0xE2, 0x82, 0x61));
            Assert.AreEqual(R, Decode(0xF0, 0x9D, 0x84), "cut short at the end");
        }

        [TestMethod]
        public void ForbiddenSecondBytesEndTheSequenceAtTheLead()
        {
            Assert.AreEqual(R + R + R, Decode(0xED, 0xA0, 0x80), "an encoded surrogate");
            Assert.AreEqual(R + R + R, Decode(0xE0, 0x80, 0x80), "an overlong 3-byte form");
            Assert.AreEqual(R + R + R + R, Decode(0xF4, 0x90, 0x80, 0x80), "above U+10FFFF");
        }

        [TestMethod]
        public void OffsetAndCountAreHonoured()
        {
            byte[] bytes = Utf8.GetBytes("xxhey");

            Assert.AreEqual("he", Utf8.DecodeReplacing(bytes, 2, 2));
        }
    }
}
