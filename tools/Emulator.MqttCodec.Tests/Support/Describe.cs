using System.Text;
using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.Emulator.MqttCodec.Tests.Support;

/// <summary>
/// A complete, readable text form of a packet (every field), so two packets can be compared field by
/// field and a failing round trip shows what differed.
/// </summary>
internal static class Describe
{
    public static string Packet(MqttPacket p)
    {
        var sb = new StringBuilder(p.Type.ToString());
        switch (p)
        {
            case ConnectPacket c:
                sb.Append($" v={c.ProtocolVersion} id={Q(c.ClientId)} clean={c.CleanSession} ka={c.KeepAliveSeconds} user={(c.Username is null ? "null" : Q(c.Username))}");
                sb.Append($" pw={(c.Password is null ? "null" : Convert.ToHexString(c.Password))} props={Props(c.Properties)}");
                if (c.Will is { } w) sb.Append($" will(t={Q(w.Topic)} q={w.QoS} r={w.Retain} p={Convert.ToHexString(w.Payload)} props={Props(w.Properties)})");
                break;
            case ConnAckPacket a: sb.Append($" sp={a.SessionPresent} rc={a.ReasonCode:X2} props={Props(a.Properties)}"); break;
            case PublishPacket pub:
                sb.Append($" t={Q(pub.Topic)} q={pub.QoS} r={pub.Retain} d={pub.Dup} id={pub.PacketId} len={pub.Payload.Length} sha={Sha(pub.Payload.Span)} props={Props(pub.Properties)}");
                break;
            case PublishAckPacket ack: sb.Append($" id={ack.PacketId} rc={ack.ReasonCode:X2} props={Props(ack.Properties)}"); break;
            case SubscribePacket s:
                sb.Append($" id={s.PacketId} props={Props(s.Properties)} subs=");
                foreach (var x in s.Subscriptions) sb.Append($"[{Q(x.TopicFilter)} q={x.QoS} nl={x.NoLocal} rap={x.RetainAsPublished} rh={x.RetainHandling}]");
                break;
            case SubAckPacket sa: sb.Append($" id={sa.PacketId} codes={Convert.ToHexString(sa.ReasonCodes.ToArray())} props={Props(sa.Properties)}"); break;
            case UnsubscribePacket u: sb.Append($" id={u.PacketId} f=[{string.Join(",", u.TopicFilters.Select(Q))}] props={Props(u.Properties)}"); break;
            case UnsubAckPacket ua: sb.Append($" id={ua.PacketId} codes={Convert.ToHexString(ua.ReasonCodes.ToArray())} props={Props(ua.Properties)}"); break;
            case DisconnectPacket d: sb.Append($" rc={d.ReasonCode:X2} props={Props(d.Properties)}"); break;
            case AuthPacket au: sb.Append($" rc={au.ReasonCode:X2} props={Props(au.Properties)}"); break;
        }
        return sb.ToString();
    }

    private static string Props(MqttProperties props) =>
        "{" + string.Join(";", props.Select(p => $"{p.Id}={p.Number}/{(p.Text is null ? "" : Q(p.Text))}/{(p.PairValue is null ? "" : Q(p.PairValue))}/{(p.Binary is null ? "" : Convert.ToHexString(p.Binary))}")) + "}";

    private static string Q(string s) => "\"" + string.Concat(s.Select(ch => ch < 0x20 || ch > 0x7E ? $"\\u{(int)ch:X4}" : ch.ToString())) + "\"";

    private static string Sha(ReadOnlySpan<byte> b) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(b))[..16];
}
