using AwsIotDevice.Core.Boot;

namespace AwsIotDevice.Platform
{
    /// <summary>The managed heap's free bytes, after a full collection, from nanoFramework's native GC.</summary>
    public class DeviceMemory : IMemoryInfo
    {
        /// <inheritdoc />
        public long FreeBytes()
        {
            // nanoFramework.Runtime.Native.GC.Run(compactHeap) collects and returns the free bytes (uint).
            return nanoFramework.Runtime.Native.GC.Run(true);
        }
    }
}
