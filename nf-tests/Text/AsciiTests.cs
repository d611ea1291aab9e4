using AwsIotDevice.Core.Text;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Text
{
    [TestClass]
    public class AsciiTests
    {
        [TestMethod]
        public void FoldsOnlyAsciiLetters()
        {
            Assert.AreEqual('a', Ascii.ToLower('A'));
            Assert.AreEqual('z', Ascii.ToLower('Z'));
            Assert.AreEqual('@', Ascii.ToLower('@'));
            Assert.AreEqual('[', Ascii.ToLower('['));
            Assert.AreEqual('\u00C9', Ascii.ToLower('\u00C9'), "non-ASCII letters are not folded");
        }

        [TestMethod]
        public void ComparesIgnoringAsciiCase()
        {
            Assert.IsTrue(Ascii.EqualsIgnoreCase("WebSocket", "websocket"));
            Assert.IsTrue(Ascii.EqualsIgnoreCase(string.Empty, string.Empty));
            Assert.IsFalse(Ascii.EqualsIgnoreCase("websocket", "websockets"));
            Assert.IsFalse(Ascii.EqualsIgnoreCase("a", null));
            Assert.IsTrue(Ascii.EqualsIgnoreCase(null, null));
        }

        [DataRow("Upgrade", true)]
        [DataRow("keep-alive, Upgrade", true)]
        [DataRow("UPGRADE ,keep-alive", true)]
        [DataRow("keep-alive", false)]
        [DataRow("upgraded", false)]
        [DataRow("", false)]
        public void FindsATokenInAHeaderList(string list, bool expected)
        {
            Assert.AreEqual(expected, Ascii.ListContains(list, "upgrade"), list);
        }

        [TestMethod]
        public void PrintableReplacesControlsAndCuts()
        {
            Assert.AreEqual("a?b?c", Ascii.Printable("a\rb\u00E9c", 10));
            Assert.AreEqual("abc", Ascii.Printable("abcdef", 3));
            Assert.AreEqual(string.Empty, Ascii.Printable(null, 3));
            Assert.AreEqual("x", Ascii.Trim(" \tx\t "));
        }
    }
}
