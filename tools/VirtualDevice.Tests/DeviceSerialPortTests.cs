using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.SerialLines;
using AwsIotDevice.VirtualDevice.Tests.Support;

namespace AwsIotDevice.VirtualDevice.Tests;

/// <summary><c>--serial PATH</c>: a pseudo-terminal behind a link at PATH, spoken to by a tool exactly like a UART.</summary>
public sealed class DeviceSerialPortTests
{
    [Fact]
    public void NewPathBecomesAPseudoTerminalLinkThatAToolCanProvisionThrough()
    {
        using var dir = new TempDir();
        string path = dir.File("vdev.tty");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string? ptyPath;
        using (DeviceSerialPort port = DeviceSerialPort.Open(path))
        {
            ptyPath = port.PseudoTerminalPath;
            Assert.NotNull(ptyPath);
            Assert.Equal(ptyPath, new FileInfo(path).LinkTarget);
            using VirtualDeviceRunner device = VirtualDeviceRunner.Start(dir.File("settings.txt"), null, port.Line, new RecordingLog(), stop.Token);
            using ISerialChannel tool = SerialPortChannel.Open(path, 115200);
            var toolLine = new SerialLineReader(tool);

            Assert.StartsWith("OK HELLO", Ask(toolLine, "HELLO"));
            Assert.Contains("state=Provisioning", Ask(toolLine, "STATUS"));
            Assert.Equal("OK telemetry.topic=dt/x", Ask(toolLine, "SET telemetry.topic dt/x"));
        }

        Assert.False(File.Exists(path) || new FileInfo(path).LinkTarget is not null, "the link must be removed on dispose");
    }

    [Fact]
    public void DanglingLinkFromAKilledRunIsReplaced()
    {
        using var dir = new TempDir();
        string path = dir.File("vdev.tty");
        File.CreateSymbolicLink(path, dir.File("gone-pts"));

        using DeviceSerialPort port = DeviceSerialPort.Open(path);

        Assert.Equal(port.PseudoTerminalPath, new FileInfo(path).LinkTarget);
    }

    [Fact]
    public void UnopenablePortIsAUserError()
    {
        using var dir = new TempDir();
        string notAPort = dir.File("plain.txt");
        File.WriteAllText(notAPort, "x");

        var error = Assert.Throws<VirtualDeviceException>(() => DeviceSerialPort.Open(notAPort));

        Assert.Contains("plain.txt", error.Message);
    }

    private static string Ask(ISerialLine line, string command)
    {
        line.WriteLine(command);
        for (int i = 0; i < 50; i++)
        {
            if (line.ReadLine(200, 8192, out string reply) == LineStatus.Line)
            {
                return reply;
            }
        }

        Assert.Fail($"no reply to '{command}' within 10 s");
        return string.Empty;
    }
}
