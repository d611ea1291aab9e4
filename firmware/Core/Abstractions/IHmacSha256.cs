namespace AwsIotDevice.Core.Abstractions
{
    /// <summary>
    /// HMAC-SHA256 (RFC 2104 with SHA-256), which Core needs to authenticate credential renewals but cannot carry itself
    /// (it stays mscorlib-only). The board implements it with nanoFramework.System.Security.Cryptography's HMACSHA256,
    /// the host with .NET's. Must be thread-safe or used from one thread.
    /// </summary>
    public interface IHmacSha256
    {
        /// <summary>The 32-byte HMAC-SHA256 of <paramref name="data"/> under <paramref name="key"/>. Never keeps either.</summary>
        byte[] Compute(byte[] key, byte[] data);
    }
}
