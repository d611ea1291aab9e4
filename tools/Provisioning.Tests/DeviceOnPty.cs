using AwsIotDevice.Core.Provisioning;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.SerialLines;

namespace AwsIotDevice.Provisioning.Tests;

/// <summary>
/// The firmware's own <see cref="ProvisioningSession"/> serving a pseudo-terminal's master end on a background
/// thread; tools open <see cref="Port"/> like a UART. Disposing stops the thread (bounded) and closes the pair.
/// </summary>
internal sealed class DeviceOnPty : IDisposable
{
    private readonly IDisposable _channel;
    private readonly Thread _thread;
    private volatile bool _stop;
    private Exception? _error;

    public DeviceOnPty(DeviceSettings? current = null, MemorySettingsStore? store = null)
        : this(PseudoTerminal.OpenPair(), current, store)
    {
    }

    /// <summary>Serves <paramref name="devicePort"/> (e.g. one end of a socat link); <see cref="Port"/> is then "".</summary>
    public DeviceOnPty(ISerialChannel devicePort, DeviceSettings? current = null)
        : this(devicePort, devicePort, string.Empty, current, null)
    {
    }

    private DeviceOnPty(PseudoTerminal pty, DeviceSettings? current, MemorySettingsStore? store)
        : this(pty, pty.Master, pty.SlavePath, current, store)
    {
    }

    private DeviceOnPty(IDisposable channel, ISerialChannel devicePort, string port, DeviceSettings? current, MemorySettingsStore? store)
    {
        _channel = channel;
        Port = port;
        Store = store ?? new MemorySettingsStore();
        Host = new FakeDeviceControl();
        var session = new ProvisioningSession(new SerialLineReader(devicePort), Store, Host, current ?? new DeviceSettings());
        _thread = new Thread(() =>
        {
            try
            {
                while (!_stop && session.ServeOne(50))
                {
                }
            }
            catch (Exception e)
            {
                _error = e;
            }
        })
        { IsBackground = true, Name = "device on " + devicePort.Name };
        _thread.Start();
    }

    /// <summary>The path a tool opens.</summary>
    public string Port { get; }

    public MemorySettingsStore Store { get; }

    public FakeDeviceControl Host { get; }

    /// <summary>The settings the device has stored (parsed back from the store), or null when nothing was stored.</summary>
    public DeviceSettings? Stored => Store.Text is null ? null : SettingsCodec.Parse(Store.Text).Settings;

    public void Dispose()
    {
        _stop = true;
        bool stopped = _thread.Join(5000);
        _channel.Dispose();
        Assert.True(stopped, "the device thread did not stop");
        Assert.Null(_error);
    }
}
