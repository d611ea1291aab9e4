namespace AwsIotDevice.Emulator.MqttCodec.Packets;

/// <summary>Quality of service of a PUBLISH, a will message, or a subscription. 3 does not exist on the wire.</summary>
public enum MqttQos : byte
{
    /// <summary>QoS 0: fire and forget, no packet id.</summary>
    AtMostOnce = 0,
    /// <summary>QoS 1: acknowledged with PUBACK.</summary>
    AtLeastOnce = 1,
    /// <summary>QoS 2: PUBREC/PUBREL/PUBCOMP handshake.</summary>
    ExactlyOnce = 2,
}
