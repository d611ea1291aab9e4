using AwsIotDevice.Emulator.MqttCodec.Packets;
using AwsIotDevice.Emulator.MqttCodec.Topics;

namespace AwsIotDevice.Emulator.MqttCodec.Formatting;

/// <summary>CONNECT body (section 3.1). The protocol level inside decides 3.1.1 vs 5.0 layout.</summary>
internal static class ConnectCodec
{
    private const byte FlagReserved = 0x01, FlagClean = 0x02, FlagWill = 0x04, FlagWillRetain = 0x20, FlagPassword = 0x40, FlagUser = 0x80;

    public static ConnectPacket Decode(ref MqttReader r)
    {
        string name = r.ReadString("protocol name");
        byte level = r.ReadByte("protocol level");
        if (name == "MQIsdp")
            throw new MqttProtocolException(MqttErrorCode.UnsupportedProtocolVersion, $"CONNECT: protocol 'MQIsdp' level {level} (MQTT 3.1) is not supported; use 3.1.1 or 5.0");
        if (name != "MQTT")
            throw new MqttProtocolException(MqttErrorCode.UnsupportedProtocolName, $"CONNECT: protocol name '{name}' is not 'MQTT' (MQTT-3.1.2-1)");
        if (level != 4 && level != 5)
            throw new MqttProtocolException(MqttErrorCode.UnsupportedProtocolVersion, $"CONNECT: protocol level {level} is not supported (4 = 3.1.1, 5 = 5.0) (MQTT-3.1.2-2)");
        var v = (MqttProtocolVersion)level;
        try
        {
            return DecodeAfterLevel(ref r, v);
        }
        catch (MqttProtocolException e) when (e.ProtocolVersion is null)
        {
            throw new MqttProtocolException(e.Code, e.Message, v);
        }
    }

    private static ConnectPacket DecodeAfterLevel(ref MqttReader r, MqttProtocolVersion v)
    {
        var p = new ConnectPacket { ProtocolVersion = v };
        byte flags = r.ReadByte("connect flags");
        if ((flags & FlagReserved) != 0) throw MqttProtocolException.Malformed("CONNECT: reserved connect flag (bit 0) is set (MQTT-3.1.2-3)");
        bool will = (flags & FlagWill) != 0, user = (flags & FlagUser) != 0, password = (flags & FlagPassword) != 0;
        int willQos = (flags >> 3) & 0x03;
        bool willRetain = (flags & FlagWillRetain) != 0;
        if (!will && willQos != 0) throw MqttProtocolException.Malformed("CONNECT: will QoS is set without the will flag (MQTT-3.1.2-13)");
        if (!will && willRetain) throw MqttProtocolException.Malformed("CONNECT: will retain is set without the will flag (MQTT-3.1.2-15)");
        if (v == MqttProtocolVersion.V311 && password && !user)
            throw MqttProtocolException.Malformed("CONNECT: password flag set without user name flag (MQTT-3.1.2-22; allowed only in 5.0)");
        p.CleanSession = (flags & FlagClean) != 0;
        p.KeepAliveSeconds = r.ReadUInt16("keep alive");
        if (v == MqttProtocolVersion.V500) p.Properties = PropertiesCodec.Read(ref r, PropertyRules.Of(MqttPacketType.Connect));
        p.ClientId = r.ReadString("client identifier");
        if (will)
        {
            var w = new MqttWill { QoS = Guards.Qos(willQos, "CONNECT: will", "MQTT-3.1.2-14"), Retain = willRetain };
            if (v == MqttProtocolVersion.V500) w.Properties = PropertiesCodec.Read(ref r, PropertyRules.Will);
            w.Topic = r.ReadString("will topic");
            var reason = MqttTopic.CheckName(w.Topic);
            if (reason is not null) throw MqttProtocolException.Malformed($"CONNECT: will topic: {reason}");
            w.Payload = r.ReadBinary("will payload").ToArray();
            p.Will = w;
        }
        if (user) p.Username = r.ReadString("user name");
        if (password) p.Password = r.ReadBinary("password").ToArray();
        r.ExpectEnd("CONNECT payload");
        return p;
    }

    public static void Write(ref MqttWriter w, ConnectPacket p)
    {
        var v = p.ProtocolVersion;
        Guards.Version(v);
        Guards.NoProperties(p.Properties, v, "CONNECT");
        if (v == MqttProtocolVersion.V311 && p.Password is not null && p.Username is null)
            throw MqttProtocolException.Malformed("cannot encode CONNECT: a password without a user name needs MQTT 5.0 (MQTT-3.1.2-22)");
        byte flags = 0;
        if (p.CleanSession) flags |= FlagClean;
        if (p.Will is { } will)
        {
            Guards.NoProperties(will.Properties, v, "CONNECT will");
            Guards.Qos((int)will.QoS, "cannot encode CONNECT will", "MQTT-3.1.2-14");
            var reason = MqttTopic.CheckName(will.Topic);
            if (reason is not null) throw MqttProtocolException.Malformed($"cannot encode CONNECT will topic: {reason}");
            flags |= FlagWill;
            flags |= (byte)((int)will.QoS << 3);
            if (will.Retain) flags |= FlagWillRetain;
        }
        if (p.Username is not null) flags |= FlagUser;
        if (p.Password is not null) flags |= FlagPassword;

        w.WriteString("MQTT", "protocol name");
        w.WriteByte((byte)v);
        w.WriteByte(flags);
        w.WriteUInt16(p.KeepAliveSeconds);
        if (v == MqttProtocolVersion.V500) WriteProps(ref w, p.Properties, PropertyRules.Of(MqttPacketType.Connect));
        w.WriteString(p.ClientId, "CONNECT client identifier");
        if (p.Will is { } wl)
        {
            if (v == MqttProtocolVersion.V500) WriteProps(ref w, wl.Properties, PropertyRules.Will);
            w.WriteString(wl.Topic, "CONNECT will topic");
            w.WriteBinary(wl.Payload, "CONNECT will payload");
        }
        if (p.Username is not null) w.WriteString(p.Username, "CONNECT user name");
        if (p.Password is not null) w.WriteBinary(p.Password, "CONNECT password");
    }

    internal static void WriteProps(ref MqttWriter w, MqttProperties props, int context)
    {
        PropertiesCodec.Validate(props, context);
        PropertiesCodec.Write(ref w, props, context);
    }
}
