namespace AwsIotDevice.Demo;

/// <summary>The bounds a full-jitter backoff must respect, computed independently of the device's BackoffPolicy.</summary>
internal static class FullJitter
{
    /// <summary>
    /// The largest delay allowed for the failure that left the attempt counter at <paramref name="attemptAfter"/>
    /// (the n-th consecutive failure, n from 0, draws from [0, min(cap, base * 2^n)] and then counts itself).
    /// </summary>
    public static long CeilingMs(int attemptAfter, int baseMs, int capMs)
    {
        int n = Math.Max(0, attemptAfter - 1);
        double ceiling = baseMs * Math.Pow(2, Math.Min(n, 40));
        return (long)Math.Min(capMs, ceiling);
    }
}
