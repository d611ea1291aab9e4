using System;
using AwsIotDevice.Core.Telemetry;
using AwsIotDevice.Core.Text;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Telemetry
{
    [TestClass]
    public class PayloadWriterTests
    {
        [TestMethod]
        public void KnownReadingGivesExactJson()
        {
            PayloadWriter writer = new PayloadWriter("dev-1");
            Reading reading = NewReading(1234);
            reading.Add("temp", 21.5);
            reading.Add("hum", 40);

            int length = writer.Write(reading);

            Assert.AreEqual("{\"device\":\"dev-1\",\"seq\":1,\"uptimeMs\":1234,\"readings\":{\"temp\":21.5,\"hum\":40}}", Text(writer, length));
            Assert.AreEqual(length, writer.Length);
        }

        [TestMethod]
        public void DroppedIsWrittenWhenGivenZeroIncluded()
        {
            PayloadWriter writer = new PayloadWriter("d");
            Reading reading = NewReading(5);
            reading.Add("x", 1);

            Assert.AreEqual("{\"device\":\"d\",\"seq\":1,\"uptimeMs\":5,\"dropped\":3,\"readings\":{\"x\":1}}", Text(writer, writer.Write(reading, 3)));
            Assert.AreEqual("{\"device\":\"d\",\"seq\":1,\"uptimeMs\":5,\"dropped\":0,\"readings\":{\"x\":1}}", Text(writer, writer.Write(reading, 0)));
            Assert.AreEqual("{\"device\":\"d\",\"seq\":1,\"uptimeMs\":5,\"readings\":{\"x\":1}}", Text(writer, writer.Write(reading, -1)));
        }

        [TestMethod]
        public void ReadingWithoutValuesHasEmptyObject()
        {
            PayloadWriter writer = new PayloadWriter("d");
            Assert.AreEqual("{\"device\":\"d\",\"seq\":1,\"uptimeMs\":0,\"readings\":{}}", Text(writer, writer.Write(NewReading(0))));
        }

        [TestMethod]
        public void IntegersAreExactAtTheirLimits()
        {
            PayloadWriter writer = new PayloadWriter("d");
            Reading reading = NewReading(long.MinValue);
            reading.Sequence = long.MaxValue;

            Assert.AreEqual(
                "{\"device\":\"d\",\"seq\":9223372036854775807,\"uptimeMs\":-9223372036854775808,\"dropped\":9223372036854775807,\"readings\":{}}",
                Text(writer, writer.Write(reading, long.MaxValue)));
        }

        [DataRow(0.0, "0")]
        [DataRow(-0.0, "0")]
        [DataRow(1.5, "1.5")]
        [DataRow(2.0, "2")]
        [DataRow(-0.25, "-0.25")]
        [DataRow(0.05, "0.05")]
        [DataRow(10.1, "10.1")]
        [DataRow(0.001, "0.001")]
        [DataRow(0.0005, "0.001")]
        [DataRow(-0.0005, "-0.001")]
        [DataRow(0.0004, "0")]
        [DataRow(-0.0004, "0")]
        [DataRow(1.2345, "1.235")]
        [DataRow(-1.2345, "-1.235")]
        [DataRow(2.675, "2.675")]
        [DataRow(123.456789, "123.457")]
        [DataRow(-98765.4321, "-98765.432")]
        [DataRow(999.9995, "1000")]
        [DataRow(-999.9995, "-1000")]
        [DataRow(1e-7, "0")]
        [DataRow(2147483648.0, "2147483648")]
        [DataRow(100000000000000.5, "100000000000000.5")]
        [DataRow(1e15, "1e+15")]
        [DataRow(1.5e20, "1.5e+20")]
        [DataRow(-2.5e20, "-2.5e+20")]
        [DataRow(1e300, "1e+300")]
        public void NumbersAreFixedPointWithUpToThreeDecimals(double value, string expected)
        {
            PayloadWriter writer = new PayloadWriter("d");
            Reading reading = NewReading(0);
            reading.Add("v", value);

            Assert.AreEqual("{\"device\":\"d\",\"seq\":1,\"uptimeMs\":0,\"readings\":{\"v\":" + expected + "}}", Text(writer, writer.Write(reading)));
        }

        [TestMethod]
        public void NaNAndInfinitiesAreNull()
        {
            PayloadWriter writer = new PayloadWriter("d");
            Reading reading = NewReading(0);
            reading.Add("a", double.NaN);
            reading.Add("b", double.PositiveInfinity);
            reading.Add("c", double.NegativeInfinity);
            reading.Add("d", 1);

            Assert.AreEqual(
                "{\"device\":\"d\",\"seq\":1,\"uptimeMs\":0,\"readings\":{\"a\":null,\"b\":null,\"c\":null,\"d\":1}}",
                Text(writer, writer.Write(reading)));
        }

        [TestMethod]
        public void QuotesBackslashesAndControlCharactersAreEscaped()
        {
            PayloadWriter writer = new PayloadWriter("a\"b\\c");
            Reading reading = NewReading(0);
            reading.Add("line\nfeed\ttab\u0001\u001F", 1);

            Assert.AreEqual(
                "{\"device\":\"a\\\"b\\\\c\",\"seq\":1,\"uptimeMs\":0,\"readings\":{\"line\\u000Afeed\\u0009tab\\u0001\\u001F\":1}}",
                Text(writer, writer.Write(reading)));
        }

        [TestMethod]
        public void NonAsciiIsWrittenAsUtf8Bytes()
        {
            // é (2 bytes), € (3 bytes), U+1D11E as a surrogate pair (4 bytes), then an unpaired surrogate (U+FFFD).
            string clef = "\uD834\uDD1E";
            if (clef[1] != '\uDD1E')
            {
                // Seen on the nanoCLR: both halves of a surrogate pair read back as the high half.
                Assert.SkipTest("this runtime does not expose surrogate pairs as two chars");
            }

            PayloadWriter writer = new PayloadWriter("\u00E9\u20AC" + clef + "\uD800");
            int length = writer.Write(NewReading(0));

            byte[] expectedStart =
            {
                (byte)'{', (byte)'"', (byte)'d', (byte)'e', (byte)'v', (byte)'i', (byte)'c', (byte)'e', (byte)'"', (byte)':', (byte)'"',
                0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9D, 0x84, 0x9E, 0xEF, 0xBF, 0xBD, (byte)'"', (byte)',',
            };
            Assert.IsTrue(length > expectedStart.Length);
            for (int i = 0; i < expectedStart.Length; i++)
            {
                Assert.AreEqual(expectedStart[i], writer.Buffer[i], "byte " + i.ToString());
            }
        }

        [TestMethod]
        public void NullNameIsWrittenAsEmptyString()
        {
            PayloadWriter writer = new PayloadWriter("d");
            Reading reading = NewReading(0);
            reading.Add(null, 2);

            Assert.AreEqual("{\"device\":\"d\",\"seq\":1,\"uptimeMs\":0,\"readings\":{\"\":2}}", Text(writer, writer.Write(reading)));
        }

        [TestMethod]
        public void BufferIsReusedAcrossWrites()
        {
            PayloadWriter writer = new PayloadWriter("dev-1");
            Reading reading = NewReading(0);
            reading.Add("temp", 1);
            byte[] buffer = writer.Buffer;

            for (int i = 0; i < 50; i++)
            {
                reading.Sequence = i;
                reading.Values[0] = i * -1.5;
                writer.Write(reading, i);
                Assert.AreSame(buffer, writer.Buffer, "write " + i.ToString());
            }

            Assert.AreEqual("{\"device\":\"dev-1\",\"seq\":49,\"uptimeMs\":0,\"dropped\":49,\"readings\":{\"temp\":-73.5}}", Text(writer, writer.Length));
        }

        [TestMethod]
        public void BufferGrowsOnlyWhenAMessageDoesNotFit()
        {
            PayloadWriter writer = new PayloadWriter("dev-1", 8);
            Reading reading = NewReading(77);
            for (int i = 0; i < Reading.MaxValues; i++)
            {
                reading.Add("sensor", i + 0.125);
            }

            int length = writer.Write(reading);
            byte[] grown = writer.Buffer;
            Assert.IsTrue(grown.Length >= length);
            Assert.StartsWith("{\"device\":\"dev-1\",\"seq\":1,\"uptimeMs\":77,\"readings\":{\"sensor\":0.125,", Text(writer, length));
            Assert.EndsWith(",\"sensor\":7.125}}", Text(writer, length));

            Assert.AreEqual(length, writer.Write(reading));
            Assert.AreSame(grown, writer.Buffer);
        }

        [TestMethod]
        public void ShorterMessageAfterLongerOneLeavesNothingBehind()
        {
            PayloadWriter writer = new PayloadWriter("d");
            Reading longer = NewReading(123456789);
            longer.Add("a-long-name", -12345.678);
            writer.Write(longer, 1000);

            Reading shorter = NewReading(1);
            int length = writer.Write(shorter);

            Assert.AreEqual("{\"device\":\"d\",\"seq\":1,\"uptimeMs\":1,\"readings\":{}}", Text(writer, length));
            Assert.AreEqual(length, writer.Length);
        }

        [TestMethod]
        public void LengthIsZeroBeforeTheFirstWrite()
        {
            Assert.AreEqual(0, new PayloadWriter("dev-1").Length);
        }

        [TestMethod]
        public void InvalidArgumentsAreRefused()
        {
            Assert.ThrowsException(typeof(ArgumentNullException), () => new PayloadWriter(null));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new PayloadWriter("d", 0));
            Assert.ThrowsException(typeof(ArgumentNullException), () => new PayloadWriter("d").Write(null));
        }

        private static Reading NewReading(long uptimeMs)
        {
            return new TelemetryQueue(1).Append(uptimeMs);
        }

        private static string Text(PayloadWriter writer, int length)
        {
            return Utf8.Decode(writer.Buffer, 0, length);
        }
    }
}
