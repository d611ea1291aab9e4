using AwsIotDevice.Emulator.MqttCodec.Formatting;
using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.Emulator.MqttCodec.Channel;

/// <summary>
/// Typed packets over one connection's <see cref="Stream"/>: a <see cref="MqttFrameReader"/> plus a
/// <see cref="MqttPacketWriter"/> sharing the connection's protocol version.
/// <para>Broker: <c>ReadPacketAsync</c> the CONNECT (the channel adopts its version), then
/// <c>WritePacketAsync</c> the CONNACK, then loop. Client: <c>WritePacketAsync</c> a CONNECT (the
/// channel adopts its version), then read the CONNACK.</para>
/// One reader task at a time; writers may be concurrent. The channel does not own the stream.
/// </summary>
public sealed class MqttChannel
{
    private readonly MqttFrameReader _reader;
    private readonly MqttPacketWriter _writer;

    /// <summary>Creates a channel over <paramref name="stream"/> with <paramref name="options"/> for reading.</summary>
    public MqttChannel(Stream stream, MqttFrameReaderOptions? options = null)
    {
        _reader = new MqttFrameReader(stream, options);
        _writer = new MqttPacketWriter(stream);
    }

    /// <summary>
    /// Protocol version used to decode and encode every packet but CONNECT. Starts at 3.1.1; set
    /// automatically when a CONNECT is read successfully or written.
    /// </summary>
    public MqttProtocolVersion ProtocolVersion { get; set; } = MqttProtocolVersion.V311;

    /// <summary>See <see cref="MqttPacketWriter.PeerMaximumPacketSize"/>.</summary>
    public uint? PeerMaximumPacketSize
    {
        get => _writer.PeerMaximumPacketSize;
        set => _writer.PeerMaximumPacketSize = value;
    }

    /// <summary>
    /// Reads and decodes the next packet; null when the peer closed the stream between packets.
    /// Failures as <see cref="MqttFrameReader.ReadFrameAsync"/> and <see cref="MqttDecoder.Decode"/>.
    /// A refused CONNECT carries its version in <see cref="MqttProtocolException.ProtocolVersion"/> when known.
    /// </summary>
    public async ValueTask<MqttPacket?> ReadPacketAsync(CancellationToken cancellationToken = default)
    {
        var frame = await _reader.ReadFrameAsync(cancellationToken).ConfigureAwait(false);
        if (frame is not { } f) return null;
        var packet = MqttDecoder.Decode(f.FixedHeader, f.Body, ProtocolVersion);
        if (packet is ConnectPacket c) ProtocolVersion = c.ProtocolVersion;
        return packet;
    }

    /// <summary>Encodes with <see cref="ProtocolVersion"/> (a CONNECT sets it first), writes and flushes. Failures as <see cref="MqttPacketWriter.WriteAsync"/>.</summary>
    public ValueTask WritePacketAsync(MqttPacket packet, CancellationToken cancellationToken = default)
    {
        if (packet is ConnectPacket c) ProtocolVersion = c.ProtocolVersion;
        return _writer.WriteAsync(packet, ProtocolVersion, cancellationToken);
    }
}
