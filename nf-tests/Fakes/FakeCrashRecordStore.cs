using AwsIotDevice.Core.Boot;

namespace AwsIotDevice.Tests.Fakes
{
    /// <summary>An in-memory <see cref="ICrashRecordStore"/> that survives "reboots" (the test keeps it).</summary>
    public class FakeCrashRecordStore : ICrashRecordStore
    {
        /// <summary>The stored text (null: nothing stored).</summary>
        public string Text;

        /// <summary>Saves so far.</summary>
        public int Saves;

        /// <summary>See <see cref="ICrashRecordStore.Load"/>.</summary>
        public string Load()
        {
            return Text;
        }

        /// <summary>See <see cref="ICrashRecordStore.Save"/>.</summary>
        public void Save(string text)
        {
            Text = text;
            Saves++;
        }
    }
}
