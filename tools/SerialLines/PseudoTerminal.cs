using AwsIotDevice.SerialLines.Unix;

namespace AwsIotDevice.SerialLines;

/// <summary>
/// A pseudo-terminal pair: a software serial line, the one thing System.IO.Ports cannot make. The virtual device (or
/// a test's device side) talks on <see cref="Master"/>; a tool opens <see cref="SlavePath"/> (/dev/pts/N on Linux,
/// /dev/ttysNNN on macOS) exactly like a real UART, e.g. <c>iotctl provision --port /dev/pts/5</c> or
/// <see cref="SerialPortChannel.Open"/>. The line is raw (no echo, no line editing). The pair keeps its own slave
/// descriptor open until disposed, so tools may open and close the slave any number of times without the master
/// seeing a hang-up. Unix only.
/// </summary>
public sealed class PseudoTerminal : IDisposable
{
    private readonly IDisposable _slaveKeeper;

    private PseudoTerminal(ISerialChannel master, string slavePath, IDisposable slaveKeeper)
    {
        Master = master;
        SlavePath = slavePath;
        _slaveKeeper = slaveKeeper;
    }

    /// <summary>The device end. Wrap it in a <see cref="SerialLineReader"/> to get the firmware core's ISerialLine.</summary>
    public ISerialChannel Master { get; }

    /// <summary>The path a tool opens to talk to the device end.</summary>
    public string SlavePath { get; }

    /// <summary>Creates a pair.</summary>
    /// <exception cref="PlatformNotSupportedException">Not Linux or macOS.</exception>
    /// <exception cref="SerialLineException">The system refused (e.g. out of pseudo-terminals).</exception>
    public static PseudoTerminal OpenPair() => OpenPair(useSelect: OperatingSystem.IsMacOS());

    /// <summary>Creates a pair whose master waits with select() (macOS's way) or poll(); tests use both on Linux.</summary>
    internal static PseudoTerminal OpenPair(bool useSelect)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            var (master, slavePath, slave) = UnixPseudoTerminal.Open(useSelect);
            return new PseudoTerminal(master, slavePath, slave);
        }

        throw new PlatformNotSupportedException("pseudo-terminals exist on Linux and macOS only; on Windows use a com0com virtual port pair");
    }

    /// <summary>Closes both ends; a tool holding the slave open then reads end-of-stream.</summary>
    public void Dispose()
    {
        Master.Dispose();
        _slaveKeeper.Dispose();
    }
}
