using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Settings;

namespace AwsIotDevice.Core.Credentials
{
    /// <summary>
    /// The device's side of credential renewal over MQTT, as a pure state machine the supervisor drives (phase 2): it
    /// decides, the caller stores, connects and publishes (<see cref="RenewalActions"/>).
    /// <code>
    ///            OnMessage (authentic, newer)          BeforeConnect (now &gt;= notBefore)
    ///   none ──────────────────────────────► received ─────────────────────────────► trying
    ///                                                                        │ OnConnectAccepted: settings saved
    ///                                                                        │   with the new token ─► accepted
    ///                                                                        │ OnConnectRefused / expired /
    ///                                                                        │   restarted too often ─► rejected
    ///   accepted / rejected ── ack published (OnAckPublished) ──► none
    /// </code>
    /// While trying, <see cref="Token"/> and <see cref="Signature"/> are the new credential; otherwise the one in force, so
    /// a refusal falls back by itself. A restart at any point resumes from the pending store (<see cref="Start"/>): a
    /// pending credential that equals the stored token was accepted; one being tried is tried first again, at most
    /// <see cref="MaxStartsWhileTrying"/> starts. Nothing here touches the telemetry queue: the reconnect keeps every
    /// reading. Secret-free logs, acknowledgements and STATUS. Not thread-safe: the supervisor's thread owns it.
    /// </summary>
    public sealed class CredentialRenewal
    {
        /// <summary>Starts of the device while trying a renewed token after which it goes back to the old one.</summary>
        public const int MaxStartsWhileTrying = 3;

        private readonly IHmacSha256 _hmac;
        private DeviceSettings _settings = new DeviceSettings();
        private DeviceSettings _beforeAccept;
        private byte[] _key;
        private PendingCredential _pending;
        private string _transientAck;
        private string _lastOutcome = "-";

        /// <summary>A machine that verifies MACs with <paramref name="hmac"/>; call <see cref="Start"/> before anything else.</summary>
        public CredentialRenewal(IHmacSha256 hmac)
        {
            if (hmac == null)
            {
                throw new System.ArgumentNullException("hmac");
            }

            _hmac = hmac;
        }

        /// <summary>True when the settings have a renewal key (then subscribe to <see cref="CredentialsTopic"/>).</summary>
        public bool Enabled
        {
            get { return _key != null; }
        }

        /// <summary>Where renewals arrive (subscribe, QoS 1), or null when renewals are off.</summary>
        public string CredentialsTopic
        {
            get { return Enabled ? CredentialTopics.CredentialsTopic(_settings.Topic, _settings.ClientId) : null; }
        }

        /// <summary>Where acknowledgements go (publish, QoS 1), or null when renewals are off.</summary>
        public string AckTopic
        {
            get { return Enabled ? CredentialTopics.AckTopic(_settings.Topic, _settings.ClientId) : null; }
        }

        /// <summary>True while the next or current CONNECT uses the renewed credential.</summary>
        public bool UsingPending
        {
            get { return _pending != null && _pending.State == PendingCredential.Trying; }
        }

        /// <summary>The token for CONNECT: the renewed one while trying, else the one in force. Secret.</summary>
        public string Token
        {
            get { return UsingPending ? _pending.Token : _settings.Token; }
        }

        /// <summary>The signature for CONNECT (see <see cref="Token"/>). Secret.</summary>
        public string Signature
        {
            get { return UsingPending ? _pending.Signature : _settings.Signature; }
        }

        /// <summary>A copy of the settings in force (with the renewed credential once accepted). Holds secrets.</summary>
        public DeviceSettings Settings
        {
            get { return _settings.Clone(); }
        }

        /// <summary>The pending state: "none", or a state of <see cref="PendingCredential"/>.</summary>
        public string State
        {
            get { return _pending == null ? "none" : _pending.State; }
        }

        /// <summary>
        /// At boot, and again whenever the settings change (COMMIT, import): the validated settings in force and the pending
        /// store's text (null when empty). Drops a pending credential that is torn, for another device, no longer newer
        /// than the token in force, or when renewals were turned off; one that equals the stored token was accepted before
        /// a restart; one being tried is tried again first (up to <see cref="MaxStartsWhileTrying"/> starts).
        /// </summary>
        public RenewalActions Start(DeviceSettings settings, string pendingText)
        {
            if (settings == null)
            {
                throw new System.ArgumentNullException("settings");
            }

            _settings = settings.Clone();
            _beforeAccept = null;
            _key = RenewalSettingRules.KeyOf(settings);
            _transientAck = null;
            string problem;
            _pending = PendingCredential.Parse(pendingText, out problem);
            if (_pending == null)
            {
                return problem.Length == 0 ? RenewalActions.None : new RenewalActions(null, string.Empty, "credential renewal: dropped " + problem, false);
            }

            if (_key == null)
            {
                _pending = null;
                return new RenewalActions(null, string.Empty, "credential renewal: aws.renewalKey is empty now; dropped the pending renewal", false);
            }

            if (!_pending.HoldsCredential)
            {
                return RenewalActions.None;
            }

            if (_pending.Token == _settings.Token)
            {
                return Finish(true, string.Empty, "stored before the restart", "credential renewal: the renewed token was already stored before the restart: accepted");
            }

            V1Token token = V1Token.Parse(_pending.Token);
            if (token == null || token.ClientId != _settings.ClientId)
            {
                _pending = null;
                return new RenewalActions(null, string.Empty, "credential renewal: the settings changed since the renewal arrived (another client id); dropped it", false);
            }

            V1Token current = V1Token.Parse(_settings.Token);
            if (current != null && token.ExpiresAtUnixSeconds <= current.ExpiresAtUnixSeconds)
            {
                return Finish(false, RenewalReasons.NotNewer, "the token in force now expires later than the renewal's", "credential renewal: the token in force expires later than the pending renewal's; dropped it");
            }

            if (_pending.State == PendingCredential.Trying)
            {
                _pending.Attempts++;
                if (_pending.Attempts >= MaxStartsWhileTrying)
                {
                    return Finish(false, RenewalReasons.GaveUp, "restarted " + _pending.Attempts.ToString() + " times while trying it", "credential renewal: restarted " + _pending.Attempts.ToString() + " times while trying the renewed token; back to the previous one");
                }

                return new RenewalActions(null, _pending.Format(), "credential renewal: restarted while trying the renewed token; trying it first (start " + (_pending.Attempts + 1).ToString() + " of " + MaxStartsWhileTrying.ToString() + ")", false);
            }

            return RenewalActions.None;
        }

        /// <summary>
        /// Before each CONNECT (time valid). A received renewal whose notBefore has come becomes the credential tried; an
        /// expired one is given up.
        /// </summary>
        public RenewalActions BeforeConnect(long nowUnix)
        {
            if (_pending == null || !_pending.HoldsCredential)
            {
                return RenewalActions.None;
            }

            if (nowUnix >= _pending.ExpiresAt)
            {
                return Finish(false, RenewalReasons.Expired, "the renewed token expired at " + UnixTime.Format(_pending.ExpiresAt) + " before it could be used", "credential renewal: the renewed token expired before it could be used; keeping the previous one");
            }

            if (_pending.State == PendingCredential.Received && nowUnix >= _pending.NotBefore)
            {
                _pending.State = PendingCredential.Trying;
                return new RenewalActions(null, _pending.Format(), "credential renewal: connecting with the renewed token (expires " + UnixTime.Format(_pending.ExpiresAt) + ")", false);
            }

            return RenewalActions.None;
        }

        /// <summary>
        /// True when a received renewal waits only for its notBefore, which has come at <paramref name="nowUnix"/>: the
        /// caller may reconnect to switch (e.g. checked once a minute while publishing).
        /// </summary>
        public bool IsDue(long nowUnix)
        {
            return _pending != null && _pending.State == PendingCredential.Received && nowUnix >= _pending.NotBefore;
        }

        /// <summary>
        /// The broker accepted a CONNECT. When it was made with the renewed credential: the settings with it are to be saved
        /// (first), then the pending state "accepted" (the acknowledgement is due).
        /// </summary>
        public RenewalActions OnConnectAccepted()
        {
            if (!UsingPending)
            {
                return RenewalActions.None;
            }

            DeviceSettings renewed = _settings.Clone();
            renewed.Token = _pending.Token;
            renewed.Signature = _pending.Signature;
            _beforeAccept = _settings;
            _settings = renewed;
            long expires = _pending.ExpiresAt;
            RenewalActions finish = Finish(true, string.Empty, string.Empty, "credential renewal: the broker accepted the renewed token (expires " + UnixTime.Format(expires) + "); it is now the device's credential");
            return new RenewalActions(SettingsCodec.FormatForStorage(renewed), finish.PendingText, finish.Log, false);
        }

        /// <summary>
        /// The settings from <see cref="OnConnectAccepted"/> could not be saved: the previous credential stays (a restart
        /// would use it), so the device reconnects with it and acknowledges a rejection.
        /// </summary>
        public RenewalActions OnSettingsSaveFailed()
        {
            if (_beforeAccept == null)
            {
                return RenewalActions.None;
            }

            _settings = _beforeAccept;
            _beforeAccept = null;
            RenewalActions finish = Finish(false, RenewalReasons.StorageFailed, "the renewed token could not be stored", "credential renewal: the renewed token could not be stored; reconnecting with the previous one");
            return new RenewalActions(null, finish.PendingText, finish.Log, true);
        }

        /// <summary>
        /// The broker refused a CONNECT (authorization: no CONNACK, or a refusing one); <paramref name="detail"/> is the
        /// fault's secret-free detail. When it was made with the renewed credential: back to the old one (the next CONNECT
        /// uses it) and a rejection is due. Transport failures (DNS, TCP, TLS) are not refusals: do not call this for them.
        /// </summary>
        public RenewalActions OnConnectRefused(string detail)
        {
            if (!UsingPending)
            {
                return RenewalActions.None;
            }

            string why = detail == null || detail.Length == 0 ? "the broker refused the CONNECT" : detail;
            return Finish(false, RenewalReasons.BrokerRefused, why, "credential renewal: the broker refused the renewed token (" + why + "); back to the previous token");
        }

        /// <summary>
        /// A message arrived on <see cref="CredentialsTopic"/>. An authentic, newer renewal becomes pending (received) and,
        /// when its notBefore has come, asks for a reconnect; anything else is refused with an acknowledgement saying why.
        /// </summary>
        public RenewalActions OnMessage(byte[] payload, int offset, int count, long nowUnix)
        {
            RenewalVerdict verdict = RenewalVerifier.Verify(payload, offset, count, _settings.ClientId, _settings.Token, _key, _hmac, nowUnix);
            if (!verdict.Ok)
            {
                if (verdict.IsCurrent)
                {
                    _transientAck = Ack(true, string.Empty, "already in force", verdict.ExpiresAt);
                    return new RenewalActions(null, null, "credential renewal: received the token already in force again; acknowledged", false);
                }

                _transientAck = Ack(false, verdict.Reason, verdict.Detail, verdict.ExpiresAt);
                _lastOutcome = PendingCredential.Rejected + ":" + verdict.Reason;
                return new RenewalActions(null, null, "credential renewal: refused a renewal (" + verdict.Reason + "): " + verdict.Detail, false);
            }

            if (_pending != null && _pending.HoldsCredential && _pending.Token == verdict.Token)
            {
                return RenewalActions.None;
            }

            PendingCredential pending = new PendingCredential();
            pending.State = PendingCredential.Received;
            pending.Token = verdict.Token;
            pending.Signature = verdict.Signature;
            pending.NotBefore = verdict.NotBefore;
            pending.ExpiresAt = verdict.ExpiresAt;
            _pending = pending;
            bool due = nowUnix >= pending.NotBefore;
            string when = due ? "switching now" : "switching from " + UnixTime.Format(pending.NotBefore);
            return new RenewalActions(null, pending.Format(), "credential renewal: received a renewed token (expires " + UnixTime.Format(pending.ExpiresAt) + "); " + when, due);
        }

        /// <summary>The acknowledgement to publish on <see cref="AckTopic"/> (QoS 1) while connected, or null.</summary>
        public string AckPayload
        {
            get
            {
                if (_pending != null && !_pending.HoldsCredential)
                {
                    return Ack(_pending.State == PendingCredential.Accepted, _pending.Reason, _pending.Detail, _pending.ExpiresAt);
                }

                return _transientAck;
            }
        }

        /// <summary>The broker acknowledged the publish of <see cref="AckPayload"/>: forget it (and the pending store).</summary>
        public RenewalActions OnAckPublished()
        {
            if (_pending != null && !_pending.HoldsCredential)
            {
                _lastOutcome = _pending.State == PendingCredential.Accepted ? PendingCredential.Accepted : PendingCredential.Rejected + ":" + _pending.Reason;
                _pending = null;
                _beforeAccept = null;
                return new RenewalActions(null, string.Empty, null, false);
            }

            _transientAck = null;
            return RenewalActions.None;
        }

        /// <summary>
        /// STATUS fields: <c>renewal=&lt;none|received|trying|accepted|rejected:reason&gt; lastRenewal=&lt;outcome or -&gt;</c>
        /// (<c>renewal=off</c> without a renewal key). Secret-free.
        /// </summary>
        public string StatusFields()
        {
            string state = !Enabled ? "off" : State;
            if (_pending != null && _pending.State == PendingCredential.Rejected)
            {
                state += ":" + _pending.Reason;
            }

            return "renewal=" + state + " lastRenewal=" + _lastOutcome;
        }

        private RenewalActions Finish(bool accepted, string reason, string detail, string log)
        {
            _pending.State = accepted ? PendingCredential.Accepted : PendingCredential.Rejected;
            _pending.Reason = accepted ? string.Empty : reason;
            _pending.Detail = detail == null ? string.Empty : detail;
            _pending.Token = string.Empty;
            _pending.Signature = string.Empty;
            return new RenewalActions(null, _pending.Format(), log, false);
        }

        private string Ack(bool accepted, string reason, string detail, long renewalExpiresAt)
        {
            V1Token current = V1Token.Parse(_settings.Token);
            return RenewalAck.Format(_settings.ClientId, accepted, reason, detail, current == null ? 0 : current.ExpiresAtUnixSeconds, renewalExpiresAt);
        }
    }
}
