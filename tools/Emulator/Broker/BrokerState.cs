using System.Collections.Concurrent;
using AwsIotDevice.Emulator.Config;
using AwsIotDevice.Emulator.Policy;
using AwsIotDevice.Emulator.MqttCodec.Packets;
using AwsIotDevice.Emulator.MqttCodec.Topics;

namespace AwsIotDevice.Emulator.Broker;

/// <summary>A retained message.</summary>
public sealed record RetainedMessage(string Topic, byte[] Payload, MqttQos QoS);

/// <summary>
/// A persistent session whose connection ended: its subscriptions, the policy it last had (to check iot:Receive
/// for queued messages) and QoS 1 messages queued for it.
/// </summary>
public sealed class StoredSession
{
    /// <summary>Creates it.</summary>
    public StoredSession(IReadOnlyDictionary<string, MqttQos> subscriptions, PolicyEvaluator policy, DateTime expiresUtc)
    {
        Subscriptions = subscriptions;
        Policy = policy;
        ExpiresUtc = expiresUtc;
    }

    /// <summary>Topic filter to granted QoS.</summary>
    public IReadOnlyDictionary<string, MqttQos> Subscriptions { get; }

    /// <summary>The policy the session last had.</summary>
    public PolicyEvaluator Policy { get; }

    /// <summary>When the session is discarded.</summary>
    public DateTime ExpiresUtc { get; }

    /// <summary>Queued QoS 1 messages, oldest first.</summary>
    public Queue<RetainedMessage> Pending { get; } = new();
}

/// <summary>
/// State shared by all connections: live sessions by client id (a new one takes over an old one), the per-client-id
/// CONNECT throttle, and retained messages.
/// </summary>
public sealed class BrokerState
{
    private readonly ConcurrentDictionary<string, ClientConnection> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTime> _lastConnect = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RetainedMessage> _retained = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredSession> _stored = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <summary>Creates the state for a configuration.</summary>
    public BrokerState(EmulatorConfig config)
    {
        Config = config;
        Arns = new IotArns(config.Aws.Region, config.Aws.Account);
    }

    /// <summary>The configuration.</summary>
    public EmulatorConfig Config { get; }

    /// <summary>ARN builder for the emulated account.</summary>
    public IotArns Arns { get; }

    /// <summary>Live sessions.</summary>
    public IEnumerable<ClientConnection> Sessions => _sessions.Values;

    /// <summary>
    /// Records a CONNECT attempt for <paramref name="clientId"/>; false when the previous one was less than the
    /// configured interval ago (AWS: 1 CONNECT per second per client id).
    /// </summary>
    public bool TryAdmitConnect(string clientId, DateTime nowUtc)
    {
        lock (_gate)
        {
            int interval = Config.Limits.ConnectIntervalMilliseconds;
            if (_lastConnect.TryGetValue(clientId, out var last) && (nowUtc - last).TotalMilliseconds < interval)
            {
                _lastConnect[clientId] = nowUtc;
                return false;
            }
            _lastConnect[clientId] = nowUtc;
            if (_lastConnect.Count > 10_000)
                foreach (var k in _lastConnect.Where(kv => (nowUtc - kv.Value).TotalMilliseconds > interval).Select(kv => kv.Key).ToList())
                    _lastConnect.Remove(k);
            return true;
        }
    }

    /// <summary>Registers <paramref name="session"/>; returns the session it replaced (to be closed with DUPLICATE_CLIENTID), if any.</summary>
    public ClientConnection? Register(ClientConnection session)
    {
        ClientConnection? old = null;
        _sessions.AddOrUpdate(session.ClientId, session, (_, existing) => { old = existing; return session; });
        return old;
    }

    /// <summary>Removes <paramref name="session"/> if it is still the registered one for its client id.</summary>
    public void Unregister(ClientConnection session) =>
        _sessions.TryRemove(new KeyValuePair<string, ClientConnection>(session.ClientId, session));

    /// <summary>Stores (or, for an empty payload, deletes) a retained message.</summary>
    public void Retain(string topic, byte[] payload, MqttQos qos)
    {
        lock (_gate)
        {
            if (payload.Length == 0) _retained.Remove(topic);
            else _retained[topic] = new RetainedMessage(topic, payload, qos);
        }
    }

    /// <summary>The retained message for exactly <paramref name="filter"/> (AWS delivers retained messages only to exact-topic subscriptions).</summary>
    public RetainedMessage? RetainedFor(string filter)
    {
        if (filter.Contains('+') || filter.Contains('#')) return null;
        lock (_gate) return _retained.TryGetValue(filter, out var m) ? m : null;
    }

    /// <summary>Keeps a persistent session after its connection ended (replacing an older one).</summary>
    public void Store(string clientId, StoredSession session)
    {
        lock (_gate) _stored[clientId] = session;
    }

    /// <summary>
    /// Removes and returns the stored session of <paramref name="clientId"/>; null when there is none, it expired,
    /// or <paramref name="clean"/> (a clean session discards it).
    /// </summary>
    public StoredSession? TakeStored(string clientId, bool clean, DateTime nowUtc)
    {
        lock (_gate)
        {
            if (!_stored.Remove(clientId, out var s)) return null;
            return clean || s.ExpiresUtc <= nowUtc ? null : s;
        }
    }

    /// <summary>Sends a message to every session subscribed to <paramref name="topic"/> whose policy allows iot:Receive.</summary>
    public void Route(string topic, byte[] payload, MqttQos qos)
    {
        if (qos == MqttQos.AtLeastOnce) QueueForOffline(topic, payload);
        foreach (var s in _sessions.Values)
        {
            MqttQos? best = null;
            foreach (var (filter, subQos) in s.SubscriptionsSnapshot())
                if (MqttTopic.Matches(filter, topic) && (best is null || subQos > best)) best = subQos;
            if (best is { } b) s.Deliver(topic, payload, (MqttQos)Math.Min((int)b, (int)qos), retain: false);
        }
    }

    private void QueueForOffline(string topic, byte[] payload)
    {
        var now = DateTime.UtcNow;
        int max = Config.Limits.MaxQueuedMessagesPerSession;
        lock (_gate)
        {
            foreach (var (clientId, s) in _stored.ToList())
            {
                if (s.ExpiresUtc <= now)
                {
                    _stored.Remove(clientId);
                    continue;
                }
                bool qos1 = s.Subscriptions.Any(kv => kv.Value == MqttQos.AtLeastOnce && MqttTopic.Matches(kv.Key, topic));
                if (!qos1 || max == 0 || !s.Policy.Evaluate("iot:Receive", Arns.Topic(topic)).Allowed) continue;
                while (s.Pending.Count >= max) s.Pending.Dequeue();
                s.Pending.Enqueue(new RetainedMessage(topic, payload, MqttQos.AtLeastOnce));
            }
        }
    }
}
