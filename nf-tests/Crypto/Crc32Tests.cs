using AwsIotDevice.Core.Crypto;
using AwsIotDevice.Core.Text;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Crypto
{
    /// <summary>CRC-32 (ISO-HDLC, as zlib): the catalogue check value and known strings (Python's zlib.crc32 agrees).</summary>
    [TestClass]
    public class Crc32Tests
    {
        [TestMethod]
        public void CheckValueOf123456789IsCbf43926()
        {
            byte[] bytes = Utf8.GetBytes("123456789");
            Assert.AreEqual(0xCBF43926u, Crc32.Compute(bytes, 0, bytes.Length));
            Assert.AreEqual("cbf43926", Crc32.ToHex(Crc32.Compute(bytes, 0, bytes.Length)));
        }

        [DataRow("", "00000000")]
        [DataRow("a", "e8b7be43")]
        [DataRow("The quick brown fox jumps over the lazy dog", "414fa339")]
        public void KnownStrings(string text, string hex)
        {
            byte[] bytes = Utf8.GetBytes(text);
            Assert.AreEqual(hex, Crc32.ToHex(Crc32.Compute(bytes, 0, bytes.Length)));
        }

        [TestMethod]
        public void AppendingInPiecesGivesTheOneShotValueAndOffsetsAreHonoured()
        {
            byte[] bytes = Utf8.GetBytes("xx123456789yy");
            uint crc = Crc32.Start;
            crc = Crc32.Append(crc, bytes, 2, 4);
            crc = Crc32.Append(crc, bytes, 6, 5);
            Assert.AreEqual(0xCBF43926u, Crc32.Finish(crc));
            Assert.AreEqual(0xCBF43926u, Crc32.Compute(bytes, 2, 9));
        }

        [TestMethod]
        public void OneFlippedBitChangesTheValue()
        {
            byte[] bytes = Utf8.GetBytes("123456789");
            uint before = Crc32.Compute(bytes, 0, bytes.Length);
            bytes[4] ^= 0x01;
            Assert.AreNotEqual(before, Crc32.Compute(bytes, 0, bytes.Length));
        }

        [TestMethod]
        public void RangesOutsideTheArrayThrow()
        {
            byte[] bytes = new byte[4];
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => Crc32.Compute(bytes, 2, 3));
            Assert.ThrowsException(typeof(System.ArgumentNullException), () => Crc32.Compute(null, 0, 0));
        }

        [TestMethod]
        public void ConstantTimeEqualityComparesEveryByteAndTheLength()
        {
            Assert.IsTrue(ConstantTime.AreEqual(new byte[] { 1, 2, 3 }, new byte[] { 1, 2, 3 }));
            Assert.IsFalse(ConstantTime.AreEqual(new byte[] { 1, 2, 3 }, new byte[] { 1, 2, 4 }));
            Assert.IsFalse(ConstantTime.AreEqual(new byte[] { 9, 2, 3 }, new byte[] { 1, 2, 3 }));
            Assert.IsFalse(ConstantTime.AreEqual(new byte[] { 1, 2 }, new byte[] { 1, 2, 3 }));
            Assert.IsFalse(ConstantTime.AreEqual(null, new byte[0]));
            Assert.IsTrue(ConstantTime.AreEqual(new byte[0], new byte[0]));
        }
    }
}
