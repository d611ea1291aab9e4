using System.Security.Cryptography;
using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.TestSupport;

/// <summary>Core's <see cref="IHmacSha256"/> on .NET's HMACSHA256 (what the virtual device will use; the board uses nanoFramework's).</summary>
public sealed class HostHmacSha256 : IHmacSha256
{
    /// <inheritdoc />
    public byte[] Compute(byte[] key, byte[] data) => HMACSHA256.HashData(key, data);
}
