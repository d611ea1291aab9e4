namespace AwsIotDevice.Core.Boot
{
    /// <summary>What the platform says about its managed heap, for sizing the telemetry queue at boot.</summary>
    public interface IMemoryInfo
    {
        /// <summary>
        /// Free managed heap in bytes after a full garbage collection (nanoFramework: <c>GC.Run(true)</c>), or -1 when
        /// the platform cannot tell (the host: memory is not the constraint there).
        /// </summary>
        long FreeBytes();
    }
}
