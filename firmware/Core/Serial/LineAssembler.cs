using System;
using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Serial
{
    /// <summary>
    /// Turns a byte stream into text lines ended by CR, LF or CRLF (a CRLF split between two pushes is still one
    /// terminator), the way <see cref="Abstractions.ISerialLine"/> promises on every side (the board's UART, the host's
    /// serial reader): the limit counts characters as <see cref="string.Length"/> does (UTF-16 units: a 4-byte UTF-8
    /// sequence is two), and never more than 4 bytes per character are held, which also bounds a run of stray
    /// continuation bytes (they count as no character). A line over the limit is dropped up to its terminator and
    /// reported once as an overflow, so a sender that never ends a line cannot exhaust the heap. Bytes are UTF-8;
    /// ill-formed parts become U+FFFD (<see cref="Utf8.DecodeReplacing"/>) rather than losing the line.
    /// Not thread-safe: the reading thread owns it.
    /// </summary>
    public sealed class LineAssembler
    {
        private const byte Cr = (byte)'\r';
        private const byte Lf = (byte)'\n';

        private byte[] _buffer;
        private int _bytes;
        private int _chars;
        private bool _overflowed;
        private bool _afterCr;
        private string _line;

        /// <summary>An assembler whose lines up to <paramref name="initialCapacity"/> bytes (at least 16) need no reallocation.</summary>
        public LineAssembler(int initialCapacity)
        {
            _buffer = new byte[initialCapacity < 16 ? 16 : initialCapacity];
        }

        /// <summary>
        /// Adds one byte. <paramref name="maxLength"/> is the longest line accepted, in characters (values below 1 count
        /// as 1). After <see cref="LineAssemblerResult.Line"/>, call <see cref="TakeLine"/> before the next Push.
        /// </summary>
        public LineAssemblerResult Push(byte value, int maxLength)
        {
            int max = maxLength < 1 ? 1 : maxLength;
            if (_afterCr)
            {
                _afterCr = false;
                if (value == Lf)
                {
                    // Second half of a CRLF: the line already ended at the CR.
                    return LineAssemblerResult.Pending;
                }
            }

            if (value == Cr || value == Lf)
            {
                _afterCr = value == Cr;
                bool overflowed = _overflowed;
                if (!overflowed)
                {
                    _line = Utf8.DecodeReplacing(_buffer, 0, _bytes);
                }

                _overflowed = false;
                _bytes = 0;
                _chars = 0;
                return overflowed ? LineAssemblerResult.Overflow : LineAssemblerResult.Line;
            }

            if (_overflowed)
            {
                return LineAssemblerResult.Pending;
            }

            // A lead byte starts a character (a 4-byte sequence is a surrogate pair: two); continuation bytes do not.
            _chars += (value & 0xC0) == 0x80 ? 0 : value >= 0xF0 ? 2 : 1;
            long byteCap = 4L * max;
            if (_chars > max || _bytes >= byteCap)
            {
                _overflowed = true;
                _bytes = 0;
                _chars = 0;
                return LineAssemblerResult.Pending;
            }

            if (_bytes == _buffer.Length)
            {
                long grown = _buffer.Length * 2L;
                byte[] bigger = new byte[grown > byteCap ? (int)byteCap : (int)grown];
                Array.Copy(_buffer, bigger, _bytes);
                _buffer = bigger;
            }

            _buffer[_bytes++] = value;
            return LineAssemblerResult.Pending;
        }

        /// <summary>The line completed by the last <see cref="LineAssemblerResult.Line"/> (without terminator), then forgets it; null when none.</summary>
        public string TakeLine()
        {
            string line = _line;
            _line = null;
            return line;
        }
    }
}
