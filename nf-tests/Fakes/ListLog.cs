using System.Collections;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Tests.Fakes
{
    /// <summary>An <see cref="ILog"/> that keeps every line ("INFO ..." / "WARN ...") for assertions.</summary>
    public class ListLog : ILog
    {
        /// <summary>Every line logged, in order.</summary>
        public readonly ArrayList Lines = new ArrayList();

        /// <summary>See <see cref="ILog.Info"/>.</summary>
        public void Info(string message)
        {
            Lines.Add("INFO " + message);
        }

        /// <summary>See <see cref="ILog.Warn"/>.</summary>
        public void Warn(string message)
        {
            Lines.Add("WARN " + message);
        }

        /// <summary>How many lines contain <paramref name="text"/>.</summary>
        public int CountContaining(string text)
        {
            int count = 0;
            for (int i = 0; i < Lines.Count; i++)
            {
                if (((string)Lines[i]).IndexOf(text) >= 0)
                {
                    count++;
                }
            }

            return count;
        }

        /// <summary>All lines joined with "\n".</summary>
        public string AllText()
        {
            TextBuilder builder = new TextBuilder();
            for (int i = 0; i < Lines.Count; i++)
            {
                builder.Append((string)Lines[i]).Append('\n');
            }

            return builder.ToString();
        }
    }
}
