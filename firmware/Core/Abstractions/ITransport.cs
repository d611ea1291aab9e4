namespace AwsIotDevice.Core.Abstractions
{
    /// <summary>
    /// A connected, ordered byte stream: a TLS socket on the board, host TLS in the virtual device, a WebSocket over
    /// either (Core's WebSocketTransport), or a scripted fake in tests. Core's MQTT client speaks through this and never
    /// opens, resolves or owns a network connection itself (the coreMQTT transport-interface shape), so the same
    /// protocol code runs on every platform.
    /// <para>
    /// Threads: Write and Read are called by one owner thread. <see cref="Close"/> may be called from any thread at any
    /// time (a watchdog aborting a blocked call); a Read or Write blocked in another thread must then return -1 promptly.
    /// </para>
    /// <para>
    /// No call throws for a network condition: failures are -1 with <see cref="LastFault"/> and
    /// <see cref="LastErrorDetail"/> saying why. Argument misuse (null buffer, range outside it) may throw.
    /// </para>
    /// </summary>
    public interface ITransport
    {
        /// <summary>
        /// Writes all <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>, blocking
        /// at most about <paramref name="timeoutMs"/> (0 or more). Returns <paramref name="count"/> when everything was
        /// written, -1 when it could not be (closed, failed, or timed out with part of it written: the stream is then
        /// unusable and the caller closes it). The buffer is only read, and not referenced after the call returns.
        /// </summary>
        int Write(byte[] buffer, int offset, int count, int timeoutMs);

        /// <summary>
        /// Reads up to <paramref name="count"/> (1 or more) bytes into <paramref name="buffer"/> at
        /// <paramref name="offset"/>, waiting at most about <paramref name="timeoutMs"/> for the first byte; 0 means
        /// "only what has already arrived" (a poll, never "wait forever"). Returns the number of bytes read (1 or
        /// more, possibly fewer than asked), 0 when nothing arrived in time (a timeout is not a failure: the stream
        /// stays usable), or -1 when the peer closed the stream or it failed. After -1 every later call returns -1.
        /// </summary>
        int Read(byte[] buffer, int offset, int count, int timeoutMs);

        /// <summary>
        /// Closes the stream. Safe at any time, repeatedly, and from any thread; never blocks for long and never
        /// throws. Afterwards Write and Read return -1, including calls blocked in other threads.
        /// </summary>
        void Close();

        /// <summary>
        /// Why the last call returned -1: <see cref="Fault.ConnectionLost"/> when the peer closed the stream, it was
        /// closed locally, or the link broke; a more specific fault where the transport knows one (TlsFailure,
        /// ProtocolError or PacketTooLarge for a WebSocket frame, ...). <see cref="Fault.None"/> before any failure.
        /// Core's MQTT client reports this fault, so the supervisor counts the real cause.
        /// </summary>
        Fault LastFault { get; }

        /// <summary>A short, secret-free description of the last failure ("" before any).</summary>
        string LastErrorDetail { get; }
    }
}
