using System.Diagnostics;
using System.Runtime.Versioning;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.SerialPorts.Unix;

namespace AwsIotDevice.SerialPorts.Tests;

/// <summary>
/// The select() wait that macOS uses for ttys, exercised on Linux (same fd_set bit layout and timeval use) so the
/// macOS path is not untested code.
/// </summary>
[SupportedOSPlatform("linux")]
[SupportedOSPlatform("macos")]
public class SelectWaitTests
{
    [Fact]
    public void Reads_writes_times_out_and_sees_hang_up_with_select()
    {
        PseudoTerminal pty = PseudoTerminal.OpenPair();
        using UnixSerialPort tool = UnixSerialPort.Open(pty.SlavePath, 115200, useSelect: true);
        Assert.True(tool.UseSelect);

        var watch = Stopwatch.StartNew();
        Assert.Equal(0, tool.Read(new byte[8], 0, 8, 250));
        Assert.InRange(watch.ElapsedMilliseconds, 200, 3000);

        var device = new SerialLineReader(pty.Master);
        new SerialLineReader(tool).WriteLine("STATUS");
        Assert.Equal(LineStatus.Line, device.ReadLine(2000, 100, out string line));
        Assert.Equal("STATUS", line);

        device.WriteLine("OK state=x");
        Assert.Equal(LineStatus.Line, new SerialLineReader(tool).ReadLine(2000, 100, out string reply));
        Assert.Equal("OK state=x", reply);

        pty.Dispose();
        Assert.Equal(-1, tool.Read(new byte[8], 0, 8, 2000));
    }
}
