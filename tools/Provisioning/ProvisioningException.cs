namespace AwsIotDevice.Provisioning;

/// <summary>
/// Provisioning failed: bad input, no or unreadable answer, or a device refusal. The message is one user-facing
/// line (what, where, what to do) and never contains a secret value.
/// </summary>
public sealed class ProvisioningException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProvisioningException(string message, ProvisioningFailure kind)
        : base(message)
    {
        Kind = kind;
    }

    /// <summary>Which kind of failure, for the exit code.</summary>
    public ProvisioningFailure Kind { get; }
}

/// <summary>The kinds of <see cref="ProvisioningException"/>.</summary>
public enum ProvisioningFailure
{
    /// <summary>The caller's input is wrong (arguments, files, keys, port path); nothing was sent.</summary>
    BadInput,

    /// <summary>The device did not answer, or answered something that is not the protocol.</summary>
    Communication,

    /// <summary>The line closed under us (the device was unplugged or reset): nothing more can be sent on it.</summary>
    LineClosed,
}
