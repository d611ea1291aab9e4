using AwsIotDevice.Core.Crypto;
using AwsIotDevice.Core.Text;
using AwsIotDevice.Tests.Mqtt;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Crypto
{
    /// <summary>
    /// FIPS 180 SHA-1 vectors ("abc", "", the 448-bit message) plus lengths at the padding edges (55, 56, 63, 64 bytes)
    /// and a 1000-byte message, whose digests were computed with a reference implementation (Python hashlib). The
    /// million-'a' vector is left out: on the device it would take minutes.
    /// </summary>
    [TestClass]
    public class Sha1Tests
    {
        [DataRow("abc", "a9 99 3e 36 47 06 81 6a ba 3e 25 71 78 50 c2 6c 9c d0 d8 9d")]
        [DataRow("", "da 39 a3 ee 5e 6b 4b 0d 32 55 bf ef 95 60 18 90 af d8 07 09")]
        [DataRow("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84 98 3e 44 1c 3b d2 6e ba ae 4a a1 f9 51 29 e5 e5 46 70 f1")]
        public void FipsVectors(string message, string digestHex)
        {
            byte[] bytes = Utf8.GetBytes(message);
            MqttBytes.AssertEqual(MqttBytes.FromHex(digestHex), Sha1.Hash(bytes, 0, bytes.Length), "SHA-1(\"" + message + "\")");
        }

        [DataRow(55, "c1c8bbdc22796e28c0e15163d20899b65621d65a")]
        [DataRow(56, "c2db330f6083854c99d4b5bfb6e8f29f201be699")]
        [DataRow(63, "03f09f5b158a7a8cdad920bddc29b81c18a551f5")]
        [DataRow(64, "0098ba824b5c16427bd7a1122a5a442a25ec644d")]
        [DataRow(1000, "291e9a6c66994949b57ba5e650361e98fc36b1ba")]
        public void RunsOfTheLetterAAcrossThePaddingEdges(int length, string digestHex)
        {
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++)
            {
                bytes[i] = (byte)'a';
            }

            MqttBytes.AssertEqual(MqttBytes.FromHex(digestHex), Sha1.Hash(bytes, 0, bytes.Length), length.ToString() + " x 'a'");
        }

        [TestMethod]
        public void StreamingInUnevenPiecesGivesTheOneShotDigestAndFinishResets()
        {
            byte[] bytes = new byte[1000];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)'a';
            }

            Sha1 sha = new Sha1();
            int at = 0;
            int piece = 1;
            while (at < bytes.Length)
            {
                int take = piece < bytes.Length - at ? piece : bytes.Length - at;
                sha.Append(bytes, at, take);
                at += take;
                piece = piece * 3 % 97 + 1;
            }

            byte[] digest = new byte[22];
            sha.Finish(digest, 1);
            MqttBytes.AssertEqual(MqttBytes.FromHex("291e9a6c66994949b57ba5e650361e98fc36b1ba"), MqttBytes.Slice(digest, 1, 20), "streamed");

            byte[] abc = Utf8.GetBytes("abc");
            sha.Append(abc, 0, abc.Length);
            sha.Finish(digest, 0);
            MqttBytes.AssertEqual(MqttBytes.FromHex("a9993e364706816aba3e25717850c26c9cd0d89d"), MqttBytes.Slice(digest, 0, 20), "after Finish");
        }
    }
}
