namespace AwsIotDevice.Core.Mqtt
{
    /// <summary>
    /// MQTT 3.1.1 control packet types (the high nibble of the fixed header, spec 2.2.1) and the fixed-header bytes
    /// Core sends. Constants rather than an enum so a header byte can be compared without a cast.
    /// </summary>
    public static class MqttPacketType
    {
        public const int Connect = 1;
        public const int Connack = 2;
        public const int Publish = 3;
        public const int Puback = 4;
        public const int Pubrec = 5;
        public const int Pubrel = 6;
        public const int Pubcomp = 7;
        public const int Subscribe = 8;
        public const int Suback = 9;
        public const int Unsubscribe = 10;
        public const int Unsuback = 11;
        public const int Pingreq = 12;
        public const int Pingresp = 13;
        public const int Disconnect = 14;

        private static readonly string[] Names =
        {
            "reserved(0)", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL", "PUBCOMP", "SUBSCRIBE",
            "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT", "reserved(15)",
        };

        /// <summary>The spec's name for packet type <paramref name="type"/> (0..15), for detail strings.</summary>
        public static string NameOf(int type)
        {
            return type >= 0 && type < Names.Length ? Names[type] : "type " + type.ToString();
        }

        /// <summary>CONNECT fixed-header byte (flags 0).</summary>
        public const byte ConnectHeader = 0x10;

        /// <summary>PUBLISH fixed-header byte before the DUP, QoS and RETAIN flags are added.</summary>
        public const byte PublishHeader = 0x30;

        /// <summary>PUBACK fixed-header byte (flags 0).</summary>
        public const byte PubackHeader = 0x40;

        /// <summary>SUBSCRIBE fixed-header byte: its flags are 0b0010 by rule [MQTT-3.8.1-1].</summary>
        public const byte SubscribeHeader = 0x82;

        /// <summary>PINGREQ fixed-header byte (flags 0).</summary>
        public const byte PingreqHeader = 0xC0;

        /// <summary>DISCONNECT fixed-header byte (flags 0).</summary>
        public const byte DisconnectHeader = 0xE0;
    }
}
