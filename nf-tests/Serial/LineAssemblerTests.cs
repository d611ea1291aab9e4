using AwsIotDevice.Core.Serial;
using AwsIotDevice.Core.Text;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Serial
{
    /// <summary>
    /// Core's line assembler (the board's UART and the host's serial reader both run it): terminators, the limit in
    /// characters as ISerialLine promises, overflow, and ill-formed UTF-8 replaced rather than losing the line.
    /// </summary>
    [TestClass]
    public class LineAssemblerTests
    {
        private static string _last;

        /// <summary>Pushes <paramref name="bytes"/>; returns "L" per line, "O" per overflow; the last line in <see cref="_last"/>.</summary>
        private static string PushAll(LineAssembler assembler, byte[] bytes, int maxLength)
        {
            string results = string.Empty;
            for (int i = 0; i < bytes.Length; i++)
            {
                LineAssemblerResult result = assembler.Push(bytes[i], maxLength);
                if (result == LineAssemblerResult.Line)
                {
                    _last = assembler.TakeLine();
                    results += "L";
                }
                else if (result == LineAssemblerResult.Overflow)
                {
                    results += "O";
                }
            }

            return results;
        }

        [TestMethod]
        public void CrLfAndCrlfEachEndOneLineEvenWhenCrlfIsSplit()
        {
            LineAssembler assembler = new LineAssembler(16);

            Assert.AreEqual("LLL", PushAll(assembler, Utf8.GetBytes("a\rb\nc\r"), 10));
            Assert.AreEqual("c", _last);
            Assert.AreEqual(string.Empty, PushAll(assembler, Utf8.GetBytes("\n"), 10), "the LF of a CRLF split across pushes");
            Assert.AreEqual("L", PushAll(assembler, Utf8.GetBytes("d\n"), 10));
            Assert.AreEqual("d", _last);
            Assert.AreEqual("L", PushAll(assembler, Utf8.GetBytes("\n"), 10), "LF after LF is an empty line");
            Assert.AreEqual(string.Empty, _last);
        }

        [TestMethod]
        public void TheLimitCountsCharactersNotBytes()
        {
            // "é" is 2 bytes, "€" 3: four characters in nine bytes fit a limit of four.
            LineAssembler assembler = new LineAssembler(16);

            Assert.AreEqual("L", PushAll(assembler, Utf8.GetBytes("é€é€\n"), 4));
            Assert.AreEqual("é€é€", _last);
            Assert.AreEqual("O", PushAll(assembler, Utf8.GetBytes("é€é€a\n"), 4), "five characters do not");
        }

        [TestMethod]
        public void ACharacterOutsideTheBmpCountsTwoAsStringLengthDoes()
        {
            string clef = Utf8.Decode(new byte[] { 0xF0, 0x9D, 0x84, 0x9E }, 0, 4);
            Assert.AreEqual(2, clef.Length);
            LineAssembler assembler = new LineAssembler(16);

            Assert.AreEqual("L", PushAll(assembler, Utf8.GetBytes("a" + clef + "\n"), 3));
            Assert.AreEqual("a" + clef, _last);
            Assert.AreEqual("O", PushAll(assembler, Utf8.GetBytes("ab" + clef + "\n"), 3));
        }

        [TestMethod]
        public void AnOverflowIsReportedOnceAtItsTerminatorAndTheNextLineIsWhole()
        {
            LineAssembler assembler = new LineAssembler(16);

            Assert.AreEqual("OL", PushAll(assembler, Utf8.GetBytes("0123456789ABCDEF0123\nok\n"), 8));
            Assert.AreEqual("ok", _last);
        }

        [TestMethod]
        public void StrayContinuationBytesAreBoundedByFourBytesPerCharacter()
        {
            LineAssembler assembler = new LineAssembler(16);
            byte[] stray = new byte[18];
            for (int i = 0; i < 17; i++)
            {
                stray[i] = 0x80;
            }

            stray[17] = (byte)'\n';

            Assert.AreEqual("O", PushAll(assembler, stray, 4), "17 bytes of no characters exceed the 4 x 4 bytes held");
            stray[16] = (byte)'\n';
            Assert.AreEqual("LL", PushAll(assembler, stray, 4), "16 are held (each becomes U+FFFD), then an empty line");
            Assert.AreEqual(string.Empty, _last);
        }

        [TestMethod]
        public void IllFormedUtf8BecomesReplacementCharactersAndTheLineSurvives()
        {
            LineAssembler assembler = new LineAssembler(16);

            Assert.AreEqual("L", PushAll(assembler, new byte[] { (byte)'S', (byte)'E', (byte)'T', 0xFF, (byte)'x', 0xC3, (byte)'\n' }, 20));
            Assert.AreEqual("SET\uFFFDx\uFFFD", _last);
        }

        [TestMethod]
        public void ALongLineGrowsTheBufferUpToTheLimit()
        {
            LineAssembler assembler = new LineAssembler(16);
            byte[] line = new byte[6001];
            for (int i = 0; i < 6000; i++)
            {
                line[i] = (byte)('a' + (i % 26));
            }

            line[6000] = (byte)'\n';

            Assert.AreEqual("L", PushAll(assembler, line, 8192));
            Assert.AreEqual(6000, _last.Length);
            Assert.AreEqual('z', _last[25]);
        }
    }
}
