using System.Security.Cryptography;
using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.Platform
{
    /// <summary>
    /// Core's <see cref="IHmacSha256"/> on nanoFramework.System.Security.Cryptography's HMACSHA256 (mbedTLS underneath),
    /// which authenticates credential renewals under aws.renewalKey. A new HMACSHA256 per call: renewals are rare, and
    /// nothing keyed stays in RAM between them. Supervisor's thread.
    /// </summary>
    public sealed class DeviceHmacSha256 : IHmacSha256
    {
        /// <inheritdoc />
        public byte[] Compute(byte[] key, byte[] data)
        {
            // Not disposed on purpose: HMACSHA256 keeps the caller's key array itself and Dispose clears it, which would
            // wipe the renewal key Core holds for the next message. The instance owns no native resource.
            HMACSHA256 hmac = new HMACSHA256(key);
            return hmac.ComputeHash(data);
        }
    }
}
