using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.Tests.Fakes
{
    /// <summary>
    /// HMAC-SHA256 (RFC 2104, FIPS 180-4) written out for the tests only: Core leaves HMAC to the platform
    /// (nanoFramework.System.Security.Cryptography on the board, .NET on the host), so the nf-tests bring their own,
    /// checked against the RFC 4231 vectors in Crypto/TestHmacSha256Tests. Counts its calls.
    /// </summary>
    public sealed class TestHmacSha256 : IHmacSha256
    {
        private static readonly uint[] K =
        {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        };

        /// <summary>Calls of <see cref="Compute"/> so far.</summary>
        public int Calls;

        /// <inheritdoc />
        public byte[] Compute(byte[] key, byte[] data)
        {
            Calls++;
            return Hmac(key, data);
        }

        /// <summary>HMAC-SHA256 of <paramref name="data"/> under <paramref name="key"/>.</summary>
        public static byte[] Hmac(byte[] key, byte[] data)
        {
            byte[] k = key.Length > 64 ? Sha256(key) : key;
            byte[] inner = new byte[64 + data.Length];
            byte[] outer = new byte[64 + 32];
            for (int i = 0; i < 64; i++)
            {
                byte b = i < k.Length ? k[i] : (byte)0;
                inner[i] = (byte)(b ^ 0x36);
                outer[i] = (byte)(b ^ 0x5c);
            }

            System.Array.Copy(data, 0, inner, 64, data.Length);
            byte[] innerHash = Sha256(inner);
            System.Array.Copy(innerHash, 0, outer, 64, 32);
            return Sha256(outer);
        }

        /// <summary>SHA-256 of <paramref name="message"/>.</summary>
        public static byte[] Sha256(byte[] message)
        {
            uint[] h = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
            long bitLength = (long)message.Length * 8;
            int padded = ((message.Length + 9 + 63) / 64) * 64;
            byte[] m = new byte[padded];
            System.Array.Copy(message, 0, m, 0, message.Length);
            m[message.Length] = 0x80;
            for (int i = 0; i < 8; i++)
            {
                m[padded - 1 - i] = (byte)(bitLength >> (8 * i));
            }

            uint[] w = new uint[64];
            for (int block = 0; block < padded; block += 64)
            {
                for (int t = 0; t < 16; t++)
                {
                    int at = block + (4 * t);
                    w[t] = ((uint)m[at] << 24) | ((uint)m[at + 1] << 16) | ((uint)m[at + 2] << 8) | m[at + 3];
                }

                for (int t = 16; t < 64; t++)
                {
                    uint s0 = Rotr(w[t - 15], 7) ^ Rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
                    uint s1 = Rotr(w[t - 2], 17) ^ Rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
                    w[t] = unchecked(w[t - 16] + s0 + w[t - 7] + s1);
                }

                uint a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
                for (int t = 0; t < 64; t++)
                {
                    uint t1 = unchecked(hh + (Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t]);
                    uint t2 = unchecked((Rotr(a, 2) ^ Rotr(a, 13) ^ Rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c)));
                    hh = g;
                    g = f;
                    f = e;
                    e = unchecked(d + t1);
                    d = c;
                    c = b;
                    b = a;
                    a = unchecked(t1 + t2);
                }

                h[0] = unchecked(h[0] + a);
                h[1] = unchecked(h[1] + b);
                h[2] = unchecked(h[2] + c);
                h[3] = unchecked(h[3] + d);
                h[4] = unchecked(h[4] + e);
                h[5] = unchecked(h[5] + f);
                h[6] = unchecked(h[6] + g);
                h[7] = unchecked(h[7] + hh);
            }

            byte[] digest = new byte[32];
            for (int i = 0; i < 8; i++)
            {
                digest[4 * i] = (byte)(h[i] >> 24);
                digest[(4 * i) + 1] = (byte)(h[i] >> 16);
                digest[(4 * i) + 2] = (byte)(h[i] >> 8);
                digest[(4 * i) + 3] = (byte)h[i];
            }

            return digest;
        }

        private static uint Rotr(uint x, int n)
        {
            return (x >> n) | (x << (32 - n));
        }
    }
}
