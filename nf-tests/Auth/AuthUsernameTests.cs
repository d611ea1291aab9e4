using AwsIotDevice.Core.Auth;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Auth
{
    [TestClass]
    public class AuthUsernameTests
    {
        [TestMethod]
        public void FullUsernameWithARealSignature()
        {
            string username = AuthUsername.Build("thing-1", "MyAuthorizer", SignatureVector.Signature, "token", SignatureVector.Token);

            Assert.AreEqual(
                "thing-1?x-amz-customauthorizer-name=MyAuthorizer&x-amz-customauthorizer-signature="
                + SignatureVector.EncodedSignature + "&token=" + SignatureVector.EncodedToken,
                username);
            Assert.AreEqual(1, Count(username, '?'));
            Assert.AreEqual(0, Count(username, '+'));
            Assert.AreEqual(0, Count(username, '/'));
            Assert.AreEqual(3, Count(username, '='), "only the three key/value separators");
        }

        [TestMethod]
        public void EveryPartIsPercentEncoded()
        {
            string username = AuthUsername.Build("my user?", "auth name", "a+b/c=", "tok key", "t\u00E9 k");

            Assert.AreEqual(
                "my%20user%3F?x-amz-customauthorizer-name=auth%20name&x-amz-customauthorizer-signature=a%2Bb%2Fc%3D&tok%20key=t%C3%A9%20k",
                username);
            Assert.AreEqual(1, Count(username, '?'));
        }

        [TestMethod]
        public void EmptyPartsAreLeftOut()
        {
            Assert.AreEqual("thing-1", AuthUsername.Build("thing-1", null, null, null, null));
            Assert.AreEqual("thing-1", AuthUsername.Build("thing-1", "", "", "", ""));
            Assert.AreEqual("thing-1", AuthUsername.Build("thing-1", "", "", "token", ""));
            Assert.AreEqual("", AuthUsername.Build(null, null, null, null, null));
            Assert.AreEqual(
                "thing-1?x-amz-customauthorizer-name=Unsigned&token=abc",
                AuthUsername.Build("thing-1", "Unsigned", null, "token", "abc"));
            Assert.AreEqual(
                "?x-amz-customauthorizer-name=A&x-amz-customauthorizer-signature=" + SignatureVector.EncodedSignature,
                AuthUsername.Build("", "A", SignatureVector.Signature, "token", null));
        }

        [TestMethod]
        public void OnlyAToken()
        {
            string username = AuthUsername.Build("", null, null, "token", "abc");

            Assert.AreEqual("?token=abc", username);
            Assert.AreEqual(1, Count(username, '?'));
            Assert.AreEqual(0, Count(username, '&'));
        }

        [TestMethod]
        public void TokenWithoutKeyNameStillBuildsWithOneQuestionMark()
        {
            // The settings validator measures invalid configurations with Build, so it must not throw.
            string username = AuthUsername.Build("u", "A", null, null, "tok");

            Assert.StartsWith("u?x-amz-customauthorizer-name=A&", username);
            Assert.AreEqual(1, Count(username, '?'));
        }

        private static int Count(string text, char c)
        {
            int count = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == c)
                {
                    count++;
                }
            }

            return count;
        }

        [DataRow("", "Auth", "", "token", "")]
        [DataRow("device user", "My Authorizer", "ab+/cd==", "token", "v1.ZGV2.1767225600")]
        [DataRow("\u00E9", "a", "b", "k e y", "t\u20AC")]
        public void LengthIsTheLengthOfWhatBuildReturns(string user, string authorizer, string signature, string tokenKeyName, string token)
        {
            string built = AuthUsername.Build(user, authorizer, signature, tokenKeyName, token);

            Assert.AreEqual(built.Length, AuthUsername.Length(user, authorizer, signature, tokenKeyName, token));
        }

        [TestMethod]
        public void BuildsUsernamesLongerThanTheDefaultStringBuilderLimit()
        {
            // nanoFramework's StringBuilder stops at 32767 characters by default; a 6144-character token of
            // reserved characters encodes to 18432, and the user name can add more.
            string token = new string('+', 6144);
            string user = new string('/', 6000);

            string built = AuthUsername.Build(user, "Auth", "c2ln", "token", token);

            Assert.AreEqual(AuthUsername.Length(user, "Auth", "c2ln", "token", token), built.Length);
            Assert.IsTrue(built.Length > 32767);
        }
    }
}
