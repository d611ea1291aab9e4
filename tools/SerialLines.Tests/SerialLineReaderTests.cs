using System.Text;
using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.SerialLines.Tests;

public class SerialLineReaderTests
{
    private static (LineStatus Status, string Line) Read(SerialLineReader reader, int maxLength = 100)
    {
        LineStatus status = reader.ReadLine(0, maxLength, out string line);
        return (status, line);
    }

    [Fact]
    public void A_line_split_across_reads_is_assembled()
    {
        var port = new ScriptedPort(ScriptedPort.Ascii("HEL"), ScriptedPort.Ascii("LO wor"), ScriptedPort.Ascii("ld\n"));
        var reader = new SerialLineReader(port);

        Assert.Equal((LineStatus.Line, "HELLO world"), Read(reader));
    }

    [Fact]
    public void Partial_input_survives_a_timeout()
    {
        var port = new ScriptedPort(ScriptedPort.Ascii("STA"));
        var reader = new SerialLineReader(port);

        Assert.Equal(LineStatus.Timeout, Read(reader).Status);
        port.Add(ScriptedPort.Ascii("TUS\r\n"));
        Assert.Equal((LineStatus.Line, "STATUS"), Read(reader));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r")]
    [InlineData("\r\n")]
    public void Each_terminator_ends_a_line_and_crlf_counts_once(string terminator)
    {
        var port = new ScriptedPort(ScriptedPort.Ascii("one" + terminator + "two" + terminator));
        var reader = new SerialLineReader(port);

        Assert.Equal((LineStatus.Line, "one"), Read(reader));
        Assert.Equal((LineStatus.Line, "two"), Read(reader));
        Assert.Equal(LineStatus.Timeout, Read(reader).Status);
    }

    [Fact]
    public void Crlf_split_between_reads_is_one_terminator()
    {
        var port = new ScriptedPort(ScriptedPort.Ascii("one\r"), ScriptedPort.Ascii("\ntwo\r\n"));
        var reader = new SerialLineReader(port);

        Assert.Equal((LineStatus.Line, "one"), Read(reader));
        Assert.Equal((LineStatus.Line, "two"), Read(reader));
    }

    [Fact]
    public void Two_line_feeds_make_an_empty_line()
    {
        var port = new ScriptedPort(ScriptedPort.Ascii("a\n\nb\n"));
        var reader = new SerialLineReader(port);

        Assert.Equal((LineStatus.Line, "a"), Read(reader));
        Assert.Equal((LineStatus.Line, string.Empty), Read(reader));
        Assert.Equal((LineStatus.Line, "b"), Read(reader));
    }

    [Fact]
    public void An_overlong_line_is_discarded_to_its_terminator_and_reported_once()
    {
        var port = new ScriptedPort(
            ScriptedPort.Ascii(new string('x', 60)),
            ScriptedPort.Ascii(new string('y', 60)),
            ScriptedPort.Ascii("zz\r\nnext\n"));
        var reader = new SerialLineReader(port);

        var overflow = Read(reader);
        Assert.Equal(LineStatus.Overflow, overflow.Status);
        Assert.Null(overflow.Line);
        Assert.Equal((LineStatus.Line, "next"), Read(reader));
    }

    [Fact]
    public void Overflow_is_reported_only_when_the_terminator_arrives()
    {
        var port = new ScriptedPort(ScriptedPort.Ascii(new string('x', 150)));
        var reader = new SerialLineReader(port);

        Assert.Equal(LineStatus.Timeout, Read(reader).Status);
        port.Add(ScriptedPort.Ascii("tail\nnext\n"));
        Assert.Equal(LineStatus.Overflow, Read(reader).Status);
        Assert.Equal((LineStatus.Line, "next"), Read(reader));
    }

    [Fact]
    public void A_line_of_exactly_the_maximum_is_accepted_and_one_more_is_not()
    {
        var port = new ScriptedPort(ScriptedPort.Ascii(new string('a', 10) + "\n" + new string('b', 11) + "\n"));
        var reader = new SerialLineReader(port);

        Assert.Equal((LineStatus.Line, new string('a', 10)), Read(reader, maxLength: 10));
        Assert.Equal(LineStatus.Overflow, Read(reader, maxLength: 10).Status);
    }

    [Fact]
    public void Utf8_split_inside_a_character_is_decoded_whole()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("wifi.ssid Café ☕ 🚀\n");
        int euro = Array.IndexOf(bytes, (byte)0xC3) + 1;
        int rocket = Array.IndexOf(bytes, (byte)0xF0) + 2;
        var port = new ScriptedPort(bytes[..euro], bytes[euro..rocket], bytes[rocket..]);
        var reader = new SerialLineReader(port);

        Assert.Equal((LineStatus.Line, "wifi.ssid Café ☕ 🚀"), Read(reader));
    }

    [Fact]
    public void The_maximum_counts_characters_not_bytes()
    {
        var port = new ScriptedPort(Encoding.UTF8.GetBytes("ééééé\n"));
        var reader = new SerialLineReader(port);

        Assert.Equal((LineStatus.Line, "ééééé"), Read(reader, maxLength: 5));
    }

    [Fact]
    public void Stray_continuation_bytes_cannot_grow_a_line_without_bound()
    {
        byte[] junk = Enumerable.Repeat((byte)0x80, 500).ToArray();
        var port = new ScriptedPort(junk, ScriptedPort.Ascii("\nok\n"));
        var reader = new SerialLineReader(port);

        Assert.Equal(LineStatus.Overflow, Read(reader, maxLength: 10).Status);
        Assert.Equal((LineStatus.Line, "ok"), Read(reader, maxLength: 10));
    }

    [Fact]
    public void End_of_stream_is_closed_and_stays_closed()
    {
        var port = new ScriptedPort(ScriptedPort.Ascii("last\npartial")) { ClosedWhenEmpty = true };
        var reader = new SerialLineReader(port);

        Assert.Equal((LineStatus.Line, "last"), Read(reader));
        Assert.Equal(LineStatus.Closed, Read(reader).Status);
        int reads = port.Reads;
        Assert.Equal(LineStatus.Closed, Read(reader).Status);
        Assert.Equal(reads, port.Reads);
    }

    [Fact]
    public void WriteLine_sends_utf8_and_crlf()
    {
        var port = new ScriptedPort();
        var reader = new SerialLineReader(port);

        reader.WriteLine("SET wifi.ssid Café");

        Assert.Equal(Encoding.UTF8.GetBytes("SET wifi.ssid Café\r\n"), port.Written.ToArray());
    }

    [Fact]
    public void Any_chunking_of_any_lines_gives_back_the_same_lines()
    {
        string[] alphabet = ["a", "Z", " ", "=", "\\", "é", "☕", "🚀", "\t"];
        string[] terminators = ["\n", "\r", "\r\n"];
        for (int seed = 1; seed <= 300; seed++)
        {
            var random = new Random(seed);
            var lines = new List<string>();
            var text = new StringBuilder();
            for (int i = random.Next(1, 6); i > 0; i--)
            {
                var line = new StringBuilder();
                for (int j = random.Next(0, 30); j > 0; j--)
                {
                    line.Append(alphabet[random.Next(alphabet.Length)]);
                }

                // CR then an empty line ended by LF is CRLF on the wire: that input means one line, not two.
                string terminator = terminators[random.Next(terminators.Length)];
                if (line.Length == 0 && terminator == "\n" && text.Length > 0 && text[^1] == '\r')
                {
                    terminator = "\r";
                }

                lines.Add(line.ToString());
                text.Append(line).Append(terminator);
            }

            byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
            var port = new ScriptedPort();
            for (int at = 0; at < bytes.Length;)
            {
                int size = Math.Min(random.Next(1, 8), bytes.Length - at);
                port.Add(bytes[at..(at + size)]);
                at += size;
            }

            var reader = new SerialLineReader(port);
            foreach (string expected in lines)
            {
                Assert.Equal((LineStatus.Line, expected), Read(reader, maxLength: 100));
            }

            Assert.Equal(LineStatus.Timeout, Read(reader).Status);
        }
    }
}
