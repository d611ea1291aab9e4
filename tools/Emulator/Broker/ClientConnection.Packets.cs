using AwsIotDevice.Emulator.Logging;
using AwsIotDevice.Emulator.Policy;
using AwsIotDevice.Emulator.MqttCodec.Formatting;
using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.Emulator.Broker;

/// <summary>The packet loop of an admitted connection: AWS limits and policy checks per packet, and the will.</summary>
public sealed partial class ClientConnection
{
    private async Task ReadLoopAsync(CancellationToken ct)
    {
        var idle = KeepAliveRules.IdleTimeout(KeepAliveSeconds, _broker.Config.Limits.TimeScale);
        while (!ct.IsCancellationRequested)
        {
            MqttPacket? packet;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                timeout.CancelAfter(idle);
                try
                {
                    packet = await _channel.ReadPacketAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    Close(LogReasons.KeepAliveTimeout, $"no packet for {idle.TotalSeconds:0.###} s (1.5 x keep-alive {KeepAliveSeconds} s)",
                        "send PINGREQ within the keep-alive interval", ReasonCodes.KeepAliveTimeout);
                    return;
                }
                catch (MqttProtocolException e)
                {
                    Close(LogReasons.ClientError, "protocol error: " + e.Message, "fix the client's MQTT encoding", e.ReasonCode);
                    return;
                }
            }
            if (packet is null)
            {
                Close(LogReasons.ConnectionLost, "the client closed the connection without DISCONNECT", null);
                return;
            }
            if (!await HandleAsync(packet, ct).ConfigureAwait(false)) return;
        }
    }

    private async Task<bool> HandleAsync(MqttPacket packet, CancellationToken ct)
    {
        switch (packet)
        {
            case PublishPacket p: return await HandlePublishAsync(p, ct).ConfigureAwait(false);
            case SubscribePacket s: return HandleSubscribe(s);
            case UnsubscribePacket u: return HandleUnsubscribe(u);
            case PingReqPacket:
                Send(new PingRespPacket());
                return true;
            case PubAckPacket:
                return true;
            case DisconnectPacket d:
                _willOnClientDisconnect = d.ReasonCode == ReasonCodes.DisconnectWithWill;
                Close(LogReasons.ClientInitiatedDisconnect, "the client sent DISCONNECT", null);
                return false;
            default:
                Close(LogReasons.ClientError, $"unexpected {packet.Type} from the client" + (packet.Type is MqttPacketType.PubRec or MqttPacketType.PubRel or MqttPacketType.PubComp ? " (QoS 2 is not supported by AWS IoT)" : ""),
                    "AWS IoT Core supports QoS 0 and 1 only", ReasonCodes.ProtocolError);
                return false;
        }
    }

    private Task<bool> HandlePublishAsync(PublishPacket p, CancellationToken ct)
    {
        var limits = _broker.Config.Limits;
        var topicDetail = new Dictionary<string, string> { ["topic"] = p.Topic };
        if (p.QoS == MqttQos.ExactlyOnce)
            return Fail(LogReasons.ClientError, "PUBLISH with QoS 2: AWS IoT supports QoS 0 and 1 only (it sends no PUBACK/PUBREC for QoS 2)", "publish with QoS 0 or 1", ReasonCodes.QoSNotSupported);
        if (!RateAllows(limits.MaxPublishesPerSecond, p.Payload.Length, limits.MaxPublishBytesPerSecond, out string? rateProblem))
            return Fail(LogReasons.Throttled, rateProblem!, "slow down publishing", 0x96);
        string? topicProblem = AwsTopicRules.CheckTopicName(p.Topic, limits);
        if (topicProblem is not null)
            return Fail(LogReasons.ClientError, "PUBLISH " + topicProblem, "use a topic within AWS's limits", ReasonCodes.TopicNameInvalid);
        if (p.Payload.Length > limits.MaxPayloadBytes)
            return Fail(LogReasons.ClientError, $"PUBLISH payload is {p.Payload.Length} bytes; AWS IoT allows at most {limits.MaxPayloadBytes}", "send smaller messages", ReasonCodes.PacketTooLarge);

        var policy = _policy!;
        var decision = policy.Evaluate("iot:Publish", _broker.Arns.Topic(p.Topic));
        if (decision.Allowed && p.Retain)
            decision = policy.Evaluate("iot:RetainPublish", _broker.Arns.Topic(p.Topic)) is { Allowed: true } ok
                ? ok
                : new PolicyDecision(false, "retained PUBLISH needs iot:RetainPublish too: " + policy.Evaluate("iot:RetainPublish", _broker.Arns.Topic(p.Topic)).Explanation);
        if (!decision.Allowed)
        {
            string hint = $"grant iot:Publish{(p.Retain ? " and iot:RetainPublish" : "")} on {_broker.Arns.Topic(p.Topic)} in the authorizer's policy, or publish to an allowed topic";
            if (_version == MqttProtocolVersion.V311)
                return Fail(LogReasons.ForbiddenAccess, "unauthorized PUBLISH (MQTT 3.1.1: AWS closes the connection): " + decision.Explanation, hint, null);
            Log(LogEvents.Denied, LogReasons.ForbiddenAccess, "unauthorized PUBLISH: " + decision.Explanation, hint, topicDetail);
            if (p.QoS == MqttQos.AtLeastOnce) Send(new PubAckPacket { PacketId = p.PacketId, ReasonCode = ReasonCodes.NotAuthorized });
            return Task.FromResult(true);
        }

        if (p.QoS == MqttQos.AtLeastOnce) Send(new PubAckPacket { PacketId = p.PacketId });
        byte[] payload = p.Payload.ToArray();
        if (p.Retain) _broker.Retain(p.Topic, payload, p.QoS);
        _broker.Route(p.Topic, payload, p.QoS);
        return Task.FromResult(true);
    }

    private bool HandleSubscribe(SubscribePacket s)
    {
        var limits = _broker.Config.Limits;
        if (s.Subscriptions.Count > limits.MaxFiltersPerSubscribe)
            return FailSync(LogReasons.ClientError, $"SUBSCRIBE with {s.Subscriptions.Count} filters; AWS IoT allows at most {limits.MaxFiltersPerSubscribe} per SUBSCRIBE", "split the subscription", ReasonCodes.ProtocolError);
        var codes = new List<byte>();
        var granted = new List<string>();
        var policy = _policy!;
        foreach (var sub in s.Subscriptions)
        {
            if (sub.QoS == MqttQos.ExactlyOnce)
                return FailSync(LogReasons.ClientError, $"SUBSCRIBE to '{sub.TopicFilter}' with QoS 2: AWS IoT supports QoS 0 and 1 only (it sends no SUBACK for QoS 2)", "subscribe with QoS 0 or 1", ReasonCodes.QoSNotSupported);
            string? problem = AwsTopicRules.CheckTopicFilter(sub.TopicFilter, limits);
            if (problem is not null)
            {
                if (_version == MqttProtocolVersion.V311)
                    return FailSync(LogReasons.ClientError, "SUBSCRIBE " + problem, "use a topic filter within AWS's limits", null);
                Log(LogEvents.Denied, LogReasons.ClientError, "SUBSCRIBE " + problem, "use a topic filter within AWS's limits");
                codes.Add(ReasonCodes.TopicFilterInvalid);
                continue;
            }
            var decision = policy.Evaluate("iot:Subscribe", _broker.Arns.TopicFilter(sub.TopicFilter));
            if (!decision.Allowed)
            {
                string hint = $"grant iot:Subscribe on {_broker.Arns.TopicFilter(sub.TopicFilter)} in the authorizer's policy";
                if (_version == MqttProtocolVersion.V311)
                    return FailSync(LogReasons.ForbiddenAccess, "unauthorized SUBSCRIBE (MQTT 3.1.1: AWS closes the connection): " + decision.Explanation, hint, null);
                Log(LogEvents.Denied, LogReasons.ForbiddenAccess, "unauthorized SUBSCRIBE: " + decision.Explanation, hint);
                codes.Add(ReasonCodes.NotAuthorized);
                continue;
            }
            lock (_subscriptions)
            {
                if (!_subscriptions.ContainsKey(sub.TopicFilter) && _subscriptions.Count >= limits.MaxSubscriptionsPerConnection)
                {
                    Log(LogEvents.Denied, LogReasons.ClientError, $"more than {limits.MaxSubscriptionsPerConnection} subscriptions on this connection", "unsubscribe first or use fewer, wider filters");
                    codes.Add(_version == MqttProtocolVersion.V500 ? ReasonCodes.QuotaExceeded : (byte)0x80);
                    continue;
                }
                _subscriptions[sub.TopicFilter] = sub.QoS;
            }
            codes.Add((byte)sub.QoS);
            granted.Add(sub.TopicFilter);
        }
        Send(new SubAckPacket { PacketId = s.PacketId, ReasonCodes = codes });
        foreach (string filter in granted)
            if (_broker.RetainedFor(filter) is { } m)
            {
                var qos = (MqttQos)Math.Min((int)m.QoS, (int)(SubscriptionsSnapshot().FirstOrDefault(kv => kv.Key == filter).Value));
                Deliver(m.Topic, m.Payload, qos, retain: true);
            }
        return true;
    }

    private bool HandleUnsubscribe(UnsubscribePacket u)
    {
        var codes = new List<byte>();
        lock (_subscriptions)
            foreach (string f in u.TopicFilters)
                codes.Add(_subscriptions.Remove(f) ? ReasonCodes.Success : ReasonCodes.NoSubscriptionExisted);
        Send(new UnsubAckPacket { PacketId = u.PacketId, ReasonCodes = _version == MqttProtocolVersion.V500 ? codes : [] });
        return true;
    }

    private bool RateAllows(int perSecond, int payloadBytes, int bytesPerSecond, out string? problem)
    {
        long now = Environment.TickCount64;
        if (now - _windowStartTicks >= 1000)
        {
            _windowStartTicks = now;
            _windowCount = 0;
            _windowBytes = 0;
        }
        _windowBytes += payloadBytes;
        problem = ++_windowCount > perSecond
            ? $"more than {perSecond} publishes per second on this connection"
            : _windowBytes > bytesPerSecond ? $"more than {bytesPerSecond} payload bytes per second on this connection" : null;
        return problem is null;
    }

    /// <summary>
    /// The will is published when the connection ends without a normal DISCONNECT (or with MQTT 5 reason 0x04),
    /// under the same rules as a PUBLISH from this client: AWS limits and iot:Publish (+ iot:RetainPublish).
    /// </summary>
    private void PublishWillIfDue()
    {
        var will = _will;
        var policy = _policy;
        if (will is null || policy is null) return;
        if (_closeReason == LogReasons.ClientInitiatedDisconnect && !_willOnClientDisconnect) return;
        var detail = new Dictionary<string, string> { ["topic"] = will.Topic };
        string? problem = AwsTopicRules.CheckTopicName(will.Topic, _broker.Config.Limits);
        if (problem is not null || will.QoS == MqttQos.ExactlyOnce)
        {
            Log(LogEvents.Denied, LogReasons.ClientError, "will not published: " + (problem ?? "QoS 2 is not supported"), "fix the will topic/QoS", detail);
            return;
        }
        var decision = policy.Evaluate("iot:Publish", _broker.Arns.Topic(will.Topic));
        if (decision.Allowed && will.Retain) decision = policy.Evaluate("iot:RetainPublish", _broker.Arns.Topic(will.Topic));
        if (!decision.Allowed)
        {
            Log(LogEvents.Denied, LogReasons.ForbiddenAccess, "will not published: " + decision.Explanation, "allow iot:Publish on the will topic", detail);
            return;
        }
        if (will.Retain) _broker.Retain(will.Topic, will.Payload, will.QoS);
        _broker.Route(will.Topic, will.Payload, will.QoS);
    }
}
