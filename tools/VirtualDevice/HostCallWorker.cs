using AwsIotDevice.Core.Threading;

namespace AwsIotDevice.VirtualDevice;

/// <summary>
/// The virtual device's call worker: Core's <see cref="ThreadCallWorker"/> (the board's), with a background thread so
/// that a call blocked for good does not keep the host process alive.
/// </summary>
public sealed class HostCallWorker : ThreadCallWorker
{
    /// <inheritdoc />
    protected override void Configure(Thread thread)
    {
        thread.IsBackground = true;
        thread.Name = "virtual-device-calls";
    }
}
