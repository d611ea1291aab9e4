using System.Text;
using AwsIotDevice.Emulator.Auth;
using AwsIotDevice.Emulator.Logging;
using AwsIotDevice.Emulator.Policy;
using AwsIotDevice.Emulator.MqttCodec.Formatting;
using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.Emulator.Broker;

/// <summary>CONNECT admission: client id rules, throttle, authorizer, iot:Connect, takeover, session state, CONNACK.</summary>
public sealed partial class ClientConnection
{
    private async Task<ConnectPacket?> ReadConnectAsync(CancellationToken ct)
    {
        int seconds = _broker.Config.Limits.ConnectTimeoutSeconds;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        MqttPacket? first;
        try
        {
            first = await _channel.ReadPacketAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Refused(LogReasons.ClientError, $"no CONNECT within {seconds} s of the TLS handshake", "send MQTT CONNECT right after the TLS handshake");
            return null;
        }
        catch (MqttProtocolException e)
        {
            if (e.Code == MqttErrorCode.UnsupportedProtocolVersion)
                await TrySendAsync(new ConnAckPacket { ReasonCode = ConnectReturnCodes.UnacceptableProtocolVersion }, MqttProtocolVersion.V311).ConfigureAwait(false);
            Refused(LogReasons.ClientError, "bad CONNECT: " + e.Message, "AWS IoT Core speaks MQTT 3.1.1 and 5.0; check the client library's protocol settings");
            return null;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            Refused(LogReasons.ConnectionLost, "connection closed before CONNECT", null);
            return null;
        }
        if (first is null)
        {
            Refused(LogReasons.ConnectionLost, "connection closed before CONNECT", null);
            return null;
        }
        if (first is not ConnectPacket connect)
        {
            Refused(LogReasons.ClientError, $"first packet was {first.Type}, not CONNECT (MQTT-3.1.0-1)", "send CONNECT first");
            return null;
        }
        return connect;
    }

    private async Task<AuthOutcome?> AdmitAsync(ConnectPacket connect, CancellationToken ct)
    {
        var limits = _broker.Config.Limits;
        string clientId = connect.ClientId;
        ClientId = clientId;
        var details = new Dictionary<string, string> { ["protocol"] = connect.ProtocolVersion == MqttProtocolVersion.V500 ? "5.0" : "3.1.1" };

        if (clientId.Length == 0)
            return await RefuseConnectAsync(LogReasons.ClientError, ReasonCodes.ClientIdentifierNotValid, ConnectReturnCodes.IdentifierRejected,
                "empty client id (chosen: the emulator needs a client id to evaluate iot:Connect on client/<clientId>)", "send a client id, e.g. the one in the token", details).ConfigureAwait(false);
        int bytes = Encoding.UTF8.GetByteCount(clientId);
        if (bytes > limits.MaxClientIdBytes)
            return await RefuseConnectAsync(LogReasons.ClientError, ReasonCodes.ClientIdentifierNotValid, ConnectReturnCodes.IdentifierRejected,
                $"client id is {bytes} bytes; AWS IoT allows at most {limits.MaxClientIdBytes}", "shorten the client id", details).ConfigureAwait(false);
        if (clientId.StartsWith('$'))
            return await RefuseConnectAsync(LogReasons.ClientError, ReasonCodes.ClientIdentifierNotValid, ConnectReturnCodes.IdentifierRejected,
                "client id starts with '$', which AWS IoT reserves", "use a client id that does not start with '$'", details).ConfigureAwait(false);
        if (!_broker.TryAdmitConnect(clientId, DateTime.UtcNow))
            return await RefuseConnectAsync(LogReasons.Throttled, 0x9F, ConnectReturnCodes.ServerUnavailable,
                $"more than 1 CONNECT per {limits.ConnectIntervalMilliseconds} ms for this client id", "back off before reconnecting (exponential backoff with jitter, at least 1 s)", details).ConfigureAwait(false);

        if (_webSocketUpgrade is not null) details["transport"] = "websocket";
        var outcome = await AuthenticateAsync(connect, ct).ConfigureAwait(false);
        if (outcome.AuthorizerName is not null) details["authorizer"] = outcome.AuthorizerName;
        details["authorizerInvoked"] = outcome.Invoked ? "true" : "false";
        if (outcome.TokenFingerprint is not null) details["token"] = outcome.TokenFingerprint;
        if (!outcome.Allowed)
            return await RefuseConnectAsync(LogReasons.AuthorizationFailure, ReasonCodes.NotAuthorized, ConnectReturnCodes.NotAuthorized, outcome.Rule, outcome.Hint, details).ConfigureAwait(false);

        var policy = new PolicyEvaluator(outcome.Policies, clientId);
        var connectDecision = policy.Evaluate("iot:Connect", _broker.Arns.Client(clientId));
        if (outcome.PrincipalId is not null) details["principalId"] = outcome.PrincipalId;
        if (!connectDecision.Allowed)
            return await RefuseConnectAsync(LogReasons.AuthorizationFailure, ReasonCodes.NotAuthorized, ConnectReturnCodes.NotAuthorized,
                "authorizer allowed the connection but its policy does not: " + connectDecision.Explanation,
                $"grant iot:Connect on {_broker.Arns.Client(clientId)} (or client/${{iot:ClientId}}) in the returned policy", details).ConfigureAwait(false);
        _policy = policy;

        var old = _broker.Register(this);
        old?.Close(LogReasons.DuplicateClientId, $"another connection ({ConnectionId}) connected with the same client id",
            "give every device its own client id; or stop the old client before reconnecting", ReasonCodes.SessionTakenOver);

        // Persistent sessions: 3.1.1 cleanSession=0; 5.0 clean start=0 for resuming, session expiry > 0 for keeping.
        uint expiry = connect.ProtocolVersion == MqttProtocolVersion.V500
            ? (connect.Properties.TryGetNumber(MqttPropertyId.SessionExpiryInterval, out uint e) ? e : 0)
            : connect.CleanSession ? 0u : uint.MaxValue;
        _persistent = expiry > 0 && limits.PersistentSessionExpirySeconds > 0;
        _sessionExpiry = TimeSpan.FromSeconds(Math.Min(expiry, (uint)limits.PersistentSessionExpirySeconds));
        var stored = _broker.TakeStored(clientId, connect.CleanSession, DateTime.UtcNow);
        bool sessionPresent = false;
        if (!connect.CleanSession)
        {
            var inherited = old?.SubscriptionsSnapshot() ?? stored?.Subscriptions.ToArray();
            if (inherited is not null)
            {
                lock (_subscriptions)
                    foreach (var kv in inherited) _subscriptions[kv.Key] = kv.Value;
                sessionPresent = true;
            }
        }
        details["sessionPresent"] = sessionPresent ? "true" : "false";

        KeepAliveSeconds = KeepAliveRules.Clamp(connect.KeepAliveSeconds);
        var ack = new ConnAckPacket { ReasonCode = 0, SessionPresent = sessionPresent };
        if (_version == MqttProtocolVersion.V500)
        {
            if (KeepAliveSeconds != connect.KeepAliveSeconds) ack.Properties.Add(MqttProperty.FromNumber(MqttPropertyId.ServerKeepAlive, (uint)KeepAliveSeconds));
            ack.Properties.Add(MqttProperty.FromNumber(MqttPropertyId.MaximumQoS, 1));
        }
        await _channel.WritePacketAsync(ack, ct).ConfigureAwait(false);
        details["keepAlive"] = KeepAliveSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        details["disconnectAfterInSeconds"] = outcome.DisconnectAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        details["refreshAfterInSeconds"] = outcome.RefreshAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Log(LogEvents.ConnectOk, null, outcome.Rule + "; " + connectDecision.Explanation, null, details);
        if (sessionPresent && stored is not null)
            foreach (var m in stored.Pending) Deliver(m.Topic, m.Payload, m.QoS, retain: false);
        return outcome;
    }

    private async Task<AuthOutcome?> RefuseConnectAsync(string reason, byte v5Code, byte v311Code, string rule, string? hint, Dictionary<string, string> details)
    {
        if (_version == MqttProtocolVersion.V500)
            await TrySendAsync(new ConnAckPacket { ReasonCode = v5Code }, _version).ConfigureAwait(false);
        else if (!_broker.Config.Observed.V311RefusalClosesWithoutConnAck)
            await TrySendAsync(new ConnAckPacket { ReasonCode = v311Code }, _version).ConfigureAwait(false);
        details["response"] = _version == MqttProtocolVersion.V500
            ? $"CONNACK 0x{v5Code:X2} then close"
            : _broker.Config.Observed.V311RefusalClosesWithoutConnAck ? "close without CONNACK (AWS behaviour for MQTT 3.1.1)" : $"CONNACK 0x{v311Code:X2} then close";
        Refused(reason, rule, hint, details);
        return null;
    }
}
