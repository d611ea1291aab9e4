using System;
using System.Collections;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Mqtt;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.Core.Supervision;
using AwsIotDevice.Core.Telemetry;
using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Credentials
{
    /// <summary>
    /// The device's credential in use, joined to the <see cref="Supervisor"/> (as its <see cref="ISupervisorHooks"/>) and
    /// to the link (as its <see cref="IMqttMessageHandler"/>):
    /// <list type="bullet">
    /// <item>token expiry (any token format the device can read): STATUS fields, a warning from aws.tokenWarnDays days
    /// before (said once per day left), and a refused CONNECT explained by the expiry reported as
    /// <see cref="Fault.TokenExpired"/>;</item>
    /// <item>renewal (when aws.renewalKey is set): after CONNACK subscribe to the credentials topic; a message there goes
    /// through <see cref="CredentialRenewal"/>, whose actions are carried out here in its order (settings store first,
    /// then the pending store, then the log, then a reconnect with the new credential); the acknowledgement is published
    /// once per session while one is due.</item>
    /// </list>
    /// The reconnect is the supervisor's: the session ends without a fault and the telemetry queue is never touched, so
    /// no reading is lost across the switch. Supervisor's thread only, except <see cref="StatusFields"/>. Secret-free logs.
    /// </summary>
    public sealed class DeviceCredentials : ISupervisorHooks, IMqttMessageHandler
    {
        /// <summary>Renewal messages kept between two steps; more are dropped (the backend sends one and waits for its ack).</summary>
        public const int MaxInbox = 2;

        /// <summary>How long SUBSCRIBE and the acknowledgement's PUBLISH may wait for the broker.</summary>
        public const int BrokerTimeoutMs = 10000;

        /// <summary>How often (uptime) the expiry warning and a due notBefore are checked while connected.</summary>
        public const int CheckIntervalMs = 60000;

        private readonly CredentialRenewal _renewal;
        private readonly ISettingsStore _settingsStore;
        private readonly ISettingsStore _pendingStore;
        private readonly IClock _clock;
        private readonly INetwork _network;
        private readonly ILog _log;
        private readonly ArrayList _inbox = new ArrayList();
        private readonly TokenExpiryWarning _warning = new TokenExpiryWarning();

        // Read by StatusFields from any thread: replaced whole, never changed in place.
        private TokenExpiry _expiry = TokenExpiry.Of(null);
        private string _renewalFields = "renewal=off lastRenewal=-";
        private int _warnDays = TokenExpiry.DefaultWarnDays;

        private string _credentialsTopic;
        private bool _triedPending;
        private bool _ackTried;
        private long _nextCheckAtMs;

        /// <summary>
        /// Verifies renewals with <paramref name="hmac"/>; saves an accepted credential into the settings in
        /// <paramref name="settingsStore"/> and the renewal in progress in <paramref name="pendingStore"/> (both atomic);
        /// reads the time from <paramref name="clock"/> (valid when <paramref name="network"/> says so); logs to
        /// <paramref name="log"/>. None may be null.
        /// </summary>
        public DeviceCredentials(IHmacSha256 hmac, ISettingsStore settingsStore, ISettingsStore pendingStore, IClock clock, INetwork network, ILog log)
        {
            if (settingsStore == null || pendingStore == null || clock == null || network == null || log == null)
            {
                throw new ArgumentNullException(settingsStore == null ? "settingsStore" : pendingStore == null ? "pendingStore" : clock == null ? "clock" : network == null ? "network" : "log");
            }

            _renewal = new CredentialRenewal(hmac);
            _settingsStore = settingsStore;
            _pendingStore = pendingStore;
            _clock = clock;
            _network = network;
            _log = log;
        }

        /// <summary>The renewal state machine (for tests and diagnostics). Supervisor's thread only.</summary>
        public CredentialRenewal Renewal
        {
            get { return _renewal; }
        }

        /// <summary>See <see cref="ISupervisorHooks.OnAdopted"/>: starts the renewal from the settings and the pending store.</summary>
        public void OnAdopted(SupervisorConfig config)
        {
            DeviceSettings settings = config.Source != null ? config.Source : FromConfig(config);
            settings = KeepRenewedToken(settings);
            string pendingText = null;
            try
            {
                pendingText = _pendingStore.Load();
            }
            catch (Exception)
            {
                _log.Warn("credential renewal: the pending credential could not be read; ignoring it");
            }

            _inbox.Clear();
            _triedPending = false;
            int days = settings.TokenWarnDays;
            _warnDays = days >= 0 && days <= RenewalSettingRules.MaxWarnDays ? days : TokenExpiry.DefaultWarnDays;
            Apply(_renewal.Start(settings, pendingText));
            _credentialsTopic = _renewal.CredentialsTopic;
            _nextCheckAtMs = 0;
        }

        /// <summary>See <see cref="ISupervisorHooks.ConfigForConnect"/>: the renewed credential while it is being tried or once it is in force.</summary>
        public SupervisorConfig ConfigForConnect(SupervisorConfig config)
        {
            bool timeValid = _network.IsTimeValid;
            long now = NowUnix();
            if (timeValid)
            {
                Apply(_renewal.BeforeConnect(now));
            }

            CheckExpiry(now, timeValid);
            _triedPending = _renewal.UsingPending;
            string token = _renewal.Token;
            string signature = _renewal.Signature;
            return token == config.Token && signature == config.Signature ? config : config.WithCredential(token, signature);
        }

        /// <summary>
        /// See <see cref="ISupervisorHooks.OnConnectFailed"/>. A refusal of the renewed token sends the renewal back to the
        /// old one (the fault stays what the broker said); a refusal of the token in force that its expiry explains is
        /// <see cref="Fault.TokenExpired"/>. Transport failures pass unchanged.
        /// </summary>
        public Fault OnConnectFailed(Fault fault, ref string detail)
        {
            bool tried = _triedPending;
            _triedPending = false;
            if (!IsRefusal(fault))
            {
                return fault;
            }

            if (tried)
            {
                Apply(_renewal.OnConnectRefused(FaultNames.Of(fault) + (detail != null && detail.Length > 0 ? ": " + detail : string.Empty)));
                return fault;
            }

            long now = NowUnix();
            if (_expiry.ExplainsRefusalAt(now, _network.IsTimeValid))
            {
                detail = _expiry.RefusalDetail(now) + " (" + FaultNames.Of(fault) + ")";
                return Fault.TokenExpired;
            }

            return fault;
        }

        /// <summary>See <see cref="ISupervisorHooks.OnConnected"/>: a renewed token is kept (stored); then the subscription.</summary>
        public bool OnConnected(IMqttLink link)
        {
            _ackTried = false;
            bool reconnect = false;
            if (_triedPending)
            {
                _triedPending = false;
                reconnect = Apply(_renewal.OnConnectAccepted());
            }

            if (!reconnect && _credentialsTopic != null)
            {
                Fault fault = link.Subscribe(_credentialsTopic, 1, BrokerTimeoutMs);
                if (fault != Fault.None)
                {
                    _log.Warn("credential renewal: could not subscribe to " + _credentialsTopic + " (" + FaultNames.Of(fault) + ": "
                        + SettingsImport.Scrub(link.LastErrorDetail ?? string.Empty, _renewal.Settings) + "); renewals cannot arrive in this session (" + FaultAdvice.For(fault) + ")");
                }
            }

            return reconnect;
        }

        /// <summary>See <see cref="ISupervisorHooks.OnService"/>: renewals received, the acknowledgement, the periodic checks.</summary>
        public bool OnService(PacedPublisher publisher)
        {
            bool reconnect = false;
            while (_inbox.Count > 0)
            {
                byte[] message = (byte[])_inbox[0];
                _inbox.RemoveAt(0);
                reconnect |= Apply(_renewal.OnMessage(message, 0, message.Length, NowUnix()));
            }

            string ack = _renewal.AckPayload;
            if (ack != null && !_ackTried && _renewal.AckTopic != null)
            {
                // Once per session: a broker that refuses it (policy) is not asked again until the next CONNECT. Paced
                // like telemetry (a drain may have spent the budget): "not yet" is asked again at the next step.
                byte[] bytes = Utf8.GetBytes(ack);
                Fault fault;
                if (publisher.TryPublish(_renewal.AckTopic, bytes, bytes.Length, 1, BrokerTimeoutMs, out fault))
                {
                    _ackTried = true;
                    if (fault == Fault.None)
                    {
                        _log.Info("credential renewal: acknowledged on " + _renewal.AckTopic);
                        Apply(_renewal.OnAckPublished());
                    }
                    else
                    {
                        _log.Warn("credential renewal: the acknowledgement was not delivered (" + FaultNames.Of(fault) + "); retrying in the next session");
                    }
                }
            }

            long uptime = _clock.UptimeMs;
            if (uptime >= _nextCheckAtMs)
            {
                _nextCheckAtMs = uptime + CheckIntervalMs;
                long now = NowUnix();
                bool timeValid = _network.IsTimeValid;
                CheckExpiry(now, timeValid);
                if (!reconnect && timeValid && _renewal.IsDue(now))
                {
                    _log.Info("credential renewal: the renewed token's notBefore has come; reconnecting with it");
                    reconnect = true;
                }
            }

            return reconnect;
        }

        /// <summary>
        /// See <see cref="IMqttMessageHandler.OnMessage"/>: a copy of a message on the credentials topic is kept for the
        /// next <see cref="OnService"/>; others, oversized ones and those past <see cref="MaxInbox"/> are dropped.
        /// </summary>
        public void OnMessage(string topic, byte[] payload, int offset, int count, int qos, bool retain)
        {
            if (_credentialsTopic == null || topic != _credentialsTopic)
            {
                return;
            }

            if (count > RenewalMessage.MaxBytes || _inbox.Count >= MaxInbox)
            {
                _log.Warn("credential renewal: dropped a message of " + count.ToString() + " bytes on " + topic
                    + (count > RenewalMessage.MaxBytes ? " (too large)" : " (another is still being handled)"));
                return;
            }

            byte[] copy = new byte[count];
            Array.Copy(payload, offset, copy, 0, count);
            _inbox.Add(copy);
        }

        /// <summary>
        /// See <see cref="ISupervisorHooks.StatusFields"/>: <c>tokenExpiresAt=... tokenDaysLeft=... tokenState=...
        /// renewal=... lastRenewal=...</c> (see <see cref="TokenExpiry.StatusFields"/> and
        /// <see cref="CredentialRenewal.StatusFields"/>). Any thread.
        /// </summary>
        public string StatusFields()
        {
            return _expiry.StatusFields(_clock.UtcNow, _network.IsTimeValid, _warnDays) + " " + _renewalFields;
        }

        // The provisioning session stages from the settings it read at boot: a COMMIT of some other value would otherwise
        // put back the token a renewal replaced. A token of the same client id that expires earlier than the one in force
        // is never wanted (renewals refuse such a rollback too): keep the one in force, and store it again.
        private DeviceSettings KeepRenewedToken(DeviceSettings settings)
        {
            DeviceSettings inForce = _renewal.Settings;
            V1Token current = V1Token.Parse(inForce.Token);
            V1Token offered = V1Token.Parse(settings.Token);
            if (current == null || offered == null || current.ClientId != offered.ClientId || settings.ClientId != current.ClientId
                || current.ExpiresAtUnixSeconds <= offered.ExpiresAtUnixSeconds)
            {
                return settings;
            }

            DeviceSettings kept = settings.Clone();
            kept.Token = inForce.Token;
            kept.Signature = inForce.Signature;
            try
            {
                SaveRenewed(kept);
            }
            catch (Exception)
            {
                _log.Warn("credential renewal: the settings with the renewed token could not be saved again; a restart would use the older token");
            }

            _log.Info("credential renewal: the new settings carry an older token (expires " + UnixTime.Format(offered.ExpiresAtUnixSeconds)
                + ") than the one in force (expires " + UnixTime.Format(current.ExpiresAtUnixSeconds) + "); keeping the one in force");
            return kept;
        }

        // The serial session saves COMMITs to the same store from its own thread, so a save here is a read-modify-write
        // under the store's lock (ISettingsStore's contract): only the renewed token and signature are written, onto what
        // is stored now. When the stored settings point elsewhere (a COMMIT re-pointed the device, which needs its own
        // credential) or carry a token that lasts longer, they win and nothing is written. Throws as Save does.
        private void SaveRenewed(DeviceSettings renewed)
        {
            lock (_settingsStore)
            {
                string storedText = _settingsStore.Load();
                DeviceSettings stored = storedText == null ? null : SettingsCodec.Parse(storedText).Settings;
                if (stored != null && CredentialBinding.ChangedBindingKey(stored, renewed) != null)
                {
                    _log.Info("credential renewal: the stored settings were re-pointed meanwhile; their own credential stays");
                    return;
                }

                V1Token storedToken = stored == null ? null : V1Token.Parse(stored.Token);
                V1Token renewedToken = V1Token.Parse(renewed.Token);
                if (storedToken != null && renewedToken != null && storedToken.ExpiresAtUnixSeconds > renewedToken.ExpiresAtUnixSeconds)
                {
                    return;
                }

                DeviceSettings merged = stored != null ? stored.Clone() : renewed.Clone();
                merged.Token = renewed.Token;
                merged.Signature = renewed.Signature;
                _settingsStore.Save(SettingsCodec.FormatForStorage(merged));
            }
        }

        // Carries out one step's actions in the order RenewalActions prescribes; true when a reconnect is wanted.
        private bool Apply(RenewalActions actions)
        {
            bool reconnect = actions.Reconnect;
            if (actions.SettingsText != null)
            {
                try
                {
                    SaveRenewed(SettingsCodec.Parse(actions.SettingsText).Settings);
                }
                catch (Exception)
                {
                    // The exception's text may quote the file's content: the fact alone is logged.
                    _log.Warn("credential renewal: the settings with the renewed token could not be saved");
                    Apply(_renewal.OnSettingsSaveFailed());
                    return true;
                }
            }

            if (actions.PendingText != null)
            {
                try
                {
                    _pendingStore.Save(actions.PendingText);
                }
                catch (Exception)
                {
                    _log.Warn("credential renewal: the pending credential could not be saved; a restart now would forget it");
                }
            }

            if (actions.Log != null)
            {
                _log.Info(actions.Log);
            }

            UpdateStatus();
            return reconnect;
        }

        private void UpdateStatus()
        {
            // While a renewed token is only being tried, the one in force is still the old one.
            string token = _renewal.UsingPending ? _renewal.Settings.Token : _renewal.Token;
            _expiry = TokenExpiry.Of(token);
            _renewalFields = _renewal.StatusFields();
        }

        private void CheckExpiry(long now, bool timeValid)
        {
            string warning = _warning.Check(_expiry, now, timeValid, _warnDays);
            if (warning != null)
            {
                _log.Warn(warning);
            }
        }

        private long NowUnix()
        {
            return UnixTime.ToSeconds(_clock.UtcNow);
        }

        // What the broker says when it does not take the credentials (not transport failures: those say nothing of them).
        private static bool IsRefusal(Fault fault)
        {
            return fault == Fault.ConnectRefused || fault == Fault.RefusedBadCredentials || fault == Fault.RefusedNotAuthorized
                || fault == Fault.UpgradeRefused;
        }

        // A configuration built by hand has no settings: the credential alone gives the expiry; renewals stay off.
        private static DeviceSettings FromConfig(SupervisorConfig config)
        {
            DeviceSettings settings = new DeviceSettings();
            settings.ClientId = config.ClientId == null ? string.Empty : config.ClientId;
            settings.Topic = config.Topic == null ? string.Empty : config.Topic;
            settings.Token = config.Token == null ? string.Empty : config.Token;
            settings.Signature = config.Signature == null ? string.Empty : config.Signature;
            return settings;
        }
    }
}
