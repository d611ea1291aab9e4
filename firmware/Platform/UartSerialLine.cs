using System;
using System.IO.Ports;
using System.Text;
using System.Threading;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Serial;
using nanoFramework.Hardware.Esp32;

namespace AwsIotDevice.Platform
{
    /// <summary>
    /// The provisioning line protocol on an ESP32 UART (COM2 by default; COM1 carries the debugger's wire
    /// protocol and must not be used). 115200 8N1, no flow control, 3.3 V logic.
    /// </summary>
    public class UartSerialLine : ISerialLine, IDisposable
    {
        /// <summary>Speed of the provisioning protocol (DESIGN.md "Serial provisioning").</summary>
        public const int BaudRate = 115200;

        // The native driver's single work buffer; a 6 KB token line arrives in about 0.5 s at 115200 baud,
        // so it must not overflow while the reader thread is busy elsewhere.
        private const int DriverBufferBytes = 2048;
        private const int ChunkBytes = 256;
        private const int WaitSliceMs = 50;

        private readonly SerialPort _port;
        private readonly AutoResetEvent _dataArrived = new AutoResetEvent(false);
        private readonly LineAssembler _assembler = new LineAssembler(256);
        private readonly byte[] _chunk = new byte[ChunkBytes];
        private int _chunkPos;
        private int _chunkLength;
        private bool _closed;

        /// <summary>
        /// Routes COM2 to <paramref name="rxPin"/> / <paramref name="txPin"/> (ESP32 GPIO numbers) and opens it.
        /// Throws if the port cannot be opened (pins already taken, port in use).
        /// </summary>
        public UartSerialLine(int rxPin, int txPin)
        {
            Configuration.SetPinFunction(rxPin, DeviceFunction.COM2_RX);
            Configuration.SetPinFunction(txPin, DeviceFunction.COM2_TX);

            _port = new SerialPort("COM2", BaudRate, Parity.None, 8, StopBits.One);
            _port.Handshake = Handshake.None;
            _port.ReadBufferSize = DriverBufferBytes;
            _port.DataReceived += OnDataReceived;
            _port.Open();
        }

        /// <inheritdoc />
        public LineStatus ReadLine(int timeoutMs, int maxLength, out string line)
        {
            line = null;
            if (maxLength < 1)
            {
                maxLength = 1;
            }

            long deadline = Environment.TickCount64 + (timeoutMs < 0 ? 0 : timeoutMs);

            while (true)
            {
                while (_chunkPos < _chunkLength)
                {
                    LineAssemblerResult result = _assembler.Push(_chunk[_chunkPos++], maxLength);
                    if (result == LineAssemblerResult.Line)
                    {
                        line = _assembler.TakeLine();
                        return LineStatus.Line;
                    }

                    if (result == LineAssemblerResult.Overflow)
                    {
                        return LineStatus.Overflow;
                    }
                }

                if (_closed)
                {
                    return LineStatus.Closed;
                }

                int available;
                try
                {
                    available = _port.BytesToRead;
                    if (available > 0)
                    {
                        _chunkLength = _port.Read(_chunk, 0, available < ChunkBytes ? available : ChunkBytes);
                        _chunkPos = 0;
                        continue;
                    }
                }
                catch (Exception)
                {
                    _closed = true;
                    return LineStatus.Closed;
                }

                long remaining = deadline - Environment.TickCount64;
                if (remaining <= 0)
                {
                    return LineStatus.Timeout;
                }

                _dataArrived.WaitOne(remaining < WaitSliceMs ? (int)remaining : WaitSliceMs, false);
            }
        }

        /// <inheritdoc />
        public void WriteLine(string line)
        {
            if (_closed)
            {
                return;
            }

            byte[] bytes = Encoding.UTF8.GetBytes((line == null ? string.Empty : line) + "\r\n");
            try
            {
                _port.Write(bytes, 0, bytes.Length);
            }
            catch (Exception)
            {
                _closed = true;
            }
        }

        /// <summary>Closes the port; later reads return <see cref="LineStatus.Closed"/>.</summary>
        public void Dispose()
        {
            _closed = true;
            _port.DataReceived -= OnDataReceived;
            _port.Close();
            _port.Dispose();
            _dataArrived.Set();
        }

        private void OnDataReceived(object sender, SerialDataReceivedEventArgs e)
        {
            _dataArrived.Set();
        }
    }
}
