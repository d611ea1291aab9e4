using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Backoff;

namespace AwsIotDevice.VirtualDevice;

/// <summary>
/// The virtual device's reconnect backoff: the board's <see cref="BackoffPolicy"/> with other bounds and, when
/// <see cref="Seed"/> is set, reproducible jitter. For tests whose time bounds must not depend on a 120 s cap (the soak).
/// </summary>
public sealed class BackoffOptions
{
    /// <summary>First ceiling (ms).</summary>
    public int BaseMs { get; init; } = BackoffPolicy.DefaultBaseMs;

    /// <summary>Largest delay (ms).</summary>
    public int CapMs { get; init; } = BackoffPolicy.DefaultCapMs;

    /// <summary>A session this long (ms) resets the attempt count.</summary>
    public int ResetAfterMs { get; init; } = BackoffPolicy.DefaultResetAfterMs;

    /// <summary>Seed of the jitter; null draws from <see cref="Random.Shared"/>.</summary>
    public int? Seed { get; init; }

    /// <summary>A new policy (one per boot: the backoff state is RAM on a board).</summary>
    public BackoffPolicy Create() =>
        new(new SystemRandom(Seed), BaseMs, CapMs, ResetAfterMs);
}
