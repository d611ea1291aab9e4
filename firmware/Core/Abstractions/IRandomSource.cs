namespace AwsIotDevice.Core.Abstractions
{
    /// <summary>Uniform random integers; injectable so backoff jitter is testable.</summary>
    public interface IRandomSource
    {
        /// <summary>Returns a uniformly distributed integer in [0, maxExclusive). maxExclusive is at least 1.</summary>
        int Next(int maxExclusive);
    }
}
