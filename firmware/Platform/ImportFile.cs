using System.IO;
using AwsIotDevice.Core.Boot;
using AwsIotDevice.Core.Settings;

namespace AwsIotDevice.Platform
{
    /// <summary>
    /// The settings import file nanoff copies to the internal drive (<see cref="SettingsImport.DefaultPath"/>). Thin: what
    /// to do with it is Core's DeviceBootstrap.
    /// </summary>
    public class ImportFile : IImportFile
    {
        private readonly string _path;

        /// <summary>Uses <see cref="SettingsImport.DefaultPath"/>.</summary>
        public ImportFile()
            : this(SettingsImport.DefaultPath)
        {
        }

        /// <summary>Uses <paramref name="path"/>.</summary>
        public ImportFile(string path)
        {
            _path = path;
        }

        /// <inheritdoc />
        public byte[] Read(int maxBytes)
        {
            if (!File.Exists(_path))
            {
                return null;
            }

            using (FileStream stream = new FileStream(_path, FileMode.Open, FileAccess.Read))
            {
                // Never more than maxBytes + 1 in RAM: one byte over is enough for Core to refuse the file as too large.
                long length = stream.Length;
                int size = length > maxBytes ? maxBytes + 1 : (int)length;
                byte[] bytes = new byte[size];
                int read = 0;
                while (read < size)
                {
                    // nanoFramework's FileStream.Read allocates a buffer of the count asked: small chunks keep the peak low.
                    int chunk = size - read < 1024 ? size - read : 1024;
                    int n = stream.Read(bytes, read, chunk);
                    if (n <= 0)
                    {
                        break;
                    }

                    read += n;
                }

                if (read == size)
                {
                    return bytes;
                }

                byte[] shorter = new byte[read];
                System.Array.Copy(bytes, shorter, read);
                return shorter;
            }
        }

        /// <inheritdoc />
        public void Delete()
        {
            if (File.Exists(_path))
            {
                File.Delete(_path);
            }
        }
    }
}
