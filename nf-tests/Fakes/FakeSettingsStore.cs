using System;
using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.Tests.Fakes
{
    /// <summary>An in-memory <see cref="ISettingsStore"/>; can be told to fail the next save.</summary>
    public class FakeSettingsStore : ISettingsStore
    {
        /// <summary>The stored text (null: nothing stored yet).</summary>
        public string Text;

        /// <summary>Successful saves so far.</summary>
        public int Saves;

        /// <summary>When true, the next Save throws and leaves <see cref="Text"/> as it was.</summary>
        public bool FailNextSave;

        /// <summary>When true, the next Load throws.</summary>
        public bool FailNextLoad;

        /// <summary>See <see cref="ISettingsStore.Load"/>.</summary>
        /// <exception cref="InvalidOperationException">When <see cref="FailNextLoad"/> was set.</exception>
        public string Load()
        {
            if (FailNextLoad)
            {
                FailNextLoad = false;
                throw new InvalidOperationException("FakeSettingsStore: scripted load failure");
            }

            return Text;
        }

        /// <summary>See <see cref="ISettingsStore.Save"/>.</summary>
        /// <exception cref="InvalidOperationException">When <see cref="FailNextSave"/> was set.</exception>
        public void Save(string text)
        {
            if (FailNextSave)
            {
                FailNextSave = false;
                throw new InvalidOperationException("FakeSettingsStore: scripted save failure");
            }

            Text = text;
            Saves++;
        }
    }
}
