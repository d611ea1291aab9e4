using System.Text;

namespace AwsIotDevice.SerialLines.Tests;

/// <summary>An <see cref="ISerialChannel"/> that returns scripted chunks, one per Read, then times out or closes.</summary>
internal sealed class ScriptedPort : ISerialChannel
{
    private readonly Queue<byte[]> _chunks = new();

    public ScriptedPort(params byte[][] chunks)
    {
        foreach (byte[] chunk in chunks)
        {
            _chunks.Enqueue(chunk);
        }
    }

    public string Name => "scripted";

    /// <summary>When true, an empty script reads as end-of-stream instead of a timeout.</summary>
    public bool ClosedWhenEmpty { get; set; }

    public int Reads { get; private set; }

    public MemoryStream Written { get; } = new();

    public static byte[] Ascii(string text) => Encoding.UTF8.GetBytes(text);

    public void Add(byte[] chunk) => _chunks.Enqueue(chunk);

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        Reads++;
        if (_chunks.Count == 0)
        {
            return ClosedWhenEmpty ? -1 : 0;
        }

        byte[] chunk = _chunks.Dequeue();
        if (chunk.Length > count)
        {
            throw new InvalidOperationException("test chunk larger than the reader's buffer");
        }

        chunk.CopyTo(buffer, offset);
        return chunk.Length;
    }

    public void Write(byte[] buffer, int offset, int count) => Written.Write(buffer, offset, count);

    public void Dispose()
    {
    }
}
