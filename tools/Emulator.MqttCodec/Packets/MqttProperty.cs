namespace AwsIotDevice.Emulator.MqttCodec.Packets;

/// <summary>
/// One MQTT 5.0 property. Which value member is meaningful follows from the id's wire type
/// (<see cref="MqttProperties.TypeOf"/>): integers use <see cref="Number"/>, strings <see cref="Text"/>,
/// binary data <see cref="Binary"/>, user properties <see cref="Text"/> (name) + <see cref="PairValue"/>.
/// Build instances with the factory methods; they reject a value of the wrong wire type.
/// </summary>
public sealed class MqttProperty
{
    private MqttProperty(MqttPropertyId id, uint number, string? text, string? pairValue, byte[]? binary)
    {
        Id = id;
        Number = number;
        Text = text;
        PairValue = pairValue;
        Binary = binary;
    }

    /// <summary>The property identifier.</summary>
    public MqttPropertyId Id { get; }

    /// <summary>Value of a byte, two-byte, four-byte or variable-byte integer property; 0 otherwise.</summary>
    public uint Number { get; }

    /// <summary>Value of a string property, or the name of a user property; null otherwise.</summary>
    public string? Text { get; }

    /// <summary>Value of a user property; null otherwise.</summary>
    public string? PairValue { get; }

    /// <summary>Value of a binary property; null otherwise.</summary>
    public byte[]? Binary { get; }

    /// <summary>An integer property. Throws <see cref="ArgumentException"/> if <paramref name="id"/> is not an integer property or the value does not fit its width.</summary>
    public static MqttProperty FromNumber(MqttPropertyId id, uint value)
    {
        uint max = MqttProperties.TypeOf(id) switch
        {
            MqttPropertyType.Byte => byte.MaxValue,
            MqttPropertyType.TwoByteInteger => ushort.MaxValue,
            MqttPropertyType.FourByteInteger => uint.MaxValue,
            MqttPropertyType.VariableByteInteger => Formatting.VariableByteInteger.MaxValue,
            _ => throw new ArgumentException($"property {id} is not an integer property", nameof(id)),
        };
        if (value > max) throw new ArgumentOutOfRangeException(nameof(value), $"property {id} holds at most {max}");
        return new MqttProperty(id, value, null, null, null);
    }

    /// <summary>A UTF-8 string property. Throws <see cref="ArgumentException"/> if <paramref name="id"/> is not a string property.</summary>
    public static MqttProperty FromString(MqttPropertyId id, string value)
    {
        if (MqttProperties.TypeOf(id) != MqttPropertyType.Utf8String) throw new ArgumentException($"property {id} is not a string property", nameof(id));
        return new MqttProperty(id, 0, value ?? throw new ArgumentNullException(nameof(value)), null, null);
    }

    /// <summary>A binary property. Throws <see cref="ArgumentException"/> if <paramref name="id"/> is not a binary property.</summary>
    public static MqttProperty FromBinary(MqttPropertyId id, byte[] value)
    {
        if (MqttProperties.TypeOf(id) != MqttPropertyType.BinaryData) throw new ArgumentException($"property {id} is not a binary property", nameof(id));
        return new MqttProperty(id, 0, null, null, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>A user property (name/value pair; may repeat, order is kept).</summary>
    public static MqttProperty User(string name, string value) =>
        new(MqttPropertyId.UserProperty, 0, name ?? throw new ArgumentNullException(nameof(name)), value ?? throw new ArgumentNullException(nameof(value)), null);
}
