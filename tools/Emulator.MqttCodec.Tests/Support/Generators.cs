using System.Text;
using FsCheck;
using FsCheck.Fluent;
using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.Emulator.MqttCodec.Tests.Support;

/// <summary>FsCheck generators of valid packets (for round trips) and their building blocks.</summary>
internal static class Generators
{
    /// <summary>One code point from every UTF-8 length class, never U+0000 or a surrogate.</summary>
    private static readonly Gen<string> CodePoint = Gen.Frequency(
        (6, Gen.Choose(0x01, 0x7F)),
        (2, Gen.Choose(0x80, 0x7FF)),
        (2, Gen.OneOf(Gen.Choose(0x800, 0xD7FF), Gen.Choose(0xE000, 0xFFFF))),
        (1, Gen.Choose(0x10000, 0x10FFFF))).Select(char.ConvertFromUtf32);

    private static Gen<string> TextOf(Gen<string> chars, int maxLength) =>
        from n in Gen.Choose(0, maxLength)
        from parts in Gen.ArrayOf(chars, n)
        select string.Concat(parts);

    /// <summary>Any legal MQTT string (unicode, may be empty).</summary>
    public static readonly Gen<string> MqttString = TextOf(CodePoint, 24);

    private static readonly Gen<string> LevelText = TextOf(CodePoint.Where(s => s is not ("/" or "+" or "#")), 8);

    /// <summary>Legal topic names: 1..5 levels (levels may be empty), no wildcards, never empty.</summary>
    public static readonly Gen<string> TopicName =
        from n in Gen.Choose(1, 5)
        from levels in Gen.ArrayOf(LevelText, n)
        let t = string.Join('/', levels)
        select t.Length == 0 ? "t" : t;

    /// <summary>Legal topic filters: levels of text or '+', optionally ending with '#'.</summary>
    public static readonly Gen<string> TopicFilter =
        from n in Gen.Choose(1, 5)
        from levels in Gen.ArrayOf(Gen.Frequency((4, LevelText), (1, Gen.Constant("+"))), n)
        from hash in Gen.Elements(false, false, true)
        let f = string.Join('/', hash ? levels.Append("#") : levels)
        select f.Length == 0 ? "#" : f;

    public static readonly Gen<ushort> PacketId = Gen.Choose(1, 65535).Select(i => (ushort)i);

    public static readonly Gen<MqttQos> Qos = Gen.Elements(MqttQos.AtMostOnce, MqttQos.AtLeastOnce, MqttQos.ExactlyOnce);

    public static readonly Gen<bool> Bool = Gen.Elements(false, true);

    /// <summary>Bytes of a chosen length filled from a seed: FsCheck builds 100 KB arrays too slowly element by element.</summary>
    public static Gen<byte[]> Bytes(int maxLength) =>
        from len in Gen.Frequency((8, Gen.Choose(0, Math.Min(64, maxLength))), (1, Gen.Choose(0, maxLength)))
        from seed in Gen.Choose(0, int.MaxValue)
        select Fill(len, seed);

    private static byte[] Fill(int len, int seed)
    {
        var b = new byte[len];
        new Random(seed).NextBytes(b);
        return b;
    }

    /// <summary>Valid properties for a context: some typed ones from <paramref name="candidates"/> (distinct ids) plus 0..2 user properties.</summary>
    private static Gen<MqttProperties> Props(params Gen<MqttProperty>[] candidates) =>
        from picks in Gen.ArrayOf(Bool, candidates.Length)
        from chosen in Gen.CollectToArray(candidates.Where((_, i) => picks[i]))
        from nUser in Gen.Choose(0, 2)
        from names in Gen.ArrayOf(MqttString, nUser)
        from values in Gen.ArrayOf(MqttString, nUser)
        select Build(chosen.Concat(names.Select((n, i) => MqttProperty.User(n, values[i]))));

    private static MqttProperties Build(IEnumerable<MqttProperty> items)
    {
        var p = new MqttProperties();
        foreach (var i in items) p.Add(i);
        return p;
    }

    private static Gen<MqttProperty> Num(MqttPropertyId id, int lo, int hi) => Gen.Choose(lo, hi).Select(v => MqttProperty.FromNumber(id, (uint)v));

    private static Gen<MqttProperty> Str(MqttPropertyId id) => MqttString.Select(s => MqttProperty.FromString(id, s));

    private static Gen<MqttProperty> Bin(MqttPropertyId id) => Bytes(40).Select(b => MqttProperty.FromBinary(id, b));

    private static readonly Gen<MqttProperty> FourByte = Gen.Choose(0, int.MaxValue).Select(v => (uint)v * 2 + 1).Select(v => MqttProperty.FromNumber(MqttPropertyId.SessionExpiryInterval, v));

    private static Gen<MqttProperties> MessageProps(bool will)
    {
        var common = new List<Gen<MqttProperty>>
        {
            Num(MqttPropertyId.PayloadFormatIndicator, 0, 1),
            Num(MqttPropertyId.MessageExpiryInterval, 0, int.MaxValue),
            Str(MqttPropertyId.ContentType),
            TopicName.Select(t => MqttProperty.FromString(MqttPropertyId.ResponseTopic, t)),
            Bin(MqttPropertyId.CorrelationData),
        };
        if (will) common.Add(Num(MqttPropertyId.WillDelayInterval, 0, 3600));
        else
        {
            common.Add(Num(MqttPropertyId.TopicAlias, 1, 65535));
            common.Add(Num(MqttPropertyId.SubscriptionIdentifier, 1, 268_435_455));
        }
        return Props(common.ToArray());
    }

    private static Gen<MqttProperties> PropsFor(MqttPacketType t, MqttProtocolVersion v)
    {
        if (v == MqttProtocolVersion.V311) return Gen.Fresh(() => new MqttProperties());
        return t switch
        {
            MqttPacketType.Connect => Props(FourByte, Num(MqttPropertyId.ReceiveMaximum, 1, 65535), Num(MqttPropertyId.MaximumPacketSize, 1, int.MaxValue),
                Num(MqttPropertyId.TopicAliasMaximum, 0, 65535), Num(MqttPropertyId.RequestProblemInformation, 0, 1), Str(MqttPropertyId.AuthenticationMethod), Bin(MqttPropertyId.AuthenticationData)),
            MqttPacketType.ConnAck => Props(Str(MqttPropertyId.AssignedClientIdentifier), Num(MqttPropertyId.ServerKeepAlive, 0, 65535), Num(MqttPropertyId.MaximumQoS, 0, 1),
                Num(MqttPropertyId.RetainAvailable, 0, 1), Str(MqttPropertyId.ReasonString), Num(MqttPropertyId.MaximumPacketSize, 1, int.MaxValue)),
            MqttPacketType.Publish => MessageProps(will: false),
            MqttPacketType.Subscribe => Props(Num(MqttPropertyId.SubscriptionIdentifier, 1, 268_435_455)),
            MqttPacketType.Disconnect => Props(FourByte, Str(MqttPropertyId.ReasonString), Str(MqttPropertyId.ServerReference)),
            MqttPacketType.Auth => Props(Str(MqttPropertyId.AuthenticationMethod), Bin(MqttPropertyId.AuthenticationData), Str(MqttPropertyId.ReasonString)),
            MqttPacketType.Unsubscribe => Props(),
            _ => Props(Str(MqttPropertyId.ReasonString)),
        };
    }

    public static readonly Gen<MqttProtocolVersion> Version = Gen.Elements(MqttProtocolVersion.V311, MqttProtocolVersion.V500);

    public static Gen<ConnectPacket> Connect(MqttProtocolVersion v) =>
        from clientId in MqttString
        from clean in Bool
        from keepAlive in Gen.Choose(0, 65535)
        from hasUser in Bool
        from user in MqttString
        from hasPassword in Bool
        from password in Bytes(300)
        from hasWill in Bool
        from will in Will(v)
        from props in PropsFor(MqttPacketType.Connect, v)
        select new ConnectPacket
        {
            ProtocolVersion = v,
            ClientId = clientId,
            CleanSession = clean,
            KeepAliveSeconds = (ushort)keepAlive,
            Username = hasUser ? user : null,
            // 3.1.1 forbids a password without a user name.
            Password = hasPassword && (hasUser || v == MqttProtocolVersion.V500) ? password : null,
            Will = hasWill ? will : null,
            Properties = props,
        };

    private static Gen<MqttWill> Will(MqttProtocolVersion v) =>
        from topic in TopicName
        from payload in Bytes(2000)
        from qos in Qos
        from retain in Bool
        from props in v == MqttProtocolVersion.V500 ? MessageProps(will: true) : Gen.Fresh(() => new MqttProperties())
        select new MqttWill { Topic = topic, Payload = payload, QoS = qos, Retain = retain, Properties = props };

    public static Gen<ConnAckPacket> ConnAck(MqttProtocolVersion v) =>
        from code in v == MqttProtocolVersion.V311 ? Gen.Choose(0, 5).Select(i => (byte)i) : Gen.Elements<byte>(0x00, 0x80, 0x84, 0x85, 0x86, 0x87, 0x88, 0x9F)
        from sp in Bool
        from props in PropsFor(MqttPacketType.ConnAck, v)
        select new ConnAckPacket { ReasonCode = code, SessionPresent = sp && (code == 0 || (v == MqttProtocolVersion.V500 && code < 0x80)), Properties = props };

    public static Gen<PublishPacket> Publish(MqttProtocolVersion v, int maxPayload = 100 * 1024) =>
        from topic in TopicName
        from payload in Bytes(maxPayload)
        from qos in Qos
        from retain in Bool
        from dup in Bool
        from id in PacketId
        from props in PropsFor(MqttPacketType.Publish, v)
        select new PublishPacket
        {
            Topic = topic,
            Payload = payload,
            QoS = qos,
            Retain = retain,
            Dup = dup && qos != MqttQos.AtMostOnce,
            PacketId = qos == MqttQos.AtMostOnce ? (ushort)0 : id,
            Properties = props,
        };

    public static Gen<MqttPacket> PublishAck(MqttProtocolVersion v) =>
        from kind in Gen.Choose(0, 3)
        from id in PacketId
        from code in v == MqttProtocolVersion.V311 ? Gen.Constant((byte)0)
            : kind < 2 ? Gen.Elements<byte>(0x00, 0x10, 0x80, 0x87, 0x97) : Gen.Elements<byte>(0x00, 0x92)
        from props in PropsFor(MqttPacketType.PubAck, v)
        select (MqttPacket)Ack(kind, id, code, props);

    private static PublishAckPacket Ack(int kind, ushort id, byte code, MqttProperties props)
    {
        PublishAckPacket p = kind switch { 0 => new PubAckPacket(), 1 => new PubRecPacket(), 2 => new PubRelPacket(), _ => new PubCompPacket() };
        p.PacketId = id;
        p.ReasonCode = code;
        p.Properties = props;
        return p;
    }

    public static Gen<SubscribePacket> Subscribe(MqttProtocolVersion v) =>
        from id in PacketId
        from subs in Gen.NonEmptyListOf(Subscription(v))
        from props in PropsFor(MqttPacketType.Subscribe, v)
        select new SubscribePacket { PacketId = id, Subscriptions = subs.ToList(), Properties = props };

    private static Gen<MqttSubscription> Subscription(MqttProtocolVersion v) =>
        from filter in TopicFilter
        from qos in Qos
        from nl in Bool
        from rap in Bool
        from rh in Gen.Choose(0, 2)
        let five = v == MqttProtocolVersion.V500
        select new MqttSubscription { TopicFilter = filter, QoS = qos, NoLocal = five && nl, RetainAsPublished = five && rap, RetainHandling = five ? (byte)rh : (byte)0 };

    public static Gen<SubAckPacket> SubAck(MqttProtocolVersion v) =>
        from id in PacketId
        from codes in Gen.NonEmptyListOf(v == MqttProtocolVersion.V311 ? Gen.Elements<byte>(0, 1, 2, 0x80) : Gen.Elements<byte>(0, 1, 2, 0x80, 0x87, 0x8F, 0xA2))
        from props in PropsFor(MqttPacketType.SubAck, v)
        select new SubAckPacket { PacketId = id, ReasonCodes = codes.ToList(), Properties = props };

    public static Gen<UnsubscribePacket> Unsubscribe(MqttProtocolVersion v) =>
        from id in PacketId
        from filters in Gen.NonEmptyListOf(TopicFilter)
        from props in PropsFor(MqttPacketType.Unsubscribe, v)
        select new UnsubscribePacket { PacketId = id, TopicFilters = filters.ToList(), Properties = props };

    public static Gen<UnsubAckPacket> UnsubAck(MqttProtocolVersion v) =>
        from id in PacketId
        from codes in Gen.NonEmptyListOf(Gen.Elements<byte>(0x00, 0x11, 0x80, 0x87))
        from props in PropsFor(MqttPacketType.UnsubAck, v)
        select new UnsubAckPacket { PacketId = id, ReasonCodes = v == MqttProtocolVersion.V500 ? codes.ToList() : [], Properties = props };

    public static Gen<MqttPacket> DisconnectOrAuth(MqttProtocolVersion v) =>
        from auth in v == MqttProtocolVersion.V500 ? Bool : Gen.Constant(false)
        from code in v == MqttProtocolVersion.V311 ? Gen.Constant((byte)0) : auth ? Gen.Elements<byte>(0x00, 0x18, 0x19) : Gen.Elements<byte>(0x00, 0x04, 0x81, 0x87, 0x8E)
        from props in PropsFor(auth ? MqttPacketType.Auth : MqttPacketType.Disconnect, v)
        select auth ? (MqttPacket)new AuthPacket { ReasonCode = code, Properties = props } : new DisconnectPacket { ReasonCode = code, Properties = props };

    /// <summary>Any valid packet for <paramref name="v"/>, with payloads up to <paramref name="maxPayload"/>.</summary>
    public static Gen<MqttPacket> Any(MqttProtocolVersion v, int maxPayload = 100 * 1024) => Gen.OneOf(
        Connect(v).Select(p => (MqttPacket)p),
        ConnAck(v).Select(p => (MqttPacket)p),
        Publish(v, maxPayload).Select(p => (MqttPacket)p),
        PublishAck(v),
        Subscribe(v).Select(p => (MqttPacket)p),
        SubAck(v).Select(p => (MqttPacket)p),
        Unsubscribe(v).Select(p => (MqttPacket)p),
        UnsubAck(v).Select(p => (MqttPacket)p),
        Gen.Elements<MqttPacket>(new PingReqPacket(), new PingRespPacket()),
        DisconnectOrAuth(v));

    /// <summary>A version and a valid packet for it.</summary>
    public static Gen<(MqttProtocolVersion Version, MqttPacket Packet)> VersionedPacket(int maxPayload = 100 * 1024) =>
        from v in Version
        from p in Any(v, maxPayload)
        select (v, p);

    public static string Hex(ReadOnlySpan<byte> b) => Convert.ToHexString(b);

    public static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);
}
