using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.Emulator.MqttCodec.Formatting;

/// <summary>
/// Where each 5.0 property may appear (section 2.2.2.2 table), which may repeat, and which values
/// are illegal. A "context" is a packet type or the will properties of CONNECT.
/// </summary>
internal static class PropertyRules
{
    /// <summary>Context bit for the will properties (packet type 0 is reserved, so its bit is free).</summary>
    public const int Will = 1 << 0;

    public static int Of(MqttPacketType t) => 1 << (int)t;

    public static string Name(int context) => context == Will ? "will" : ((MqttPacketType)System.Numerics.BitOperations.Log2((uint)context)).ToString().ToUpperInvariant();

    private static readonly int Acks = Of(MqttPacketType.PubAck) | Of(MqttPacketType.PubRec) | Of(MqttPacketType.PubRel) | Of(MqttPacketType.PubComp);

    private static readonly int Message = Of(MqttPacketType.Publish) | Will;

    public static int AllowedIn(MqttPropertyId id) => id switch
    {
        MqttPropertyId.PayloadFormatIndicator or MqttPropertyId.MessageExpiryInterval or MqttPropertyId.ContentType
            or MqttPropertyId.ResponseTopic or MqttPropertyId.CorrelationData => Message,
        MqttPropertyId.SubscriptionIdentifier => Of(MqttPacketType.Publish) | Of(MqttPacketType.Subscribe),
        MqttPropertyId.SessionExpiryInterval => Of(MqttPacketType.Connect) | Of(MqttPacketType.ConnAck) | Of(MqttPacketType.Disconnect),
        MqttPropertyId.AssignedClientIdentifier or MqttPropertyId.ServerKeepAlive or MqttPropertyId.ResponseInformation
            or MqttPropertyId.MaximumQoS or MqttPropertyId.RetainAvailable or MqttPropertyId.WildcardSubscriptionAvailable
            or MqttPropertyId.SubscriptionIdentifierAvailable or MqttPropertyId.SharedSubscriptionAvailable => Of(MqttPacketType.ConnAck),
        MqttPropertyId.AuthenticationMethod or MqttPropertyId.AuthenticationData => Of(MqttPacketType.Connect) | Of(MqttPacketType.ConnAck) | Of(MqttPacketType.Auth),
        MqttPropertyId.RequestProblemInformation or MqttPropertyId.RequestResponseInformation => Of(MqttPacketType.Connect),
        MqttPropertyId.WillDelayInterval => Will,
        MqttPropertyId.ServerReference => Of(MqttPacketType.ConnAck) | Of(MqttPacketType.Disconnect),
        MqttPropertyId.ReasonString => Of(MqttPacketType.ConnAck) | Acks | Of(MqttPacketType.SubAck) | Of(MqttPacketType.UnsubAck)
            | Of(MqttPacketType.Disconnect) | Of(MqttPacketType.Auth),
        MqttPropertyId.ReceiveMaximum or MqttPropertyId.TopicAliasMaximum or MqttPropertyId.MaximumPacketSize => Of(MqttPacketType.Connect) | Of(MqttPacketType.ConnAck),
        MqttPropertyId.TopicAlias => Of(MqttPacketType.Publish),
        MqttPropertyId.UserProperty => ~0,
        _ => 0,
    };

    public static bool MayRepeat(MqttPropertyId id, int context) =>
        id == MqttPropertyId.UserProperty || (id == MqttPropertyId.SubscriptionIdentifier && context == Of(MqttPacketType.Publish));

    /// <summary>Null when <paramref name="p"/> is legal (value rules only); otherwise a reason.</summary>
    public static string? CheckValue(MqttProperty p)
    {
        switch (p.Id)
        {
            case MqttPropertyId.PayloadFormatIndicator:
            case MqttPropertyId.RequestProblemInformation:
            case MqttPropertyId.RequestResponseInformation:
            case MqttPropertyId.MaximumQoS:
            case MqttPropertyId.RetainAvailable:
            case MqttPropertyId.WildcardSubscriptionAvailable:
            case MqttPropertyId.SubscriptionIdentifierAvailable:
            case MqttPropertyId.SharedSubscriptionAvailable:
                return p.Number > 1 ? $"value {p.Number} is not 0 or 1" : null;
            case MqttPropertyId.ReceiveMaximum:
            case MqttPropertyId.MaximumPacketSize:
            case MqttPropertyId.TopicAlias:
            case MqttPropertyId.SubscriptionIdentifier:
                return p.Number == 0 ? "value 0 is not allowed" : null;
            case MqttPropertyId.ResponseTopic:
                return Topics.MqttTopic.CheckName(p.Text!);
            default:
                return null;
        }
    }
}
