using AwsIotDevice.Emulator.MqttCodec.Formatting;
using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.Emulator.MqttCodec.Channel;

/// <summary>
/// Encodes packets and writes them to a <see cref="Stream"/>, one whole frame per write followed by a
/// flush. Thread-safe: concurrent callers (e.g. a broker forwarding PUBLISH while acking) are
/// serialized so frames never interleave.
/// </summary>
public sealed class MqttPacketWriter
{
    private readonly Stream _stream;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Creates a writer over <paramref name="stream"/>; it does not own or dispose the stream.</summary>
    public MqttPacketWriter(Stream stream) => _stream = stream ?? throw new ArgumentNullException(nameof(stream));

    /// <summary>
    /// Largest frame the peer accepts (its MQTT 5.0 Maximum Packet Size), or null for no limit. A larger
    /// packet is refused with <see cref="MqttErrorCode.PacketTooLarge"/> before anything is written.
    /// </summary>
    public uint? PeerMaximumPacketSize { get; set; }

    /// <summary>
    /// Encodes <paramref name="packet"/> for <paramref name="version"/>, writes it and flushes. Throws
    /// <see cref="MqttProtocolException"/> if the packet is illegal or too large for the peer (nothing is
    /// written then); transport and cancellation exceptions as the stream throws them (the connection
    /// should then be closed: a frame may be half-written).
    /// </summary>
    public async ValueTask WriteAsync(MqttPacket packet, MqttProtocolVersion version, CancellationToken cancellationToken = default)
    {
        var frame = MqttEncoder.Encode(packet, version);
        if (PeerMaximumPacketSize is { } max && (uint)frame.Length > max)
            throw new MqttProtocolException(MqttErrorCode.PacketTooLarge, $"{Names.Of(packet.Type)}: {frame.Length} bytes exceeds the peer's maximum packet size {max}");
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
