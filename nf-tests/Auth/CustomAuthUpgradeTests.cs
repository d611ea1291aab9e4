using AwsIotDevice.Core.Auth;
using AwsIotDevice.Core.WebSockets;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Auth
{
    [TestClass]
    public class CustomAuthUpgradeTests
    {
        [TestMethod]
        public void HeadersUseAwsNamesAndTheSignatureAsIs()
        {
            WebSocketUpgrade upgrade = new WebSocketUpgrade("h");

            Assert.IsTrue(CustomAuthUpgrade.AddHeaders(upgrade, "Auth-1", "q+/w==", "X-Token-Key", "t"));

            Assert.AreEqual(3, upgrade.HeaderCount);
            Assert.AreEqual(AuthUsername.AuthorizerNameKey, upgrade.HeaderName(0));
            Assert.AreEqual("Auth-1", upgrade.HeaderValue(0));
            Assert.AreEqual("x-amz-customauthorizer-signature", upgrade.HeaderName(1));
            Assert.AreEqual("q+/w==", upgrade.HeaderValue(1), "base64 raw, not percent-encoded, in a header");
            Assert.AreEqual("X-Token-Key", upgrade.HeaderName(2));
            Assert.AreEqual("t", upgrade.HeaderValue(2));
            Assert.IsNull(upgrade.Query);
        }

        [TestMethod]
        public void EmptyValuesAreLeftOut()
        {
            WebSocketUpgrade upgrade = new WebSocketUpgrade("h");

            Assert.IsTrue(CustomAuthUpgrade.AddHeaders(upgrade, "Auth", null, "key", string.Empty));

            Assert.AreEqual(1, upgrade.HeaderCount);

            WebSocketUpgrade none = new WebSocketUpgrade("h");
            CustomAuthUpgrade.SetQuery(none, null, null, null, null);
            Assert.IsNull(none.Query);
        }

        [TestMethod]
        public void TheQueryIsTheUsernamesQueryWithEveryValueEncoded()
        {
            WebSocketUpgrade upgrade = new WebSocketUpgrade("h");

            CustomAuthUpgrade.SetQuery(upgrade, "my auth", "a+b/c=", "tok", "x&y=z");

            Assert.AreEqual("x-amz-customauthorizer-name=my%20auth&x-amz-customauthorizer-signature=a%2Bb%2Fc%3D&tok=x%26y%3Dz", upgrade.Query);
            Assert.AreEqual("?" + upgrade.Query, AuthUsername.Build(string.Empty, "my auth", "a+b/c=", "tok", "x&y=z"));
            Assert.AreEqual(0, upgrade.HeaderCount);
        }

        [TestMethod]
        public void TokenAndSignatureRawOrEncodedAreRedacted()
        {
            WebSocketUpgrade upgrade = new WebSocketUpgrade("h");
            CustomAuthUpgrade.SetQuery(upgrade, "auth", "sig+nature", "tok", "the token");

            Assert.AreEqual("fine", upgrade.Redact("fine"));
            Assert.AreNotEqual("x the token y", upgrade.Redact("x the token y"));
            Assert.AreNotEqual("x sig%2Bnature", upgrade.Redact("x sig%2Bnature"));
            Assert.AreNotEqual("the%20token", upgrade.Redact("the%20token"));
            Assert.AreEqual("auth", upgrade.Redact("auth"), "the authorizer name is not a secret");
        }

        [TestMethod]
        public void AMissingTokenKeyNameIsRefusedRatherThanSentUnderNoName()
        {
            WebSocketUpgrade upgrade = new WebSocketUpgrade("h");

            Assert.IsFalse(CustomAuthUpgrade.AddHeaders(upgrade, "auth", "sig", null, "token"));

            Assert.IsNotNull(upgrade.Problem);
            Assert.AreEqual(2, upgrade.HeaderCount);
        }
    }
}
