using AwsIotDevice.Core.Json;
using AwsIotDevice.Core.Text;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Json
{
    [TestClass]
    public class FlatJsonReaderTests
    {
        [TestMethod]
        public void ReadsStringsAndWholeNumbersWithWhitespace()
        {
            string error;
            FlatJsonObject o = FlatJsonReader.Parse(" {\n\t\"v\" : 1 ,\r\n \"name\":\"dev\", \"neg\":-42,\"zero\":0,\"big\":123456789012345678 } \n", 8, out error);

            Assert.IsNotNull(o, error);
            Assert.AreEqual(5, o.Count);
            Assert.AreEqual("v", o.NameAt(0));
            long v;
            Assert.IsTrue(o.TryGetInteger("v", out v));
            Assert.AreEqual(1L, v);
            Assert.AreEqual("dev", o.GetString("name"));
            Assert.IsTrue(o.TryGetInteger("neg", out v));
            Assert.AreEqual(-42L, v);
            Assert.IsTrue(o.TryGetInteger("big", out v));
            Assert.AreEqual(123456789012345678L, v);
            Assert.IsTrue(o.IsInteger("zero"));
            Assert.IsTrue(o.IsString("name"));
            Assert.IsNull(o.GetString("v"), "a number is not a string");
            Assert.IsFalse(o.TryGetInteger("name", out v), "a string is not a number");
            Assert.IsFalse(o.Has("missing"));
            Assert.IsNull(o.FirstNameNotIn(new string[] { "v", "name", "neg", "zero", "big" }));
            Assert.AreEqual("big", o.FirstNameNotIn(new string[] { "v", "name", "neg", "zero" }));
        }

        [TestMethod]
        public void DecodesEveryEscapeAndSurrogatePairs()
        {
            string error;
            FlatJsonObject o = FlatJsonReader.Parse("{\"s\":\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u0041\\u00e9 \\ud83d\\ude00 \u20ac\"}", 4, out error);

            Assert.IsNotNull(o, error);
            Assert.AreEqual("q\" b\\ s/ \b\f\n\r\t A\u00e9 \ud83d\ude00 \u20ac", o.GetString("s"));
        }

        [TestMethod]
        public void EmptyObjectIsFine()
        {
            string error;
            FlatJsonObject o = FlatJsonReader.Parse("{}", 4, out error);
            Assert.IsNotNull(o, error);
            Assert.AreEqual(0, o.Count);
        }

        [DataRow("", "object")]
        [DataRow("[]", "object")]
        [DataRow("\"s\"", "object")]
        [DataRow("{", "member name")]
        [DataRow("{\"a\":1", "expected ','")]
        [DataRow("{\"a\":1,}", "member name")]
        [DataRow("{\"a\" 1}", "':'")]
        [DataRow("{\"a\":1}x", "after the closing")]
        [DataRow("{\"a\":1}{}", "after the closing")]
        [DataRow("{\"a\":true}", "not a string or a whole number")]
        [DataRow("{\"a\":null}", "not a string or a whole number")]
        [DataRow("{\"a\":{}}", "not a string or a whole number")]
        [DataRow("{\"a\":[1]}", "not a string or a whole number")]
        [DataRow("{\"a\":1.5}", "whole number")]
        [DataRow("{\"a\":1e3}", "whole number")]
        [DataRow("{\"a\":01}", "leading zero")]
        [DataRow("{\"a\":-}", "no digits")]
        [DataRow("{\"a\":1234567890123456789}", "digits")]
        [DataRow("{\"a\":1,\"a\":2}", "twice")]
        [DataRow("{\"a\":\"x}", "not closed")]
        [DataRow("{\"a\":\"\\x\"}", "unknown escape")]
        [DataRow("{\"a\":\"\\u12\"}", "four hex digits")]
        [DataRow("{\"a\":\"\\ud800\"}", "unpaired surrogate")]
        [DataRow("{\"a\":\"\\udc00\"}", "unpaired surrogate")]
        [DataRow("{\"a\":\"\\ud800\\u0041\"}", "unpaired surrogate")]
        [DataRow("{\"a\":\"tab\there\"}", "control character")]
        [DataRow("{'a':1}", "member name")]
        public void RefusesWithAReason(string json, string reasonPart)
        {
            string error;
            FlatJsonObject o = FlatJsonReader.Parse(json, 8, out error);
            Assert.IsNull(o, json);
            Assert.IsNotNull(error, json);
            Assert.Contains(reasonPart, error, json + " -> " + error);
        }

        [TestMethod]
        public void BoundsMembersAndBytes()
        {
            string error;
            Assert.IsNull(FlatJsonReader.Parse("{\"a\":1,\"b\":2,\"c\":3}", 2, out error));
            Assert.Contains("more than 2 members", error);

            byte[] bytes = Utf8.GetBytes("{\"a\":\"" + new string('x', 100) + "\"}");
            Assert.IsNull(FlatJsonReader.Parse(bytes, 0, bytes.Length, 50, 4, out error));
            Assert.Contains("at most 50", error);
            Assert.IsNotNull(FlatJsonReader.Parse(bytes, 0, bytes.Length, bytes.Length, 4, out error), error);
        }

        [TestMethod]
        public void RefusesInvalidUtf8AndBadRanges()
        {
            string error;
            byte[] bad = new byte[] { (byte)'{', (byte)'"', 0xC3, (byte)'"', (byte)':', (byte)'1', (byte)'}' };
            Assert.IsNull(FlatJsonReader.Parse(bad, 0, bad.Length, 100, 4, out error));
            Assert.Contains("UTF-8", error);
            Assert.IsNull(FlatJsonReader.Parse(bad, 3, 10, 100, 4, out error));
            Assert.IsNull(FlatJsonReader.Parse(null, 0, 0, 100, 4, out error));
            Assert.IsNull(FlatJsonReader.Parse((string)null, 4, out error));
        }

        [TestMethod]
        public void ReasonsNeverQuoteValues()
        {
            string error;
            FlatJsonReader.Parse("{\"token\":\"SECRET-VALUE\",\"token\":\"SECRET-VALUE\"}", 4, out error);
            Assert.DoesNotContains("SECRET", error);
            FlatJsonReader.Parse("{\"token\":\"SECRET-VALUE\" x}", 4, out error);
            Assert.DoesNotContains("SECRET", error);
        }

        [TestMethod]
        public void JsonTextEscapesWhatJsonRequires()
        {
            TextBuilder b = new TextBuilder();
            JsonText.AppendString(b, "a\"b\\c\nd\re\tf\u0001g\u001f\u00e9");
            Assert.AreEqual("\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u001f\u00e9\"", b.ToString());

            string error;
            FlatJsonObject back = FlatJsonReader.Parse("{\"s\":" + b.ToString() + "}", 2, out error);
            Assert.IsNotNull(back, error);
            Assert.AreEqual("a\"b\\c\nd\re\tf\u0001g\u001f\u00e9", back.GetString("s"));
        }
    }
}
