namespace AwsIotDevice.Emulator.MqttCodec.Channel;

/// <summary>Limits for <see cref="MqttFrameReader"/>.</summary>
public sealed class MqttFrameReaderOptions
{
    /// <summary>
    /// Largest accepted frame in bytes, counting fixed header, remaining length field and body (the
    /// MQTT 5.0 "Maximum Packet Size" definition). Checked as soon as the remaining length is known,
    /// before the body is allocated. Default 256 KiB (AWS IoT Core allows 128 KiB payloads). Must be at least 2.
    /// </summary>
    public int MaxPacketSize { get; init; } = 256 * 1024;

    /// <summary>
    /// Once the first byte of a frame has arrived, the rest must arrive within this time, or the
    /// read fails with <see cref="Formatting.MqttErrorCode.FrameTimeout"/> (guards against slow-loris peers).
    /// <see cref="Timeout.InfiniteTimeSpan"/> disables it. Waiting for the first byte is not covered:
    /// idle/keep-alive timeouts are the caller's, through the CancellationToken. Default 10 s.
    /// </summary>
    public TimeSpan FrameTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Size of the reader's one internal read buffer (bytes read ahead of the current frame). Default 4096.</summary>
    public int ReadBufferSize { get; init; } = 4096;
}
