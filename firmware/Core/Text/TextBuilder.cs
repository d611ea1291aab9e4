using System;

namespace AwsIotDevice.Core.Text
{
    /// <summary>
    /// Builds a string from pieces in a char array it owns, growing by doubling up to a maximum length. Core's
    /// own StringBuilder because nanoFramework's lives outside mscorlib and silently stopped at 32,767 characters
    /// (which once cut a long username). Not thread-safe: one owner at a time.
    /// </summary>
    public sealed class TextBuilder
    {
        /// <summary>The maximum when none is given: far beyond any text the device builds, well below memory.</summary>
        public const int DefaultMaxLength = 1 << 20;

        private readonly int _maxLength;
        private char[] _chars;
        private int _length;

        /// <summary>A builder with room for 16 characters that may grow to <see cref="DefaultMaxLength"/>.</summary>
        public TextBuilder()
            : this(16, DefaultMaxLength)
        {
        }

        /// <summary>
        /// A builder with room for <paramref name="capacity"/> characters (0 or more) that may grow to
        /// <paramref name="maxLength"/> (at least <paramref name="capacity"/>). Size it exactly when the
        /// length is known, so nothing is copied while building.
        /// </summary>
        public TextBuilder(int capacity, int maxLength)
        {
            if (capacity < 0 || maxLength < capacity)
            {
                throw new ArgumentOutOfRangeException("capacity");
            }

            _maxLength = maxLength;
            _chars = new char[capacity < 1 ? 1 : capacity];
        }

        /// <summary>Characters appended so far.</summary>
        public int Length
        {
            get { return _length; }
        }

        /// <summary>Appends <paramref name="value"/> (null appends nothing) and returns this builder.</summary>
        /// <exception cref="InvalidOperationException">The text would exceed the maximum length (nothing appended).</exception>
        public TextBuilder Append(string value)
        {
            if (value == null || value.Length == 0)
            {
                return this;
            }

            Reserve(value.Length);
            for (int i = 0; i < value.Length; i++)
            {
                _chars[_length++] = value[i];
            }

            return this;
        }

        /// <summary>Appends one character and returns this builder.</summary>
        /// <exception cref="InvalidOperationException">The text would exceed the maximum length.</exception>
        public TextBuilder Append(char value)
        {
            Reserve(1);
            _chars[_length++] = value;
            return this;
        }

        /// <summary>Forgets the text, keeping the allocated room.</summary>
        public void Clear()
        {
            _length = 0;
        }

        /// <summary>The text appended so far, as a new string.</summary>
        public override string ToString()
        {
            return new string(_chars, 0, _length);
        }

        private void Reserve(int more)
        {
            if (more > _maxLength - _length)
            {
                throw new InvalidOperationException("text longer than " + _maxLength.ToString() + " characters");
            }

            int needed = _length + more;
            if (needed <= _chars.Length)
            {
                return;
            }

            int size = _chars.Length;
            while (size < needed)
            {
                size = size > _maxLength / 2 ? _maxLength : size * 2;
            }

            char[] larger = new char[size];
            Array.Copy(_chars, 0, larger, 0, _length);
            _chars = larger;
        }
    }
}
