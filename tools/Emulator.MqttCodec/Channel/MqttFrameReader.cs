using AwsIotDevice.Emulator.MqttCodec.Formatting;

namespace AwsIotDevice.Emulator.MqttCodec.Channel;

/// <summary>
/// Reads whole MQTT frames from a <see cref="Stream"/>, one at a time. Memory: one read buffer of
/// <see cref="MqttFrameReaderOptions.ReadBufferSize"/> bytes for the reader's life, plus one body array per
/// frame of exactly the declared remaining length, allocated only after that length passed the
/// <see cref="MqttFrameReaderOptions.MaxPacketSize"/> check. Not thread-safe: one reader task per connection.
/// After any exception the stream position is undefined: close the connection.
/// </summary>
public sealed class MqttFrameReader
{
    private readonly Stream _stream;
    private readonly MqttFrameReaderOptions _options;
    private readonly byte[] _buffer;
    private int _start, _end;

    /// <summary>
    /// Creates a reader over <paramref name="stream"/>, which must honour the CancellationToken passed to
    /// ReadAsync (NetworkStream, SslStream and pipe streams do) for the frame timeout to work.
    /// </summary>
    public MqttFrameReader(Stream stream, MqttFrameReaderOptions? options = null)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        _options = options ?? new MqttFrameReaderOptions();
        if (_options.MaxPacketSize < 2) throw new ArgumentOutOfRangeException(nameof(options), "MaxPacketSize must be at least 2");
        if (_options.ReadBufferSize < 16) throw new ArgumentOutOfRangeException(nameof(options), "ReadBufferSize must be at least 16");
        _buffer = new byte[_options.ReadBufferSize];
    }

    /// <summary>
    /// Reads the next frame. Returns null when the stream ends cleanly between frames. Throws
    /// <see cref="MqttProtocolException"/> for a malformed remaining length, a frame larger than the
    /// maximum (<see cref="MqttErrorCode.PacketTooLarge"/>), a frame not completed in time
    /// (<see cref="MqttErrorCode.FrameTimeout"/>) or the stream ending mid-frame
    /// (<see cref="MqttErrorCode.ConnectionClosedMidFrame"/>); <see cref="OperationCanceledException"/> when
    /// <paramref name="cancellationToken"/> fires; transport exceptions (IOException, ...) as the stream throws them.
    /// </summary>
    public async ValueTask<MqttFrame?> ReadFrameAsync(CancellationToken cancellationToken = default)
    {
        if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false)) return null;
        byte header = _buffer[_start++];

        // The frame deadline only costs a timer when the frame is not already fully buffered.
        CancellationTokenSource? deadline = null;
        try
        {
            uint remaining = 0;
            for (int i = 0; ; i++)
            {
                if (_start == _end) await FillMidFrameAsync(Deadline(ref deadline, cancellationToken)).ConfigureAwait(false);
                if (VariableByteInteger.Accumulate(_buffer[_start++], i, ref remaining, "fixed header: remaining length"))
                {
                    long total = 1L + (i + 1) + remaining;
                    if (total > _options.MaxPacketSize)
                        throw new MqttProtocolException(MqttErrorCode.PacketTooLarge,
                            $"{Names.Of((Packets.MqttPacketType)(header >> 4))}: packet of {total} bytes exceeds the maximum packet size {_options.MaxPacketSize}");
                    break;
                }
            }
            if (remaining == 0) return new MqttFrame(header, ReadOnlyMemory<byte>.Empty);

            var body = new byte[remaining];
            int have = Math.Min(_end - _start, body.Length);
            _buffer.AsSpan(_start, have).CopyTo(body);
            _start += have;
            while (have < body.Length)
            {
                var token = Deadline(ref deadline, cancellationToken);
                int n = await _stream.ReadAsync(body.AsMemory(have), token).ConfigureAwait(false);
                if (n == 0) throw ClosedMidFrame(header, have, body.Length);
                have += n;
            }
            return new MqttFrame(header, body);
        }
        catch (OperationCanceledException) when (deadline is not null && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new MqttProtocolException(MqttErrorCode.FrameTimeout,
                $"{Names.Of((Packets.MqttPacketType)(header >> 4))}: frame not completed within {_options.FrameTimeout.TotalSeconds:0.###} s of its first byte (slow or stalled peer)");
        }
        finally
        {
            deadline?.Dispose();
        }
    }

    private CancellationToken Deadline(ref CancellationTokenSource? deadline, CancellationToken outer)
    {
        if (_options.FrameTimeout == Timeout.InfiniteTimeSpan) return outer;
        if (deadline is null)
        {
            deadline = CancellationTokenSource.CreateLinkedTokenSource(outer);
            deadline.CancelAfter(_options.FrameTimeout);
        }
        return deadline.Token;
    }

    private async ValueTask<bool> FillAsync(CancellationToken token)
    {
        _start = 0;
        _end = await _stream.ReadAsync(_buffer.AsMemory(), token).ConfigureAwait(false);
        return _end > 0;
    }

    private async ValueTask FillMidFrameAsync(CancellationToken token)
    {
        if (!await FillAsync(token).ConfigureAwait(false))
            throw new MqttProtocolException(MqttErrorCode.ConnectionClosedMidFrame, "fixed header: stream ended inside the remaining length field");
    }

    private static MqttProtocolException ClosedMidFrame(byte header, int have, int want) =>
        new(MqttErrorCode.ConnectionClosedMidFrame,
            $"{Names.Of((Packets.MqttPacketType)(header >> 4))}: stream ended after {have} of {want} body bytes");
}
