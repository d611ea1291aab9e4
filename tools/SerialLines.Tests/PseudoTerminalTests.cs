using System.Diagnostics;
using System.Text;
using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.SerialLines.Tests;

/// <summary>Real pseudo-terminals: the master end and the slave opened by path, as a tool opens a UART.</summary>
public class PseudoTerminalTests
{
    [Fact]
    public void Bytes_travel_both_ways_unchanged_in_raw_mode()
    {
        using PseudoTerminal pty = PseudoTerminal.OpenPair();
        using ISerialChannel tool = SerialPortChannel.Open(pty.SlavePath, 115200);

        // Every byte value, CR/LF and control characters included: raw mode must not translate or echo any.
        byte[] all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        tool.Write(all, 0, all.Length);
        Assert.Equal(all, ReadExactly(pty.Master, all.Length));

        pty.Master.Write(all, 0, all.Length);
        Assert.Equal(all, ReadExactly(tool, all.Length));
        Assert.Equal(0, pty.Master.Read(new byte[16], 0, 16, 50));
    }

    [Fact]
    public void The_slave_path_is_a_pts_device()
    {
        using PseudoTerminal pty = PseudoTerminal.OpenPair();

        Assert.StartsWith(OperatingSystem.IsMacOS() ? "/dev/ttys" : "/dev/pts/", pty.SlavePath);
        Assert.True(File.Exists(pty.SlavePath));
    }

    [Fact]
    public void A_read_with_nothing_to_read_times_out_on_time()
    {
        using PseudoTerminal pty = PseudoTerminal.OpenPair();
        using ISerialChannel tool = SerialPortChannel.Open(pty.SlavePath, 115200);

        var watch = Stopwatch.StartNew();
        int n = tool.Read(new byte[8], 0, 8, 300);

        Assert.Equal(0, n);
        Assert.InRange(watch.ElapsedMilliseconds, 250, 3000);
    }

    [Fact]
    public void Closing_the_pair_ends_the_tools_reads()
    {
        PseudoTerminal pty = PseudoTerminal.OpenPair();
        using ISerialChannel tool = SerialPortChannel.Open(pty.SlavePath, 115200);

        pty.Dispose();

        Assert.Equal(-1, tool.Read(new byte[8], 0, 8, 2000));
    }

    [Fact]
    public void The_device_end_outlives_tools_that_come_and_go()
    {
        using PseudoTerminal pty = PseudoTerminal.OpenPair();
        var device = new SerialLineReader(pty.Master);
        for (int run = 0; run < 2; run++)
        {
            using ISerialChannel tool = SerialPortChannel.Open(pty.SlavePath, 115200);
            new SerialLineReader(tool).WriteLine("HELLO " + run);
            Assert.Equal(LineStatus.Line, device.ReadLine(2000, 100, out string line));
            Assert.Equal("HELLO " + run, line);
        }

        Assert.Equal(LineStatus.Timeout, device.ReadLine(100, 100, out _));
    }

    [Fact]
    public void Disposing_a_port_ends_a_read_pending_on_another_thread()
    {
        using PseudoTerminal pty = PseudoTerminal.OpenPair();
        ISerialChannel tool = SerialPortChannel.Open(pty.SlavePath, 115200);
        using var readStarted = new ManualResetEventSlim();
        var reading = new BackgroundCall<int>(() =>
        {
            readStarted.Set();
            return tool.Read(new byte[8], 0, 8, 10_000);
        });

        // Dispose once the reader is on its way into Read (either order must end the read with -1, never a hang).
        Assert.True(readStarted.Wait(3000), "the background read never started");

        tool.Dispose();

        Assert.Equal(-1, reading.Result(3000));
    }

    [Fact]
    public void Opening_a_missing_port_says_which_and_what_to_check()
    {
        var error = Assert.Throws<SerialLineException>(() => SerialPortChannel.Open("/dev/ttyNOPE42", 115200));

        Assert.Equal("/dev/ttyNOPE42: cannot open: no such port: check the path (ls /dev/ttyUSB* /dev/ttyACM* /dev/cu.*, or COMn in Device Manager) and that the board is plugged in", error.Message);
    }

    [Fact]
    public void A_port_is_opened_by_one_tool_at_a_time()
    {
        using PseudoTerminal pty = PseudoTerminal.OpenPair();
        using (SerialPortChannel.Open(pty.SlavePath, 115200))
        {
            var error = Assert.Throws<SerialLineException>(() => SerialPortChannel.Open(pty.SlavePath, 115200));
            Assert.Equal($"{pty.SlavePath}: is in use by another program that locked it (another iotctl?): close it and retry", error.Message);
        }

        using ISerialChannel again = SerialPortChannel.Open(pty.SlavePath, 115200);
        Assert.Equal(pty.SlavePath, again.Name);
    }

    [Fact]
    public void Opening_a_file_that_is_not_a_terminal_is_refused()
    {
        string path = Path.GetTempFileName();
        try
        {
            var error = Assert.Throws<SerialLineException>(() => SerialPortChannel.Open(path, 115200));
            Assert.StartsWith($"{path}: cannot open (", error.Message);
            Assert.EndsWith("not a serial port: give the device path of the UART, e.g. /dev/ttyUSB0 or COM3", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Line_reader_over_a_pty_handles_long_utf8_lines_in_many_reads()
    {
        using PseudoTerminal pty = PseudoTerminal.OpenPair();
        using ISerialChannel toolPort = SerialPortChannel.Open(pty.SlavePath, 115200);
        var device = new SerialLineReader(pty.Master);
        var tool = new SerialLineReader(toolPort);
        string text = string.Concat(Enumerable.Repeat("é☕x", 2000));

        var writer = new BackgroundCall<bool>(() =>
        {
            tool.WriteLine(text);
            return true;
        });
        Assert.Equal(LineStatus.Line, device.ReadLine(5000, 8192, out string line));
        Assert.True(writer.Result(5000));
        Assert.Equal(text, line);
    }

    private static byte[] ReadExactly(ISerialChannel port, int count)
    {
        byte[] buffer = new byte[count];
        int got = 0;
        var watch = Stopwatch.StartNew();
        while (got < count && watch.ElapsedMilliseconds < 5000)
        {
            int n = port.Read(buffer, got, count - got, 500);
            Assert.True(n >= 0, "port closed");
            got += n;
        }

        Assert.Equal(count, got);
        return buffer;
    }
}
