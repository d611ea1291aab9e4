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
            HMACSHA256 hmac = new HMACSHA256(key);
            return hmac.ComputeHash(data);
        }
    }
}
