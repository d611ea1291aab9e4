namespace AwsIotDevice.Provisioning;

/// <summary>How long <see cref="ProvisioningClient"/> waits for each kind of reply.</summary>
public sealed record ProvisioningTimeouts
{
    /// <summary>The defaults: HELLO 3 s, other commands 5 s, COMMIT 15 s (it writes flash).</summary>
    public static ProvisioningTimeouts Default { get; } = new();

    /// <summary>HELLO: short, because no answer usually means the board is not in provisioning mode.</summary>
    public TimeSpan Hello { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>GET, SET, ABORT, STATUS, REBOOT.</summary>
    public TimeSpan Command { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>COMMIT validates everything and writes the settings file atomically.</summary>
    public TimeSpan Commit { get; init; } = TimeSpan.FromSeconds(15);
}
