using System.Diagnostics;
using System.Runtime.Versioning;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.SerialLines.Unix;

namespace AwsIotDevice.SerialLines.Tests;

/// <summary>
/// The select() wait that macOS uses for a pseudo-terminal's master, exercised on Linux (same fd_set bit layout and
/// timeval use) so the macOS path is not untested code.
/// </summary>
[SupportedOSPlatform("linux")]
[SupportedOSPlatform("macos")]
public class SelectWaitTests
{
    [Fact]
    public void Reads_writes_and_times_out_with_select_then_ends_when_disposed()
    {
        PseudoTerminal pty = PseudoTerminal.OpenPair(useSelect: true);
        Assert.True(Assert.IsType<PseudoTerminalMaster>(pty.Master).UseSelect);
        using ISerialChannel tool = SerialPortChannel.Open(pty.SlavePath, 115200);

        var watch = Stopwatch.StartNew();
        Assert.Equal(0, pty.Master.Read(new byte[8], 0, 8, 250));
        Assert.InRange(watch.ElapsedMilliseconds, 200, 3000);

        var device = new SerialLineReader(pty.Master);
        new SerialLineReader(tool).WriteLine("STATUS");
        Assert.Equal(LineStatus.Line, device.ReadLine(2000, 100, out string line));
        Assert.Equal("STATUS", line);

        device.WriteLine("OK state=x");
        Assert.Equal(LineStatus.Line, new SerialLineReader(tool).ReadLine(2000, 100, out string reply));
        Assert.Equal("OK state=x", reply);

        tool.Dispose();
        pty.Dispose();
        Assert.Equal(-1, pty.Master.Read(new byte[8], 0, 8, 2000));
    }
}
