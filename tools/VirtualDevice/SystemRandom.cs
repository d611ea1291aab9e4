using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.VirtualDevice;

/// <summary>Backoff jitter from <see cref="Random.Shared"/> (thread-safe; jitter needs no cryptographic quality).</summary>
public sealed class SystemRandom : IRandomSource
{
    /// <inheritdoc />
    public int Next(int maxExclusive) => Random.Shared.Next(Math.Max(1, maxExclusive));
}
