using AwsIotDevice.Core.Credentials;
using AwsIotDevice.Core.Text;
using AwsIotDevice.Tests.Fakes;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Credentials
{
    [TestClass]
    public class RenewalVerifierTests
    {
        private static RenewalVerdict Verify(byte[] message, long now)
        {
            return RenewalVerifier.Verify(message, 0, message.Length, "device-01", RenewalTestData.CurrentToken, RenewalTestData.Key(), new TestHmacSha256(), now);
        }

        private static RenewalVerdict Verify(string json)
        {
            return Verify(Utf8.GetBytes(json), RenewalTestData.Now);
        }

        [TestMethod]
        public void AnAuthenticNewerRenewalIsBelieved()
        {
            RenewalVerdict verdict = Verify(RenewalTestData.Message(), RenewalTestData.Now);

            Assert.IsTrue(verdict.Ok, verdict.Detail);
            Assert.AreEqual(string.Empty, verdict.Reason);
            Assert.AreEqual(RenewalTestData.NewToken, verdict.Token);
            Assert.AreEqual(RenewalTestData.NewSignature, verdict.Signature);
            Assert.AreEqual(RenewalTestData.NewExpiry, verdict.ExpiresAt);
            Assert.AreEqual(0L, verdict.NotBefore);
        }

        [TestMethod]
        public void TheSharedVectorMessageVerifies()
        {
            // The host-computed MAC (see Crypto/TestHmacSha256Tests): device-01, its token until 2027-01-01.
            string json = "{\"v\":1,\"clientId\":\"device-01\",\"token\":\"v1.ZGV2aWNlLTAx.1798761600\",\"signature\":\"c2lnbmF0dXJlL3Rlc3Q=\",\"notBefore\":0,\"mac\":\"c789c47c6eefcaacefc4510f51d9ce02c04a95677f74d007b76afb6cef27bc25\"}";
            byte[] bytes = Utf8.GetBytes(json);

            RenewalVerdict verdict = RenewalVerifier.Verify(bytes, 0, bytes.Length, "device-01", "v1.ZGV2aWNlLTAx.1767225600", RenewalTestData.Key(), new TestHmacSha256(), 1767000000);

            Assert.IsTrue(verdict.Ok, verdict.Detail);
        }

        [TestMethod]
        public void AForgedMacIsRefusedBeforeTheContentIsJudged()
        {
            byte[] wrongKey = RenewalTestData.Key();
            wrongKey[0] ^= 1;

            // Wrong key, and a token for another device that is also expired: the only answer is bad-mac.
            RenewalVerdict verdict = Verify(RenewalTestData.Message("device-01", "v1.b3RoZXI.5", RenewalTestData.NewSignature, 0, wrongKey), RenewalTestData.Now);

            Assert.IsFalse(verdict.Ok);
            Assert.AreEqual(RenewalReasons.BadMac, verdict.Reason);
            Assert.IsNull(verdict.Token);
        }

        [TestMethod]
        public void ChangingAnyMacedFieldBreaksTheMac()
        {
            string good = Utf8.Decode(RenewalTestData.Message(), 0, RenewalTestData.Message().Length);
            string[] tampered =
            {
                Swap(good, "\"notBefore\":0", "\"notBefore\":1"),
                Swap(good, "bmV3LXNpZ25hdHVyZQ==", "bmV3LXNpZ25hdHVyZR=="),
                Swap(good, "1801353600", "1901353600"),
            };

            for (int i = 0; i < tampered.Length; i++)
            {
                Assert.AreEqual(RenewalReasons.BadMac, Verify(tampered[i]).Reason, tampered[i]);
            }
        }

        [TestMethod]
        public void TheMacIsComparedWhateverItsCase()
        {
            string good = Utf8.Decode(RenewalTestData.Message(), 0, RenewalTestData.Message().Length);
            int at = good.IndexOf("\"mac\":\"") + 7;
            string upper = good.Substring(0, at) + Upper(good.Substring(at, 64)) + good.Substring(at + 64);

            Assert.IsTrue(Verify(upper).Ok);
        }

        [TestMethod]
        public void AnotherDevicesRenewalIsRefused()
        {
            Assert.AreEqual(RenewalReasons.WrongClientId, Verify(RenewalTestData.Message("device-02", "v1.ZGV2aWNlLTAy.1801353600", RenewalTestData.NewSignature, 0, RenewalTestData.Key()), RenewalTestData.Now).Reason);
        }

        [TestMethod]
        public void ATokenForAnotherDeviceInsideARenewalForThisOneIsRefused()
        {
            RenewalVerdict verdict = Verify(RenewalTestData.Message("device-01", "v1.ZGV2aWNlLTAy.1801353600", RenewalTestData.NewSignature, 0, RenewalTestData.Key()), RenewalTestData.Now);

            Assert.AreEqual(RenewalReasons.WrongClientId, verdict.Reason);
            Assert.Contains("new token", verdict.Detail);
        }

        [TestMethod]
        public void ANonV1TokenIsRefused()
        {
            Assert.AreEqual(RenewalReasons.BadToken, Verify(RenewalTestData.Message("device-01", "opaque-token", RenewalTestData.NewSignature, 0, RenewalTestData.Key()), RenewalTestData.Now).Reason);
        }

        [TestMethod]
        public void AnExpiredRenewalIsRefused()
        {
            RenewalVerdict verdict = Verify(RenewalTestData.Message(), RenewalTestData.NewExpiry);

            Assert.AreEqual(RenewalReasons.Expired, verdict.Reason);
            Assert.Contains("2027-01-31T00:00:00Z", verdict.Detail);
        }

        [TestMethod]
        public void AnOlderOrEqualTokenIsNotTakenAgain()
        {
            RenewalVerdict older = Verify(RenewalTestData.Message("device-01", RenewalTestData.TokenExpiring(RenewalTestData.CurrentExpiry - 1), RenewalTestData.NewSignature, 0, RenewalTestData.Key()), RenewalTestData.Now);
            Assert.AreEqual(RenewalReasons.NotNewer, older.Reason);
            Assert.IsFalse(older.IsCurrent);

            RenewalVerdict same = Verify(RenewalTestData.Message("device-01", RenewalTestData.CurrentToken, RenewalTestData.NewSignature, 0, RenewalTestData.Key()), RenewalTestData.Now);
            Assert.AreEqual(RenewalReasons.NotNewer, same.Reason);
            Assert.IsTrue(same.IsCurrent, "the token in force, delivered again");
        }

        [TestMethod]
        public void ACurrentTokenWithoutExpiryLetsAnyLaterV1TokenIn()
        {
            byte[] message = RenewalTestData.Message();
            RenewalVerdict verdict = RenewalVerifier.Verify(message, 0, message.Length, "device-01", "device-01:opaque", RenewalTestData.Key(), new TestHmacSha256(), RenewalTestData.Now);
            Assert.IsTrue(verdict.Ok, verdict.Detail);
        }

        [TestMethod]
        public void NotBeforeIsCarriedAndMustBeBeforeTheExpiry()
        {
            RenewalVerdict later = Verify(RenewalTestData.Message("device-01", RenewalTestData.NewToken, RenewalTestData.NewSignature, RenewalTestData.Now + 3600, RenewalTestData.Key()), RenewalTestData.Now);
            Assert.IsTrue(later.Ok);
            Assert.AreEqual(RenewalTestData.Now + 3600, later.NotBefore);

            RenewalVerdict never = Verify(RenewalTestData.Message("device-01", RenewalTestData.NewToken, RenewalTestData.NewSignature, RenewalTestData.NewExpiry, RenewalTestData.Key()), RenewalTestData.Now);
            Assert.AreEqual(RenewalReasons.BadNotBefore, never.Reason);
        }

        [TestMethod]
        public void TheSignatureMustBeBase64()
        {
            Assert.AreEqual(RenewalReasons.BadSignature, Verify(RenewalTestData.Message("device-01", RenewalTestData.NewToken, "not base64!", 0, RenewalTestData.Key()), RenewalTestData.Now).Reason);
            Assert.AreEqual(RenewalReasons.BadSignature, Verify(RenewalTestData.Message("device-01", RenewalTestData.NewToken, new string('A', 2561), 0, RenewalTestData.Key()), RenewalTestData.Now).Reason);
        }

        [DataRow("not json")]
        [DataRow("{}")]
        [DataRow("{\"v\":2,\"clientId\":\"device-01\",\"token\":\"t\",\"signature\":\"s\",\"mac\":\"00\"}")]
        [DataRow("{\"v\":\"1\",\"clientId\":\"device-01\",\"token\":\"t\",\"signature\":\"s\",\"mac\":\"00\"}")]
        [DataRow("{\"v\":1,\"clientId\":\"device-01\",\"token\":\"t\",\"signature\":\"s\",\"mac\":\"00\"}")]
        [DataRow("{\"v\":1,\"clientId\":\"device-01\",\"token\":\"t\",\"signature\":\"s\",\"mac\":\"" + "0000000000000000000000000000000000000000000000000000000000000000" + "\",\"extra\":1}")]
        [DataRow("{\"v\":1,\"clientId\":\"device-01\",\"token\":\"t\",\"signature\":\"s\",\"notBefore\":-1,\"mac\":\"0000000000000000000000000000000000000000000000000000000000000000\"}")]
        [DataRow("{\"v\":1,\"clientId\":\"device-01\",\"token\":\"t\\nx\",\"signature\":\"s\",\"mac\":\"0000000000000000000000000000000000000000000000000000000000000000\"}")]
        [DataRow("{\"v\":1,\"clientId\":\"\",\"token\":\"t\",\"signature\":\"s\",\"mac\":\"0000000000000000000000000000000000000000000000000000000000000000\"}")]
        [DataRow("{\"v\":1,\"clientId\":\"device-01\",\"token\":1,\"signature\":\"s\",\"mac\":\"0000000000000000000000000000000000000000000000000000000000000000\"}")]
        public void MalformedMessagesAreRefusedWithoutComputingAMac(string json)
        {
            TestHmacSha256 hmac = new TestHmacSha256();
            byte[] bytes = Utf8.GetBytes(json);

            RenewalVerdict verdict = RenewalVerifier.Verify(bytes, 0, bytes.Length, "device-01", RenewalTestData.CurrentToken, RenewalTestData.Key(), hmac, RenewalTestData.Now);

            Assert.AreEqual(RenewalReasons.Malformed, verdict.Reason, json);
            Assert.AreEqual(0, hmac.Calls);
        }

        [TestMethod]
        public void WithoutAKeyRenewalsAreOff()
        {
            byte[] message = RenewalTestData.Message();
            Assert.AreEqual(RenewalReasons.Disabled, RenewalVerifier.Verify(message, 0, message.Length, "device-01", RenewalTestData.CurrentToken, null, new TestHmacSha256(), RenewalTestData.Now).Reason);
        }

        [TestMethod]
        public void AnOversizedMessageIsRefused()
        {
            byte[] big = Utf8.GetBytes("{\"v\":1,\"clientId\":\"" + new string('x', RenewalMessage.MaxBytes) + "\"}");
            Assert.AreEqual(RenewalReasons.Malformed, Verify(big, RenewalTestData.Now).Reason);
        }

        [TestMethod]
        public void NoDetailEverHoldsTheTokenOrSignature()
        {
            byte[][] messages =
            {
                RenewalTestData.Message(),
                RenewalTestData.Message("device-01", "v1.ZGV2aWNlLTAy.1801353600", RenewalTestData.NewSignature, 0, RenewalTestData.Key()),
                RenewalTestData.Message("device-01", RenewalTestData.NewToken, RenewalTestData.NewSignature, 0, new byte[32]),
            };
            long[] times = { RenewalTestData.NewExpiry, RenewalTestData.Now, RenewalTestData.Now };
            for (int i = 0; i < messages.Length; i++)
            {
                RenewalVerdict verdict = Verify(messages[i], times[i]);
                Assert.IsFalse(verdict.Ok);
                Assert.DoesNotContains("ZGV2aWNl", verdict.Detail);
                Assert.DoesNotContains(RenewalTestData.NewSignature, verdict.Detail);
            }
        }

        private static string Swap(string text, string from, string to)
        {
            int at = text.IndexOf(from);
            return text.Substring(0, at) + to + text.Substring(at + from.Length);
        }

        private static string Upper(string hex)
        {
            char[] chars = hex.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] >= 'a' && chars[i] <= 'f')
                {
                    chars[i] = (char)(chars[i] - 32);
                }
            }

            return new string(chars);
        }
    }
}
