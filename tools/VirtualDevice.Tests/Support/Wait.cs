using System.Diagnostics;

namespace AwsIotDevice.VirtualDevice.Tests.Support;

internal static class Wait
{
    /// <summary>Polls <paramref name="condition"/> until true or <paramref name="timeout"/>; returns its last value.</summary>
    public static bool Until(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(50);
        }

        return condition();
    }
}
