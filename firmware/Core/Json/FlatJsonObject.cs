namespace AwsIotDevice.Core.Json
{
    /// <summary>
    /// A JSON object whose members are all strings or whole numbers, as <see cref="FlatJsonReader"/> read it: names are
    /// unique, in document order. Read-only.
    /// </summary>
    public sealed class FlatJsonObject
    {
        private readonly string[] _names;
        private readonly string[] _strings;
        private readonly long[] _numbers;
        private readonly bool[] _isString;

        internal FlatJsonObject(string[] names, string[] strings, long[] numbers, bool[] isString, int count)
        {
            _names = new string[count];
            _strings = new string[count];
            _numbers = new long[count];
            _isString = new bool[count];
            for (int i = 0; i < count; i++)
            {
                _names[i] = names[i];
                _strings[i] = strings[i];
                _numbers[i] = numbers[i];
                _isString[i] = isString[i];
            }
        }

        /// <summary>Number of members.</summary>
        public int Count
        {
            get { return _names.Length; }
        }

        /// <summary>The name of member <paramref name="index"/> (0..Count-1).</summary>
        public string NameAt(int index)
        {
            return _names[index];
        }

        /// <summary>True when a member is named <paramref name="name"/> (ordinal).</summary>
        public bool Has(string name)
        {
            return IndexOf(name) >= 0;
        }

        /// <summary>True when <paramref name="name"/> is a string member.</summary>
        public bool IsString(string name)
        {
            int index = IndexOf(name);
            return index >= 0 && _isString[index];
        }

        /// <summary>True when <paramref name="name"/> is a whole-number member.</summary>
        public bool IsInteger(string name)
        {
            int index = IndexOf(name);
            return index >= 0 && !_isString[index];
        }

        /// <summary>The value of string member <paramref name="name"/>, or null when absent or not a string.</summary>
        public string GetString(string name)
        {
            int index = IndexOf(name);
            return index >= 0 && _isString[index] ? _strings[index] : null;
        }

        /// <summary>The value of number member <paramref name="name"/>; false when absent or not a number.</summary>
        public bool TryGetInteger(string name, out long value)
        {
            int index = IndexOf(name);
            if (index >= 0 && !_isString[index])
            {
                value = _numbers[index];
                return true;
            }

            value = 0;
            return false;
        }

        /// <summary>The first member name not in <paramref name="allowed"/>, or null when every name is allowed.</summary>
        public string FirstNameNotIn(string[] allowed)
        {
            for (int i = 0; i < _names.Length; i++)
            {
                bool found = false;
                for (int j = 0; j < allowed.Length; j++)
                {
                    if (allowed[j] == _names[i])
                    {
                        found = true;
                        break;
                    }
                }

                if (!found)
                {
                    return _names[i];
                }
            }

            return null;
        }

        private int IndexOf(string name)
        {
            for (int i = 0; i < _names.Length; i++)
            {
                if (_names[i] == name)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
