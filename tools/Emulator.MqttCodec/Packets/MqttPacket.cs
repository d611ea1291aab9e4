namespace AwsIotDevice.Emulator.MqttCodec.Packets;

/// <summary>
/// Base of every control packet. Packets are plain mutable data: they hold no wire state and do no
/// validation themselves; <see cref="Formatting.MqttEncoder"/> validates when encoding and
/// <see cref="Formatting.MqttDecoder"/> only ever returns packets that passed validation.
/// </summary>
public abstract class MqttPacket
{
    /// <summary>The control packet type this class represents.</summary>
    public abstract MqttPacketType Type { get; }
}
