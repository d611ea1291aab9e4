using AwsIotDevice.Core.Boot;

namespace AwsIotDevice.Tests.Fakes
{
    /// <summary>An <see cref="IMemoryInfo"/> reporting <see cref="Free"/> bytes (-1: unknown).</summary>
    public class FakeMemory : IMemoryInfo
    {
        /// <summary>What <see cref="FreeBytes"/> returns.</summary>
        public long Free = -1;

        /// <summary>See <see cref="IMemoryInfo.FreeBytes"/>.</summary>
        public long FreeBytes()
        {
            return Free;
        }
    }
}
