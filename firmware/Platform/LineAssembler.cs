using System.Text;

namespace AwsIotDevice.Platform
{
    /// <summary>What <see cref="LineAssembler.Push"/> made of one byte.</summary>
    public enum LineAssemblerResult
    {
        /// <summary>The byte was kept (or was the LF of a CRLF); the line is not finished.</summary>
        Pending = 0,

        /// <summary>A terminator ended a line within the limit; take it with <see cref="LineAssembler.TakeLine"/>.</summary>
        Line = 1,

        /// <summary>A terminator ended a line that was longer than the limit; it was discarded.</summary>
        Overflow = 2,
    }

    /// <summary>
    /// Turns a byte stream into lines ended by CR, LF or CRLF, never holding more than a fixed number of bytes
    /// of one line, so a sender that never sends a terminator cannot exhaust the heap. Bytes past the limit
    /// are dropped until the terminator, and the line is reported as an overflow.
    /// Text is UTF-8; the limit counts bytes, which is never fewer than characters.
    /// </summary>
    public class LineAssembler
    {
        private byte[] _buffer;
        private int _length;
        private bool _overflowed;
        private bool _lastWasCr;
        private string _line;

        /// <summary>Creates an assembler whose lines may be up to <paramref name="initialCapacity"/> bytes without reallocating.</summary>
        public LineAssembler(int initialCapacity)
        {
            _buffer = new byte[initialCapacity < 16 ? 16 : initialCapacity];
        }

        /// <summary>
        /// Adds one byte. <paramref name="maxLength"/> is the longest line accepted (bytes, at least 1).
        /// After <see cref="LineAssemblerResult.Line"/>, call <see cref="TakeLine"/> before the next Push.
        /// </summary>
        public LineAssemblerResult Push(byte value, int maxLength)
        {
            if (value == (byte)'\n' && _lastWasCr)
            {
                // Second half of a CRLF: the line already ended at the CR.
                _lastWasCr = false;
                return LineAssemblerResult.Pending;
            }

            _lastWasCr = value == (byte)'\r';

            if (value == (byte)'\r' || value == (byte)'\n')
            {
                bool overflowed = _overflowed;
                _overflowed = false;
                if (overflowed)
                {
                    _length = 0;
                    return LineAssemblerResult.Overflow;
                }

                _line = Encoding.UTF8.GetString(_buffer, 0, _length);
                _length = 0;
                return LineAssemblerResult.Line;
            }

            if (_overflowed)
            {
                return LineAssemblerResult.Pending;
            }

            if (_length >= maxLength)
            {
                _overflowed = true;
                _length = 0;
                return LineAssemblerResult.Pending;
            }

            if (_length == _buffer.Length)
            {
                int grown = _buffer.Length * 2;
                byte[] bigger = new byte[grown > maxLength ? maxLength : grown];
                System.Array.Copy(_buffer, bigger, _length);
                _buffer = bigger;
            }

            _buffer[_length++] = value;
            return LineAssemblerResult.Pending;
        }

        /// <summary>Returns the line completed by the last <see cref="LineAssemblerResult.Line"/> (without terminator) and forgets it.</summary>
        public string TakeLine()
        {
            string line = _line;
            _line = null;
            return line;
        }
    }
}
