namespace AwsIotDevice.Emulator.MqttCodec.Tests.Support;

/// <summary>
/// A read-only stream over fixed bytes that hands out at most <paramref name="chunk"/> bytes per read,
/// and then either ends or stalls (waits until the read is cancelled), to model slow and stuck peers.
/// Reads complete synchronously while data lasts, so allocation can be measured on the test thread.
/// </summary>
internal sealed class ScriptedStream(byte[] data, int chunk = int.MaxValue, bool stallAtEnd = false) : Stream
{
    private int _pos;

    public int ReadCalls { get; private set; }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ReadCalls++;
        if (_pos == data.Length)
        {
            if (!stallAtEnd) return 0;
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        int n = Math.Min(Math.Min(chunk, buffer.Length), data.Length - _pos);
        data.AsSpan(_pos, n).CopyTo(buffer.Span);
        _pos += n;
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("async only");
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
