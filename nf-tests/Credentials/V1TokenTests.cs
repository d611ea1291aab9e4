using AwsIotDevice.Core.Credentials;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Credentials
{
    /// <summary>
    /// The device's reading of iotctl's v1 token; the host checks the same texts against tools/CustomAuth's AuthToken
    /// (CustomAuth.Tests/CoreTokenAgreementTests), so issuer and device agree on every spelling.
    /// </summary>
    [TestClass]
    public class V1TokenTests
    {
        [TestMethod]
        public void ReadsClientIdAndExpiry()
        {
            string reason;
            V1Token token = V1Token.Parse("v1.ZGV2aWNlLTAx.1767225600", out reason);
            Assert.IsNotNull(token, reason);
            Assert.AreEqual("device-01", token.ClientId);
            Assert.AreEqual(1767225600L, token.ExpiresAtUnixSeconds);
            Assert.AreEqual(string.Empty, reason);
            Assert.IsFalse(token.IsExpiredAt(1767225599));
            Assert.IsTrue(token.IsExpiredAt(1767225600), "expired from its expiry second on");
        }

        [TestMethod]
        public void AcceptsTheLimits()
        {
            Assert.IsNotNull(V1Token.Parse("v1.YQ.1"));
            Assert.AreEqual(253402300799L, V1Token.Parse("v1.YQ.253402300799").ExpiresAtUnixSeconds);
            Assert.AreEqual("a:b_c.d-E9", V1Token.Parse("v1.YTpiX2MuZC1FOQ.5").ClientId);
        }

        [DataRow("", "empty")]
        [DataRow("v1.ZGV2aWNlLTAx", "three")]
        [DataRow("v1.ZGV2aWNlLTAx.1.2", "three")]
        [DataRow("v2.ZGV2aWNlLTAx.1767225600", "version")]
        [DataRow("V1.ZGV2aWNlLTAx.1767225600", "version")]
        [DataRow("v11.ZGV2aWNlLTAx.1767225600", "version")]
        [DataRow("v1..1767225600", "client id")]
        [DataRow("v1.ZGV2aWNlLTAx==.1767225600", "client id")]
        [DataRow("v1.ZGV2aWNlLTAy\n.1767225600", "client id")]
        [DataRow("v1.YR.1767225600", "client id")]
        [DataRow("v1.ZGV2L2lk.1767225600", "client id")]
        [DataRow("v1.w6k.1767225600", "client id")]
        [DataRow("v1.ZGV2aWNlLTAx.", "expiry")]
        [DataRow("v1.ZGV2aWNlLTAx.0", "expiry")]
        [DataRow("v1.ZGV2aWNlLTAx.01767225600", "expiry")]
        [DataRow("v1.ZGV2aWNlLTAx.+1767225600", "expiry")]
        [DataRow("v1.ZGV2aWNlLTAx.253402300800", "expiry")]
        [DataRow("v1.ZGV2aWNlLTAx.1767225600 ", "expiry")]
        public void RefusesEverySpellingButTheCanonicalOne(string text, string reasonPart)
        {
            string reason;
            Assert.IsNull(V1Token.Parse(text, out reason), text);
            Assert.Contains(reasonPart, reason, text);
            Assert.DoesNotContains("ZGV2", reason, "the reason never repeats the token");
        }

        [TestMethod]
        public void NullIsNotAToken()
        {
            string reason;
            Assert.IsNull(V1Token.Parse(null, out reason));
            Assert.Contains("empty", reason);
        }

        [TestMethod]
        public void ClientIdOfMoreThan128CharactersIsRefused()
        {
            // 129 'a' in base64url: 'YWFh' per 3 characters (43 groups = 129 characters).
            string part = string.Empty;
            for (int i = 0; i < 43; i++)
            {
                part += "YWFh";
            }

            Assert.IsNull(V1Token.Parse("v1." + part + ".5"));
            Assert.IsNotNull(V1Token.Parse("v1." + part.Substring(0, part.Length - 4) + "YWE.5"), "128 characters");
        }
    }
}
