namespace AwsIotDevice.Emulator.MqttCodec.Packets;

/// <summary>PINGREQ: no variable header, no payload.</summary>
public sealed class PingReqPacket : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.PingReq;
}

/// <summary>PINGRESP: no variable header, no payload.</summary>
public sealed class PingRespPacket : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.PingResp;
}
