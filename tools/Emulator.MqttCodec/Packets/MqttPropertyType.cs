namespace AwsIotDevice.Emulator.MqttCodec.Packets;

/// <summary>Wire data types of MQTT 5.0 properties (section 1.5).</summary>
public enum MqttPropertyType
{
    /// <summary>One byte.</summary>
    Byte,
    /// <summary>Big-endian 16-bit unsigned integer.</summary>
    TwoByteInteger,
    /// <summary>Big-endian 32-bit unsigned integer.</summary>
    FourByteInteger,
    /// <summary>Variable byte integer (1..4 bytes).</summary>
    VariableByteInteger,
    /// <summary>Length-prefixed UTF-8 string.</summary>
    Utf8String,
    /// <summary>Length-prefixed bytes.</summary>
    BinaryData,
    /// <summary>Two length-prefixed UTF-8 strings.</summary>
    Utf8StringPair,
}
