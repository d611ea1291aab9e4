using System;
using AwsIotDevice.Core.Text;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Text
{
    [TestClass]
    public class TextBuilderTests
    {
        [TestMethod]
        public void AppendsStringsAndCharsInOrder()
        {
            TextBuilder builder = new TextBuilder();
            builder.Append("ab").Append('c').Append((string)null).Append(string.Empty).Append("de");

            Assert.AreEqual("abcde", builder.ToString());
            Assert.AreEqual(5, builder.Length);
        }

        [TestMethod]
        public void GrowsFarBeyondTheOldStringBuilderLimit()
        {
            // nanoFramework's StringBuilder stopped at 32,767 characters; a token-carrying username can be longer.
            TextBuilder builder = new TextBuilder(1, 40000);
            string chunk = "0123456789";
            for (int i = 0; i < 4000; i++)
            {
                builder.Append(chunk);
            }

            string text = builder.ToString();
            Assert.AreEqual(40000, text.Length);
            Assert.AreEqual('0', text[32767 - 7]);
            Assert.AreEqual('9', text[39999]);
        }

        [TestMethod]
        public void RefusesToGrowPastItsMaximumAndKeepsWhatItHad()
        {
            TextBuilder builder = new TextBuilder(2, 4);
            builder.Append("abc");

            Assert.ThrowsException(typeof(InvalidOperationException), () => builder.Append("de"));
            Assert.AreEqual("abc", builder.ToString());

            builder.Append('d');
            Assert.ThrowsException(typeof(InvalidOperationException), () => builder.Append('e'));
            Assert.AreEqual("abcd", builder.ToString());
        }

        [TestMethod]
        public void AnExactlySizedBuilderHoldsItsMaximum()
        {
            TextBuilder builder = new TextBuilder(3, 3);
            builder.Append("xyz");

            Assert.AreEqual("xyz", builder.ToString());
        }

        [TestMethod]
        public void ClearStartsAgain()
        {
            TextBuilder builder = new TextBuilder(4, 4);
            builder.Append("abcd");
            builder.Clear();
            builder.Append("ef");

            Assert.AreEqual("ef", builder.ToString());
            Assert.AreEqual(2, builder.Length);
        }

        [TestMethod]
        public void AnEmptyBuilderGivesTheEmptyString()
        {
            Assert.AreEqual(string.Empty, new TextBuilder(0, 0).ToString());
        }

        [TestMethod]
        public void InvalidSizesAreRefused()
        {
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new TextBuilder(-1, 4));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new TextBuilder(5, 4));
        }
    }
}
