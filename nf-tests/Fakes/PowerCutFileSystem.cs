using System;
using System.Collections;
using AwsIotDevice.Core.Storage;

namespace AwsIotDevice.Tests.Fakes
{
    /// <summary>Thrown by <see cref="PowerCutFileSystem"/> at the cut, and by every call after it until <see cref="PowerCutFileSystem.Reboot"/>.</summary>
    public class PowerCutException : Exception
    {
        /// <summary>A cut described by <paramref name="message"/>.</summary>
        public PowerCutException(string message)
            : base(message)
        {
        }
    }

    /// <summary>
    /// An in-memory flash drive that loses power at a chosen step: the mutating call number <see cref="CutAt"/> (0-based,
    /// counted from the last <see cref="Reboot"/>) is cut. A cut WriteAll leaves the first half of its bytes (a torn
    /// write); a cut Move or Delete does nothing. After the cut every call throws until <see cref="Reboot"/>. Files
    /// survive reboots. Records every path touched.
    /// </summary>
    public class PowerCutFileSystem : IFileOperations
    {
        // Parallel lists (path, content): mscorlib has ArrayList but not Hashtable.
        private readonly ArrayList _paths = new ArrayList();
        private readonly ArrayList _contents = new ArrayList();
        private int _mutations;
        private bool _off;

        /// <summary>The mutating call to cut (-1: none).</summary>
        public int CutAt = -1;

        /// <summary>When true, WriteAll stores the bytes with their last byte flipped (a write that does not read back).</summary>
        public bool CorruptWrites;

        /// <summary>Every path any call named, in order (may repeat).</summary>
        public readonly ArrayList Touched = new ArrayList();

        /// <summary>True once the cut happened (until <see cref="Reboot"/>).</summary>
        public bool WasCut
        {
            get { return _off; }
        }

        /// <summary>Mutating calls since the last reboot.</summary>
        public int Mutations
        {
            get { return _mutations; }
        }

        /// <summary>Power comes back: no cut is planned, counting restarts, the files are as the cut left them.</summary>
        public void Reboot()
        {
            _off = false;
            CutAt = -1;
            _mutations = 0;
        }

        /// <summary>The content of <paramref name="path"/> or null.</summary>
        public byte[] Peek(string path)
        {
            int index = _paths.IndexOf(path);
            return index < 0 ? null : (byte[])_contents[index];
        }

        /// <summary>Puts <paramref name="bytes"/> at <paramref name="path"/> without counting (test setup).</summary>
        public void Put(string path, byte[] bytes)
        {
            Store(path, bytes);
        }

        /// <inheritdoc />
        public bool Exists(string path)
        {
            Enter(path);
            return _paths.IndexOf(path) >= 0;
        }

        /// <inheritdoc />
        public byte[] ReadAll(string path)
        {
            Enter(path);
            byte[] bytes = Peek(path);
            if (bytes == null)
            {
                throw new InvalidOperationException("no file " + path);
            }

            byte[] copy = new byte[bytes.Length];
            Array.Copy(bytes, copy, bytes.Length);
            return copy;
        }

        /// <inheritdoc />
        public void WriteAll(string path, byte[] bytes)
        {
            Enter(path);
            byte[] copy = new byte[bytes.Length];
            Array.Copy(bytes, copy, bytes.Length);
            if (CorruptWrites && copy.Length > 0)
            {
                copy[copy.Length - 1] ^= 0x01;
            }

            if (Cut())
            {
                byte[] torn = new byte[copy.Length / 2];
                Array.Copy(copy, torn, torn.Length);
                Store(path, torn);
                throw new PowerCutException("power cut while writing " + path);
            }

            Store(path, copy);
        }

        /// <inheritdoc />
        public void Move(string from, string to)
        {
            Enter(from);
            Touched.Add(to);
            if (Cut())
            {
                throw new PowerCutException("power cut before renaming " + from);
            }

            int index = _paths.IndexOf(from);
            if (index < 0 || _paths.IndexOf(to) >= 0)
            {
                throw new InvalidOperationException("cannot move " + from + " to " + to);
            }

            _paths[index] = to;
        }

        /// <inheritdoc />
        public void Delete(string path)
        {
            Enter(path);
            if (Cut())
            {
                throw new PowerCutException("power cut before deleting " + path);
            }

            int index = _paths.IndexOf(path);
            if (index < 0)
            {
                throw new InvalidOperationException("no file " + path);
            }

            _paths.RemoveAt(index);
            _contents.RemoveAt(index);
        }

        private void Store(string path, byte[] bytes)
        {
            int index = _paths.IndexOf(path);
            if (index < 0)
            {
                _paths.Add(path);
                _contents.Add(bytes);
            }
            else
            {
                _contents[index] = bytes;
            }
        }

        private void Enter(string path)
        {
            if (_off)
            {
                throw new PowerCutException("the power is off");
            }

            Touched.Add(path);
        }

        private bool Cut()
        {
            bool cut = _mutations == CutAt;
            _mutations++;
            if (cut)
            {
                _off = true;
            }

            return cut;
        }
    }
}
