namespace AwsIotDevice.Core.Abstractions
{
    /// <summary>What one <see cref="ISerialLine.ReadLine"/> call produced.</summary>
    public enum LineStatus
    {
        /// <summary>A complete line arrived.</summary>
        Line = 0,

        /// <summary>No complete line within the timeout (partial input is kept for the next call).</summary>
        Timeout = 1,

        /// <summary>A line longer than the maximum arrived; it was consumed up to its terminator and discarded.</summary>
        Overflow = 2,

        /// <summary>The channel is closed for good.</summary>
        Closed = 3,
    }

    /// <summary>A line-oriented serial channel (UART on the board, a pseudo-terminal on the host).</summary>
    public interface ISerialLine
    {
        /// <summary>
        /// Waits at most <paramref name="timeoutMs"/> for the next line. On <see cref="LineStatus.Line"/>,
        /// <paramref name="line"/> holds it without its terminator (CR, LF or CRLF); otherwise it is null.
        /// Never buffers more than <paramref name="maxLength"/> characters of one line.
        /// </summary>
        LineStatus ReadLine(int timeoutMs, int maxLength, out string line);

        /// <summary>Writes <paramref name="line"/> followed by "\r\n".</summary>
        void WriteLine(string line);
    }
}
