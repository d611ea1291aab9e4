namespace AwsIotDevice.Core.Mqtt
{
    /// <summary>
    /// Where the parts of one received PUBLISH sit in the receive buffer, as <see cref="MqttDecoder.ParsePublish"/>
    /// found them. One instance is reused by the client for every inbound message; its offsets are valid only until
    /// the next packet is read.
    /// </summary>
    public sealed class MqttInboundPublish
    {
        /// <summary>The topic name, decoded and checked (well-formed UTF-8, no wildcard, no U+0000).</summary>
        public string Topic;

        /// <summary>0 or 1 (QoS 2 is refused by the parser: Core never subscribes at QoS 2 and AWS has none).</summary>
        public int Qos;

        /// <summary>The RETAIN flag.</summary>
        public bool Retain;

        /// <summary>The DUP flag (a QoS 1 redelivery).</summary>
        public bool Duplicate;

        /// <summary>The packet id (1..65535) for QoS 1; 0 for QoS 0.</summary>
        public int PacketId;

        /// <summary>Index of the first payload byte in the receive buffer.</summary>
        public int PayloadOffset;

        /// <summary>Payload length (0 or more).</summary>
        public int PayloadLength;
    }
}
