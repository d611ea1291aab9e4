namespace AwsIotDevice.VirtualDevice;

/// <summary>
/// Bad input to the virtual device (a missing or unreadable settings or CA file, nothing to provision with).
/// The message is one user-facing, secret-free line saying what was wrong, where, and what to do.
/// </summary>
public sealed class VirtualDeviceException : Exception
{
    /// <summary>Creates the exception with its user-facing <paramref name="message"/>.</summary>
    public VirtualDeviceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its user-facing <paramref name="message"/> and the underlying cause.</summary>
    public VirtualDeviceException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
