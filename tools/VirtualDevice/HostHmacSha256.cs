using System.Security.Cryptography;
using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.VirtualDevice;

/// <summary>
/// Core's <see cref="IHmacSha256"/> on .NET's HMACSHA256: what the virtual device verifies renewals with (the board uses
/// nanoFramework's), and what host tests check Core's verifier against. Stateless, thread-safe.
/// </summary>
public sealed class HostHmacSha256 : IHmacSha256
{
    /// <inheritdoc />
    public byte[] Compute(byte[] key, byte[] data) => HMACSHA256.HashData(key, data);
}
