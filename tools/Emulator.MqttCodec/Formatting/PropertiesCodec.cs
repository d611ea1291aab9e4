using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.Emulator.MqttCodec.Formatting;

/// <summary>Reads and writes a 5.0 property block (variable byte integer length + properties), enforcing <see cref="PropertyRules"/>.</summary>
internal static class PropertiesCodec
{
    public static MqttProperties Read(ref MqttReader r, int context)
    {
        string where = PropertyRules.Name(context) + " properties";
        uint length = r.ReadVarInt(where + " length");
        if (length > r.Remaining)
            throw MqttProtocolException.Malformed($"{r.Packet}: {where} length {length} exceeds the {r.Remaining} bytes left");
        var sub = r.Sub((int)length, where);
        var result = new MqttProperties();
        while (sub.Remaining > 0)
        {
            uint rawId = sub.ReadVarInt(where + " identifier");
            if (rawId > byte.MaxValue || !MqttProperties.TryTypeOf((byte)rawId, out var type))
                throw MqttProtocolException.Malformed($"{r.Packet}: {where}: unknown property identifier 0x{rawId:X2}");
            var id = (MqttPropertyId)rawId;
            string field = $"{where}: {id}";
            MqttProperty p = type switch
            {
                MqttPropertyType.Byte => MqttProperty.FromNumber(id, sub.ReadByte(field)),
                MqttPropertyType.TwoByteInteger => MqttProperty.FromNumber(id, sub.ReadUInt16(field)),
                MqttPropertyType.FourByteInteger => MqttProperty.FromNumber(id, sub.ReadUInt32(field)),
                MqttPropertyType.VariableByteInteger => MqttProperty.FromNumber(id, sub.ReadVarInt(field)),
                MqttPropertyType.Utf8String => MqttProperty.FromString(id, sub.ReadString(field)),
                MqttPropertyType.BinaryData => MqttProperty.FromBinary(id, sub.ReadBinary(field).ToArray()),
                _ => MqttProperty.User(sub.ReadString(field + " name"), sub.ReadString(field + " value")),
            };
            Check(p, result, context, r.Packet + ": ");
            result.Add(p);
        }
        return result;
    }

    private static void Check(MqttProperty p, MqttProperties already, int context, string prefix)
    {
        string where = PropertyRules.Name(context) + " properties";
        if ((PropertyRules.AllowedIn(p.Id) & context) == 0)
            throw MqttProtocolException.Protocol($"{prefix}{where}: property {p.Id} is not allowed here");
        if (!PropertyRules.MayRepeat(p.Id, context) && already.Find(p.Id) is not null)
            throw MqttProtocolException.Protocol($"{prefix}{where}: property {p.Id} appears more than once");
        var reason = PropertyRules.CheckValue(p);
        if (reason is not null)
            throw MqttProtocolException.Protocol($"{prefix}{where}: property {p.Id}: {reason}");
    }

    /// <summary>Validates the whole list for <paramref name="context"/> (encode side).</summary>
    public static void Validate(MqttProperties props, int context)
    {
        var seen = new MqttProperties();
        foreach (var p in props)
        {
            Check(p, seen, context, "cannot encode: ");
            seen.Add(p);
        }
    }

    public static void Write(ref MqttWriter w, MqttProperties props, int context)
    {
        // The length prefix needs the block size, so measure first with a counting writer.
        var m = new MqttWriter(null, 0);
        WriteItems(ref m, props, context);
        w.WriteVarInt(CheckedLength(m.Position));
        WriteItems(ref w, props, context);
    }

    private static uint CheckedLength(int n) => n <= VariableByteInteger.MaxValue
        ? (uint)n
        : throw MqttProtocolException.Malformed($"cannot encode: properties are {n} bytes, more than {VariableByteInteger.MaxValue}");

    private static void WriteItems(ref MqttWriter w, MqttProperties props, int context)
    {
        string what = PropertyRules.Name(context) + " property";
        foreach (var p in props)
        {
            w.WriteVarInt((byte)p.Id);
            switch (MqttProperties.TypeOf(p.Id))
            {
                case MqttPropertyType.Byte: w.WriteByte((byte)p.Number); break;
                case MqttPropertyType.TwoByteInteger: w.WriteUInt16((ushort)p.Number); break;
                case MqttPropertyType.FourByteInteger: w.WriteUInt32(p.Number); break;
                case MqttPropertyType.VariableByteInteger: w.WriteVarInt(p.Number); break;
                case MqttPropertyType.Utf8String: w.WriteString(p.Text!, $"{what} {p.Id}"); break;
                case MqttPropertyType.BinaryData: w.WriteBinary(p.Binary!, $"{what} {p.Id}"); break;
                default:
                    w.WriteString(p.Text!, $"{what} {p.Id} name");
                    w.WriteString(p.PairValue!, $"{what} {p.Id} value");
                    break;
            }
        }
    }
}
