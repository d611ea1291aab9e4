using System.Collections;

namespace AwsIotDevice.Emulator.MqttCodec.Packets;

/// <summary>
/// The ordered property list of a 5.0 packet (or will). Order is preserved on the wire. Whether a
/// property is allowed in a given packet, may repeat, and has a legal value is checked by the codec,
/// not here. For 3.1.1 packets this list must stay empty.
/// </summary>
public sealed class MqttProperties : IReadOnlyList<MqttProperty>
{
    private readonly List<MqttProperty> _items = [];

    /// <summary>Number of properties.</summary>
    public int Count => _items.Count;

    /// <summary>The property at <paramref name="index"/> in wire order.</summary>
    public MqttProperty this[int index] => _items[index];

    /// <summary>Appends a property.</summary>
    public void Add(MqttProperty property) => _items.Add(property ?? throw new ArgumentNullException(nameof(property)));

    /// <summary>Removes every property with <paramref name="id"/>; returns how many were removed.</summary>
    public int RemoveAll(MqttPropertyId id) => _items.RemoveAll(p => p.Id == id);

    /// <summary>The first property with <paramref name="id"/>, or null.</summary>
    public MqttProperty? Find(MqttPropertyId id)
    {
        foreach (var p in _items) if (p.Id == id) return p;
        return null;
    }

    /// <summary>The value of integer property <paramref name="id"/>; false when absent.</summary>
    public bool TryGetNumber(MqttPropertyId id, out uint value)
    {
        var p = Find(id);
        value = p?.Number ?? 0;
        return p is not null;
    }

    /// <summary>The value of string property <paramref name="id"/>, or null when absent.</summary>
    public string? GetString(MqttPropertyId id) => Find(id)?.Text;

    /// <summary>The value of binary property <paramref name="id"/>, or null when absent.</summary>
    public byte[]? GetBinary(MqttPropertyId id) => Find(id)?.Binary;

    /// <summary>User properties in wire order.</summary>
    public IEnumerable<KeyValuePair<string, string>> UserProperties
    {
        get
        {
            foreach (var p in _items)
                if (p.Id == MqttPropertyId.UserProperty) yield return new(p.Text!, p.PairValue!);
        }
    }

    /// <summary>The wire type of a property id; throws <see cref="ArgumentException"/> for an unknown id.</summary>
    public static MqttPropertyType TypeOf(MqttPropertyId id) => TryTypeOf((byte)id, out var t)
        ? t
        : throw new ArgumentException($"unknown property id 0x{(byte)id:X2}", nameof(id));

    /// <summary>The wire type of a raw property id; false for ids MQTT 5.0 does not define.</summary>
    public static bool TryTypeOf(byte id, out MqttPropertyType type)
    {
        type = id switch
        {
            0x01 or 0x17 or 0x19 or 0x24 or 0x25 or 0x28 or 0x29 or 0x2A => MqttPropertyType.Byte,
            0x13 or 0x21 or 0x22 or 0x23 => MqttPropertyType.TwoByteInteger,
            0x02 or 0x11 or 0x18 or 0x27 => MqttPropertyType.FourByteInteger,
            0x0B => MqttPropertyType.VariableByteInteger,
            0x03 or 0x08 or 0x12 or 0x15 or 0x1A or 0x1C or 0x1F => MqttPropertyType.Utf8String,
            0x09 or 0x16 => MqttPropertyType.BinaryData,
            0x26 => MqttPropertyType.Utf8StringPair,
            _ => (MqttPropertyType)(-1),
        };
        return (int)type >= 0;
    }

    /// <inheritdoc />
    public IEnumerator<MqttProperty> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
