using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.SerialLines;

namespace AwsIotDevice.VirtualDevice;

/// <summary>
/// The virtual device's provisioning line for <c>--serial PATH</c>: an existing PATH (a UART such as /dev/ttyUSB0, or
/// one end of a socat/com0com pair) is opened at 115200 8N1; a PATH that does not exist becomes a new pseudo-terminal
/// pair, with PATH created as a symbolic link to its tool end, so a script can run
/// <c>iotctl provision --port PATH</c> against a known name. The link is removed on dispose; a dangling link left
/// by a killed run is replaced.
/// </summary>
public sealed class DeviceSerialPort : IDisposable
{
    private readonly ISerialChannel _port;
    private readonly PseudoTerminal? _pty;
    private readonly string? _link;

    private DeviceSerialPort(ISerialChannel port, PseudoTerminal? pty, string? link, string toolPath)
    {
        _port = port;
        _pty = pty;
        _link = link;
        ToolPath = toolPath;
        Line = new SerialLineReader(port);
    }

    /// <summary>The device end as the core's serial line.</summary>
    public ISerialLine Line { get; }

    /// <summary>What a host tool opens to talk to the device: PATH itself (for a pseudo-terminal, the link to it).</summary>
    public string ToolPath { get; }

    /// <summary>The pseudo-terminal's own path (/dev/pts/N) when one was created; null for an existing port.</summary>
    public string? PseudoTerminalPath => _pty?.SlavePath;

    /// <summary>Opens or creates the line at <paramref name="path"/> as described on the class.</summary>
    /// <exception cref="VirtualDeviceException">The port cannot be opened, or a pseudo-terminal cannot be created here.</exception>
    public static DeviceSerialPort Open(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new VirtualDeviceException("--serial needs a path: an existing serial port, or a new path for a pseudo-terminal link");
        }

        try
        {
            // A link left by a run that was killed points at a pseudo-terminal that is gone: replace it.
            var info = new FileInfo(path);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { Exists: false })
            {
                File.Delete(path);
            }

            if (File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null)
            {
                ISerialChannel port = SerialPortChannel.Open(path, Core.Provisioning.ProvisioningProtocol.BaudRate);
                return new DeviceSerialPort(port, null, null, path);
            }

            PseudoTerminal pty = PseudoTerminal.OpenPair();
            try
            {
                File.CreateSymbolicLink(path, pty.SlavePath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                pty.Dispose();
                throw new VirtualDeviceException($"cannot create the serial link {path} -> {pty.SlavePath} ({e.GetType().Name}: {e.Message}); choose a writable path");
            }

            return new DeviceSerialPort(pty.Master, pty, path, path);
        }
        catch (SerialLineException e)
        {
            throw new VirtualDeviceException(e.Message, e);
        }
        catch (PlatformNotSupportedException e)
        {
            throw new VirtualDeviceException($"--serial {path}: {e.Message}", e);
        }
    }

    /// <summary>Closes the line; removes the link created for a pseudo-terminal.</summary>
    public void Dispose()
    {
        if (_pty is not null)
        {
            _pty.Dispose();
        }
        else
        {
            _port.Dispose();
        }

        if (_link is not null)
        {
            try
            {
                File.Delete(_link);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
