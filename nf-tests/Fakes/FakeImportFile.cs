using System;
using AwsIotDevice.Core.Boot;

namespace AwsIotDevice.Tests.Fakes
{
    /// <summary>An in-memory <see cref="IImportFile"/>: <see cref="Bytes"/> null means no file.</summary>
    public class FakeImportFile : IImportFile
    {
        /// <summary>The file's content (null: no file).</summary>
        public byte[] Bytes;

        /// <summary>Deletes so far.</summary>
        public int Deletes;

        /// <summary>When true, Read throws.</summary>
        public bool FailRead;

        /// <summary>See <see cref="IImportFile.Read"/>.</summary>
        public byte[] Read(int maxBytes)
        {
            if (FailRead)
            {
                throw new InvalidOperationException("FakeImportFile: scripted read failure");
            }

            return Bytes;
        }

        /// <summary>See <see cref="IImportFile.Delete"/>.</summary>
        public void Delete()
        {
            Bytes = null;
            Deletes++;
        }
    }
}
