using System.Collections;
using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.Tests.Fakes
{
    /// <summary>
    /// A scripted <see cref="ISerialLine"/>: hands out queued lines (longer than the reader's maximum ones
    /// come back as <see cref="LineStatus.Overflow"/>), then Timeout, or Closed once <see cref="Closed"/> is set.
    /// </summary>
    public class FakeSerialLine : ISerialLine
    {
        private readonly ArrayList _incoming = new ArrayList();

        /// <summary>Every line written, in order.</summary>
        public readonly ArrayList Written = new ArrayList();

        /// <summary>When true and no line is queued, ReadLine reports Closed.</summary>
        public bool Closed;

        public void Queue(string line)
        {
            _incoming.Add(line);
        }

        /// <summary>The last line written, or null.</summary>
        public string LastWritten
        {
            get { return Written.Count == 0 ? null : (string)Written[Written.Count - 1]; }
        }

        public LineStatus ReadLine(int timeoutMs, int maxLength, out string line)
        {
            line = null;
            if (_incoming.Count == 0)
            {
                return Closed ? LineStatus.Closed : LineStatus.Timeout;
            }

            string next = (string)_incoming[0];
            _incoming.RemoveAt(0);
            if (next.Length > maxLength)
            {
                return LineStatus.Overflow;
            }

            line = next;
            return LineStatus.Line;
        }

        public void WriteLine(string line)
        {
            Written.Add(line);
        }
    }
}
