namespace AwsIotDevice.Emulator.MqttCodec.Packets;

/// <summary>The will message inside CONNECT: published by the server if the connection ends abnormally.</summary>
public sealed class MqttWill
{
    /// <summary>Will topic: a topic name (no wildcards, not empty).</summary>
    public string Topic { get; set; } = "";

    /// <summary>Will payload (may be empty).</summary>
    public byte[] Payload { get; set; } = [];

    /// <summary>QoS the will is published with.</summary>
    public MqttQos QoS { get; set; }

    /// <summary>Whether the will is retained.</summary>
    public bool Retain { get; set; }

    /// <summary>Will properties (5.0 only; must be empty for 3.1.1).</summary>
    public MqttProperties Properties { get; set; } = new();
}
