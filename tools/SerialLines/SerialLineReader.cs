using System.Diagnostics;
using System.Text;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Serial;

namespace AwsIotDevice.SerialLines;

/// <summary>
/// The firmware core's <see cref="ISerialLine"/> over an <see cref="ISerialChannel"/>: assembles UTF-8 lines ended by
/// CR, LF or CRLF (a CRLF split across two reads is still one terminator), never holding more than the caller's
/// maximum of one line. A longer line is discarded up to its terminator and reported once as
/// <see cref="LineStatus.Overflow"/>. Partial input survives a <see cref="LineStatus.Timeout"/>. Invalid UTF-8
/// becomes U+FFFD. Lengths are counted in UTF-16 code units, as <see cref="string.Length"/> counts them: the assembling
/// is Core's <see cref="LineAssembler"/>, the same code as the board's UART.
/// One thread reads; writes may come from another. Does not own the port.
/// </summary>
public sealed class SerialLineReader : ISerialLine
{
    private const byte Cr = (byte)'\r';
    private const byte Lf = (byte)'\n';

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly byte[] Terminator = [Cr, Lf];

    private readonly ISerialChannel _port;
    private readonly byte[] _chunk = new byte[4096];
    private readonly object _writeLock = new();
    private int _chunkStart;
    private int _chunkEnd;

    // The firmware's own assembler, so both ends of the cable count a line's length the same way.
    private readonly LineAssembler _assembler = new(256);
    private bool _closed;

    /// <summary>Reads and writes lines on <paramref name="port"/>.</summary>
    public SerialLineReader(ISerialChannel port)
    {
        _port = port ?? throw new ArgumentNullException(nameof(port));
    }

    /// <summary>The port's name, for messages.</summary>
    public string PortName => _port.Name;

    /// <inheritdoc />
    public LineStatus ReadLine(int timeoutMs, int maxLength, out string line)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timeoutMs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLength);
        line = null!;
        long deadline = Stopwatch.GetTimestamp() + (timeoutMs * Stopwatch.Frequency / 1000);
        while (true)
        {
            LineStatus? status = ConsumeBuffered(maxLength, out line);
            if (status is not null)
            {
                return status.Value;
            }

            if (_closed)
            {
                return LineStatus.Closed;
            }

            long remainingMs = Math.Max(0, (deadline - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency);
            int n = _port.Read(_chunk, 0, _chunk.Length, (int)Math.Min(remainingMs, int.MaxValue));
            if (n < 0)
            {
                // A line without its terminator when the channel ends was never sent completely: drop it.
                _closed = true;
                return LineStatus.Closed;
            }

            _chunkStart = 0;
            _chunkEnd = n;
            if (n == 0 && Stopwatch.GetTimestamp() >= deadline)
            {
                return LineStatus.Timeout;
            }
        }
    }

    /// <inheritdoc />
    public void WriteLine(string line)
    {
        byte[] bytes = new byte[Utf8.GetByteCount(line) + Terminator.Length];
        int length = Utf8.GetBytes(line, 0, line.Length, bytes, 0);
        Terminator.CopyTo(bytes, length);
        lock (_writeLock)
        {
            _port.Write(bytes, 0, bytes.Length);
        }
    }

    private LineStatus? ConsumeBuffered(int maxLength, out string line)
    {
        line = null!;
        while (_chunkStart < _chunkEnd)
        {
            LineAssemblerResult result = _assembler.Push(_chunk[_chunkStart++], maxLength);
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

        return null;
    }
}
