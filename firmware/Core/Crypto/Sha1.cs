using System;

namespace AwsIotDevice.Core.Crypto
{
    /// <summary>
    /// SHA-1 (FIPS 180-4), streaming. Core's own because nanoFramework has none, and the WebSocket handshake needs it
    /// for Sec-WebSocket-Accept (RFC 6455 4.2.2). That is its only use here: SHA-1 is broken for collision resistance
    /// and must not be used for signatures or integrity. Allocates its state once; one owner at a time.
    /// </summary>
    public sealed class Sha1
    {
        /// <summary>Digest length in bytes.</summary>
        public const int HashLength = 20;

        private readonly uint[] _state = new uint[5];
        private readonly uint[] _w = new uint[80];
        private readonly byte[] _block = new byte[64];
        private int _blockFill;
        private long _totalBytes;

        /// <summary>A hasher ready for input.</summary>
        public Sha1()
        {
            Reset();
        }

        /// <summary>The SHA-1 of <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>, as a new array.</summary>
        public static byte[] Hash(byte[] data, int offset, int count)
        {
            Sha1 sha = new Sha1();
            sha.Append(data, offset, count);
            byte[] digest = new byte[HashLength];
            sha.Finish(digest, 0);
            return digest;
        }

        /// <summary>Starts a new message, forgetting any input.</summary>
        public void Reset()
        {
            _state[0] = 0x67452301;
            _state[1] = 0xEFCDAB89;
            _state[2] = 0x98BADCFE;
            _state[3] = 0x10325476;
            _state[4] = 0xC3D2E1F0;
            _blockFill = 0;
            _totalBytes = 0;
        }

        /// <summary>Adds <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/> to the message.</summary>
        /// <exception cref="ArgumentException">The range lies outside <paramref name="data"/>.</exception>
        public void Append(byte[] data, int offset, int count)
        {
            if (count < 0 || offset < 0 || (count > 0 && (data == null || offset > data.Length - count)))
            {
                throw new ArgumentException("range outside the array", "data");
            }

            _totalBytes += count;
            int end = offset + count;
            while (offset < end)
            {
                int take = 64 - _blockFill;
                if (take > end - offset)
                {
                    take = end - offset;
                }

                Array.Copy(data, offset, _block, _blockFill, take);
                _blockFill += take;
                offset += take;
                if (_blockFill == 64)
                {
                    Compress();
                    _blockFill = 0;
                }
            }
        }

        /// <summary>
        /// Pads the message, writes the 20-byte digest into <paramref name="digest"/> at <paramref name="offset"/> and
        /// resets for a new message.
        /// </summary>
        public void Finish(byte[] digest, int offset)
        {
            long bits = _totalBytes * 8;
            _block[_blockFill++] = 0x80;
            if (_blockFill > 56)
            {
                while (_blockFill < 64)
                {
                    _block[_blockFill++] = 0;
                }

                Compress();
                _blockFill = 0;
            }

            while (_blockFill < 56)
            {
                _block[_blockFill++] = 0;
            }

            for (int i = 7; i >= 0; i--)
            {
                _block[_blockFill++] = (byte)(bits >> (i * 8));
            }

            Compress();
            for (int i = 0; i < 5; i++)
            {
                uint word = _state[i];
                digest[offset + i * 4] = (byte)(word >> 24);
                digest[offset + i * 4 + 1] = (byte)(word >> 16);
                digest[offset + i * 4 + 2] = (byte)(word >> 8);
                digest[offset + i * 4 + 3] = (byte)word;
            }

            Reset();
        }

        private void Compress()
        {
            uint[] w = _w;
            for (int t = 0; t < 16; t++)
            {
                int i = t * 4;
                w[t] = ((uint)_block[i] << 24) | ((uint)_block[i + 1] << 16) | ((uint)_block[i + 2] << 8) | _block[i + 3];
            }

            for (int t = 16; t < 80; t++)
            {
                w[t] = Rotate(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
            }

            uint a = _state[0];
            uint b = _state[1];
            uint c = _state[2];
            uint d = _state[3];
            uint e = _state[4];
            for (int t = 0; t < 80; t++)
            {
                uint f;
                uint k;
                if (t < 20)
                {
                    f = (b & c) | (~b & d);
                    k = 0x5A827999;
                }
                else if (t < 40)
                {
                    f = b ^ c ^ d;
                    k = 0x6ED9EBA1;
                }
                else if (t < 60)
                {
                    f = (b & c) | (b & d) | (c & d);
                    k = 0x8F1BBCDC;
                }
                else
                {
                    f = b ^ c ^ d;
                    k = 0xCA62C1D6;
                }

                uint temp = unchecked(Rotate(a, 5) + f + e + k + w[t]);
                e = d;
                d = c;
                c = Rotate(b, 30);
                b = a;
                a = temp;
            }

            unchecked
            {
                _state[0] += a;
                _state[1] += b;
                _state[2] += c;
                _state[3] += d;
                _state[4] += e;
            }
        }

        private static uint Rotate(uint value, int bits)
        {
            return (value << bits) | (value >> (32 - bits));
        }
    }
}
