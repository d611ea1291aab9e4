namespace AwsIotDevice.Core.Settings
{
    /// <summary>
    /// One thing wrong with the settings or with settings text: which key, where (for text), and a
    /// one-line message that names the key, says what is wrong and what to do. Messages never contain
    /// a secret value.
    /// </summary>
    public class SettingProblem
    {
        /// <summary>Creates a problem; <paramref name="line"/> is 1-based, or 0 when not about a line of text.</summary>
        public SettingProblem(string key, string message, int line)
        {
            Key = key;
            Message = message;
            Line = line;
        }

        /// <summary>The setting concerned, or null when the problem is a malformed line with no usable key.</summary>
        public string Key { get; private set; }

        /// <summary>The full message (starts with "line N: " when <see cref="Line"/> is set).</summary>
        public string Message { get; private set; }

        /// <summary>1-based line number in the parsed text, or 0 for a validation problem.</summary>
        public int Line { get; private set; }

        /// <summary>Returns <see cref="Message"/>.</summary>
        public override string ToString()
        {
            return Message;
        }
    }
}
