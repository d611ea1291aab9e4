using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.VirtualDevice;

/// <summary>
/// Backoff jitter (thread-safe; jitter needs no cryptographic quality): from <see cref="Random.Shared"/>, or, given a
/// seed, from its own <see cref="Random"/> so a test's jitter is reproducible.
/// </summary>
public sealed class SystemRandom : IRandomSource
{
    private readonly Random? _seeded;

    /// <summary>Draws from <see cref="Random.Shared"/> when <paramref name="seed"/> is null, else from a generator seeded with it.</summary>
    public SystemRandom(int? seed = null)
    {
        _seeded = seed is int s ? new Random(s) : null;
    }

    /// <inheritdoc />
    public int Next(int maxExclusive)
    {
        if (_seeded is null)
        {
            return Random.Shared.Next(Math.Max(1, maxExclusive));
        }

        // Random is not thread-safe; Random.Shared is.
        lock (_seeded)
        {
            return _seeded.Next(Math.Max(1, maxExclusive));
        }
    }
}
