using AwsIotDevice.Core.Credentials;
using AwsIotDevice.Core.Json;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.Tests.Fakes;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Credentials
{
    /// <summary>
    /// The renewal state machine as phase 2's supervisor will drive it: a store pair (settings, pending) kept the way
    /// <see cref="RenewalActions"/> says, restarts simulated by a new machine started from what was stored.
    /// </summary>
    [TestClass]
    public class CredentialRenewalTests
    {
        // The stores of one simulated device (statics: the launcher invokes tests with a null instance).
        private static string _settingsStore;
        private static string _pendingStore;

        // A device with empty stores (TestFramework's [Setup] runs once per class, not per test).
        private static CredentialRenewal NewDevice()
        {
            _settingsStore = null;
            _pendingStore = null;
            return Boot();
        }

        private static CredentialRenewal Boot()
        {
            if (_settingsStore == null)
            {
                _settingsStore = SettingsCodec.FormatForStorage(RenewalTestData.Settings());
            }

            CredentialRenewal renewal = new CredentialRenewal(new TestHmacSha256());
            Apply(renewal.Start(SettingsCodec.Parse(_settingsStore).Settings, _pendingStore));
            return renewal;
        }

        private static RenewalActions Apply(RenewalActions actions)
        {
            if (actions.SettingsText != null)
            {
                _settingsStore = actions.SettingsText;
            }

            if (actions.PendingText != null)
            {
                _pendingStore = actions.PendingText.Length == 0 ? null : actions.PendingText;
            }

            if (actions.Log != null)
            {
                Assert.DoesNotContains("ZGV2aWNl", actions.Log, "a log line holds no token");
                Assert.DoesNotContains(RenewalTestData.NewSignature, actions.Log);
                Assert.DoesNotContains(RenewalTestData.KeyBase64, actions.Log);
            }

            return actions;
        }

        private static FlatJsonObject Ack(CredentialRenewal renewal)
        {
            string payload = renewal.AckPayload;
            Assert.IsNotNull(payload, "an acknowledgement is due");
            Assert.DoesNotContains("ZGV2aWNl", payload);
            Assert.DoesNotContains(RenewalTestData.NewSignature, payload);
            string error;
            FlatJsonObject ack = FlatJsonReader.Parse(payload, 8, out error);
            Assert.IsNotNull(ack, error);
            return ack;
        }

        private static long Number(FlatJsonObject o, string name)
        {
            long value;
            Assert.IsTrue(o.TryGetInteger(name, out value), name);
            return value;
        }

        private static RenewalActions Deliver(CredentialRenewal renewal, byte[] message, long now)
        {
            return Apply(renewal.OnMessage(message, 0, message.Length, now));
        }

        [TestMethod]
        public void TopicsAndStateBeforeAnything()
        {
            CredentialRenewal renewal = NewDevice();

            Assert.IsTrue(renewal.Enabled);
            Assert.AreEqual("devices/device-01/credentials", renewal.CredentialsTopic);
            Assert.AreEqual("devices/device-01/credentials/ack", renewal.AckTopic);
            Assert.AreEqual("none", renewal.State);
            Assert.AreEqual(RenewalTestData.CurrentToken, renewal.Token);
            Assert.IsNull(renewal.AckPayload);
            Assert.AreEqual("renewal=none lastRenewal=-", renewal.StatusFields());
        }

        [TestMethod]
        public void HappyPathReceiveTryAcceptAcknowledge()
        {
            CredentialRenewal renewal = NewDevice();

            RenewalActions received = Deliver(renewal, RenewalTestData.Message(), RenewalTestData.Now);
            Assert.IsTrue(received.Reconnect, "switch now");
            Assert.AreEqual("received", renewal.State);
            Assert.IsNotNull(_pendingStore, "stored before anything else");
            Assert.AreEqual(RenewalTestData.CurrentToken, renewal.Token, "not used before the next CONNECT");

            Apply(renewal.BeforeConnect(RenewalTestData.Now + 1));
            Assert.AreEqual("trying", renewal.State);
            Assert.IsTrue(renewal.UsingPending);
            Assert.AreEqual(RenewalTestData.NewToken, renewal.Token);
            Assert.AreEqual(RenewalTestData.NewSignature, renewal.Signature);

            RenewalActions accepted = Apply(renewal.OnConnectAccepted());
            Assert.IsNotNull(accepted.SettingsText);
            DeviceSettings stored = SettingsCodec.Parse(_settingsStore).Settings;
            Assert.AreEqual(RenewalTestData.NewToken, stored.Token);
            Assert.AreEqual(RenewalTestData.NewSignature, stored.Signature);
            Assert.AreEqual("home-net", stored.WifiSsid, "everything else kept");
            Assert.AreEqual(RenewalTestData.NewToken, renewal.Settings.Token);
            Assert.AreEqual("accepted", renewal.State);
            Assert.DoesNotContains(RenewalTestData.NewToken, _pendingStore, "an accepted pending state holds no secret");

            FlatJsonObject ack = Ack(renewal);
            Assert.AreEqual("accepted", ack.GetString("status"));
            Assert.AreEqual("device-01", ack.GetString("clientId"));
            Assert.AreEqual(string.Empty, ack.GetString("reason"));
            Assert.AreEqual(RenewalTestData.NewExpiry, Number(ack, "expiresAt"));
            Assert.AreEqual(RenewalTestData.NewExpiry, Number(ack, "renewalExpiresAt"));
            Assert.AreEqual(1L, Number(ack, "v"));

            Apply(renewal.OnAckPublished());
            Assert.IsNull(_pendingStore, "the pending store is cleared once acknowledged");
            Assert.IsNull(renewal.AckPayload);
            Assert.AreEqual("renewal=none lastRenewal=accepted", renewal.StatusFields());
            Assert.AreEqual(RenewalTestData.NewToken, renewal.Token);
        }

        [TestMethod]
        public void TheBrokerRefusingTheNewTokenFallsBackAndSaysWhy()
        {
            CredentialRenewal renewal = NewDevice();
            Deliver(renewal, RenewalTestData.Message(), RenewalTestData.Now);
            Apply(renewal.BeforeConnect(RenewalTestData.Now));

            RenewalActions refused = Apply(renewal.OnConnectRefused("closed the connection after CONNECT"));

            Assert.IsNull(refused.SettingsText, "the settings are not touched");
            Assert.AreEqual(RenewalTestData.CurrentToken, renewal.Token, "the next CONNECT uses the old token");
            Assert.IsFalse(renewal.UsingPending);
            Assert.AreEqual(RenewalTestData.CurrentToken, SettingsCodec.Parse(_settingsStore).Settings.Token);
            Assert.AreEqual("renewal=rejected:broker-refused lastRenewal=-", renewal.StatusFields());

            Assert.IsTrue(renewal.OnConnectAccepted().IsEmpty, "connected with the old token: nothing to store");
            FlatJsonObject ack = Ack(renewal);
            Assert.AreEqual("rejected", ack.GetString("status"));
            Assert.AreEqual(RenewalReasons.BrokerRefused, ack.GetString("reason"));
            Assert.Contains("closed the connection after CONNECT", ack.GetString("detail"));
            Assert.AreEqual(RenewalTestData.CurrentExpiry, Number(ack, "expiresAt"), "the token in force");
            Assert.AreEqual(RenewalTestData.NewExpiry, Number(ack, "renewalExpiresAt"));

            Apply(renewal.OnAckPublished());
            Assert.IsNull(_pendingStore);
            Assert.AreEqual("renewal=none lastRenewal=rejected:broker-refused", renewal.StatusFields());
        }

        [TestMethod]
        public void RefusalsAndAcceptsWithTheOldTokenDoNotTouchAnything()
        {
            CredentialRenewal renewal = NewDevice();
            Assert.IsTrue(renewal.OnConnectRefused("x").IsEmpty);
            Assert.IsTrue(renewal.OnConnectAccepted().IsEmpty);
            Assert.IsTrue(renewal.BeforeConnect(RenewalTestData.Now).IsEmpty);
            Assert.IsTrue(renewal.OnSettingsSaveFailed().IsEmpty);
            Assert.IsTrue(renewal.OnAckPublished().IsEmpty);
            Assert.IsNull(_pendingStore);
        }

        [TestMethod]
        public void AForgedRenewalIsAcknowledgedAsRejectedAndChangesNothing()
        {
            CredentialRenewal renewal = NewDevice();

            RenewalActions actions = Deliver(renewal, RenewalTestData.Message("device-01", RenewalTestData.NewToken, RenewalTestData.NewSignature, 0, new byte[32]), RenewalTestData.Now);

            Assert.IsFalse(actions.Reconnect);
            Assert.IsNull(actions.PendingText);
            Assert.IsNull(_pendingStore);
            Assert.AreEqual("none", renewal.State);
            Assert.AreEqual(RenewalTestData.CurrentToken, renewal.Token);
            FlatJsonObject ack = Ack(renewal);
            Assert.AreEqual("rejected", ack.GetString("status"));
            Assert.AreEqual(RenewalReasons.BadMac, ack.GetString("reason"));
            Apply(renewal.OnAckPublished());
            Assert.IsNull(renewal.AckPayload);
            Assert.AreEqual("renewal=none lastRenewal=rejected:bad-mac", renewal.StatusFields());
        }

        [TestMethod]
        public void WrongClientIdAndExpiredRenewalsAreRejected()
        {
            CredentialRenewal renewal = NewDevice();
            Deliver(renewal, RenewalTestData.Message("device-02", "v1.ZGV2aWNlLTAy.1801353600", RenewalTestData.NewSignature, 0, RenewalTestData.Key()), RenewalTestData.Now);
            Assert.AreEqual(RenewalReasons.WrongClientId, Ack(renewal).GetString("reason"));

            Deliver(renewal, RenewalTestData.Message(), RenewalTestData.NewExpiry + 1);
            Assert.AreEqual(RenewalReasons.Expired, Ack(renewal).GetString("reason"));
            Assert.AreEqual("none", renewal.State);
        }

        [TestMethod]
        public void AReplayedRenewalAfterTheSwitchIsAcknowledgedWithoutReconnecting()
        {
            CredentialRenewal renewal = NewDevice();
            Deliver(renewal, RenewalTestData.Message(), RenewalTestData.Now);
            Apply(renewal.BeforeConnect(RenewalTestData.Now));
            Apply(renewal.OnConnectAccepted());
            Apply(renewal.OnAckPublished());

            RenewalActions again = Deliver(renewal, RenewalTestData.Message(), RenewalTestData.Now + 60);

            Assert.IsFalse(again.Reconnect);
            Assert.AreEqual("accepted", Ack(renewal).GetString("status"));
            Assert.AreEqual("none", renewal.State);
        }

        [TestMethod]
        public void AnOldRenewalCannotRollTheDeviceBack()
        {
            CredentialRenewal renewal = NewDevice();
            Deliver(renewal, RenewalTestData.Message(), RenewalTestData.Now);
            Apply(renewal.BeforeConnect(RenewalTestData.Now));
            Apply(renewal.OnConnectAccepted());
            Apply(renewal.OnAckPublished());

            // The renewal that brought the previous token, captured and replayed.
            Deliver(renewal, RenewalTestData.Message("device-01", RenewalTestData.CurrentToken, "b2xk", 0, RenewalTestData.Key()), RenewalTestData.Now + 60);

            Assert.AreEqual(RenewalReasons.NotNewer, Ack(renewal).GetString("reason"));
            Assert.AreEqual(RenewalTestData.NewToken, renewal.Token);
        }

        [TestMethod]
        public void NotBeforeDelaysTheSwitch()
        {
            CredentialRenewal renewal = NewDevice();
            long at = RenewalTestData.Now + 3600;

            RenewalActions received = Deliver(renewal, RenewalTestData.Message("device-01", RenewalTestData.NewToken, RenewalTestData.NewSignature, at, RenewalTestData.Key()), RenewalTestData.Now);

            Assert.IsFalse(received.Reconnect, "not yet");
            Assert.IsFalse(renewal.IsDue(at - 1));
            Assert.IsTrue(renewal.BeforeConnect(at - 1).IsEmpty, "a reconnect before notBefore keeps the old token");
            Assert.AreEqual(RenewalTestData.CurrentToken, renewal.Token);
            Assert.IsTrue(renewal.IsDue(at));
            Apply(renewal.BeforeConnect(at));
            Assert.AreEqual(RenewalTestData.NewToken, renewal.Token);
        }

        [TestMethod]
        public void ARestartBetweenPendingAndAcceptedTriesTheNewTokenFirst()
        {
            CredentialRenewal renewal = NewDevice();
            Deliver(renewal, RenewalTestData.Message(), RenewalTestData.Now);
            Apply(renewal.BeforeConnect(RenewalTestData.Now));

            // Power cut while connecting with the new token.
            CredentialRenewal restarted = Boot();

            Assert.AreEqual("trying", restarted.State);
            Assert.AreEqual(RenewalTestData.NewToken, restarted.Token, "tried first");
            Apply(restarted.BeforeConnect(RenewalTestData.Now + 30));
            Apply(restarted.OnConnectAccepted());
            Assert.AreEqual(RenewalTestData.NewToken, SettingsCodec.Parse(_settingsStore).Settings.Token);
            Assert.AreEqual("accepted", Ack(restarted).GetString("status"));
        }

        [TestMethod]
        public void ARestartAfterTheSettingsWereSavedButBeforeThePendingStateIsAnAccept()
        {
            CredentialRenewal renewal = NewDevice();
            Deliver(renewal, RenewalTestData.Message(), RenewalTestData.Now);
            Apply(renewal.BeforeConnect(RenewalTestData.Now));
            string pendingWhileTrying = _pendingStore;
            RenewalActions accepted = renewal.OnConnectAccepted();
            _settingsStore = accepted.SettingsText;

            // Power cut before the pending store was written: it still says "trying".
            _pendingStore = pendingWhileTrying;
            CredentialRenewal restarted = Boot();

            Assert.AreEqual("accepted", restarted.State);
            Assert.AreEqual(RenewalTestData.NewToken, restarted.Token);
            Assert.AreEqual("accepted", Ack(restarted).GetString("status"));
        }

        [TestMethod]
        public void ARestartBeforeTheAcknowledgementStillSendsIt()
        {
            CredentialRenewal renewal = NewDevice();
            Deliver(renewal, RenewalTestData.Message(), RenewalTestData.Now);
            Apply(renewal.BeforeConnect(RenewalTestData.Now));
            Apply(renewal.OnConnectRefused("refused"));

            CredentialRenewal restarted = Boot();

            Assert.AreEqual(RenewalTestData.CurrentToken, restarted.Token);
            Assert.AreEqual(RenewalReasons.BrokerRefused, Ack(restarted).GetString("reason"));
        }

        [TestMethod]
        public void RestartingAgainAndAgainWhileTryingGivesUp()
        {
            CredentialRenewal renewal = NewDevice();
            Deliver(renewal, RenewalTestData.Message(), RenewalTestData.Now);
            Apply(renewal.BeforeConnect(RenewalTestData.Now));

            CredentialRenewal last = null;
            for (int i = 0; i < CredentialRenewal.MaxStartsWhileTrying; i++)
            {
                last = Boot();
            }

            Assert.AreEqual("rejected", last.State);
            Assert.AreEqual(RenewalTestData.CurrentToken, last.Token);
            Assert.AreEqual(RenewalReasons.GaveUp, Ack(last).GetString("reason"));
        }

        [TestMethod]
        public void ARenewalReceivedBeforeARestartIsKeptAndUsed()
        {
            CredentialRenewal renewal = NewDevice();
            Deliver(renewal, RenewalTestData.Message(), RenewalTestData.Now);

            CredentialRenewal restarted = Boot();

            Assert.AreEqual("received", restarted.State);
            Apply(restarted.BeforeConnect(RenewalTestData.Now + 5));
            Assert.AreEqual(RenewalTestData.NewToken, restarted.Token);
        }

        [TestMethod]
        public void APendingRenewalThatExpiredMeanwhileIsGivenUp()
        {
            CredentialRenewal renewal = NewDevice();
            Deliver(renewal, RenewalTestData.Message("device-01", RenewalTestData.NewToken, RenewalTestData.NewSignature, RenewalTestData.NewExpiry - 10, RenewalTestData.Key()), RenewalTestData.Now);

            Apply(renewal.BeforeConnect(RenewalTestData.NewExpiry));

            Assert.AreEqual(RenewalTestData.CurrentToken, renewal.Token);
            Assert.AreEqual(RenewalReasons.Expired, Ack(renewal).GetString("reason"));
        }

        [TestMethod]
        public void ASettingsSaveFailureKeepsTheOldTokenAndReconnects()
        {
            CredentialRenewal renewal = NewDevice();
            Deliver(renewal, RenewalTestData.Message(), RenewalTestData.Now);
            Apply(renewal.BeforeConnect(RenewalTestData.Now));
            renewal.OnConnectAccepted();

            RenewalActions failed = Apply(renewal.OnSettingsSaveFailed());

            Assert.IsTrue(failed.Reconnect);
            Assert.AreEqual(RenewalTestData.CurrentToken, renewal.Token);
            Assert.AreEqual(RenewalTestData.CurrentToken, renewal.Settings.Token);
            Assert.AreEqual(RenewalReasons.StorageFailed, Ack(renewal).GetString("reason"));
        }

        [TestMethod]
        public void ATornPendingStoreIsDropped()
        {
            CredentialRenewal renewal = NewDevice();
            Deliver(renewal, RenewalTestData.Message(), RenewalTestData.Now);
            _pendingStore = _pendingStore.Substring(0, _pendingStore.Length / 2);

            RenewalActions actions;
            CredentialRenewal restarted = new CredentialRenewal(new TestHmacSha256());
            actions = Apply(restarted.Start(SettingsCodec.Parse(_settingsStore).Settings, _pendingStore));

            Assert.AreEqual("none", restarted.State);
            Assert.AreEqual(string.Empty, actions.PendingText, "deleted");
            Assert.Contains("torn", actions.Log);
            Assert.AreEqual(RenewalTestData.CurrentToken, restarted.Token);
        }

        [TestMethod]
        public void NewSettingsThatOutdateThePendingRenewalDropIt()
        {
            CredentialRenewal renewal = NewDevice();
            Deliver(renewal, RenewalTestData.Message(), RenewalTestData.Now);

            // Re-provisioned over the cable with a token that lasts longer than the renewal's.
            DeviceSettings settings = RenewalTestData.Settings();
            settings.Token = RenewalTestData.TokenExpiring(RenewalTestData.NewExpiry + 86400);
            _settingsStore = SettingsCodec.FormatForStorage(settings);
            CredentialRenewal restarted = Boot();

            Assert.AreEqual(settings.Token, restarted.Token);
            Assert.AreEqual(RenewalReasons.NotNewer, Ack(restarted).GetString("reason"));

            // Re-provisioned without a renewal key: nothing pending any more.
            settings.RenewalKey = string.Empty;
            _settingsStore = SettingsCodec.FormatForStorage(settings);
            CredentialRenewal off = Boot();
            Assert.IsFalse(off.Enabled);
            Assert.IsNull(off.CredentialsTopic);
            Assert.AreEqual("renewal=off lastRenewal=-", off.StatusFields());
            Assert.IsNull(_pendingStore);
        }

        [TestMethod]
        public void ADeliveredAgainPendingRenewalChangesNothing()
        {
            CredentialRenewal renewal = NewDevice();
            Deliver(renewal, RenewalTestData.Message(), RenewalTestData.Now);
            string stored = _pendingStore;

            Assert.IsTrue(Deliver(renewal, RenewalTestData.Message(), RenewalTestData.Now + 1).IsEmpty);
            Assert.AreEqual(stored, _pendingStore);
        }

        [TestMethod]
        public void PendingTextRoundTripsAndRefusesDamage()
        {
            PendingCredential p = new PendingCredential();
            p.State = PendingCredential.Trying;
            p.Token = RenewalTestData.NewToken;
            p.Signature = RenewalTestData.NewSignature;
            p.NotBefore = 5;
            p.ExpiresAt = RenewalTestData.NewExpiry;
            p.Attempts = 2;
            p.Detail = "multi\nline = detail";

            string problem;
            PendingCredential back = PendingCredential.Parse(p.Format(), out problem);
            Assert.IsNotNull(back, problem);
            Assert.AreEqual(PendingCredential.Trying, back.State);
            Assert.AreEqual(RenewalTestData.NewToken, back.Token);
            Assert.AreEqual(RenewalTestData.NewSignature, back.Signature);
            Assert.AreEqual(5L, back.NotBefore);
            Assert.AreEqual(RenewalTestData.NewExpiry, back.ExpiresAt);
            Assert.AreEqual(2, back.Attempts);
            Assert.AreEqual("multi\nline = detail", back.Detail);

            string text = p.Format();
            char[] chars = text.ToCharArray();
            chars[text.IndexOf("attempts=") + 9] = '3';
            Assert.IsNull(PendingCredential.Parse(new string(chars), out problem));
            Assert.Contains("damaged", problem);
            Assert.IsNull(PendingCredential.Parse(IntegrityTrailer.Append("state=maybe\n"), out problem));
            Assert.IsNull(PendingCredential.Parse(IntegrityTrailer.Append("state=trying\n"), out problem), "trying without a token");
            Assert.IsNull(PendingCredential.Parse(IntegrityTrailer.Append("state=accepted\nexpiresAt=x\n"), out problem));
            Assert.IsNull(PendingCredential.Parse(IntegrityTrailer.Append("state=accepted\nfoo=1\n"), out problem));
            Assert.IsNull(PendingCredential.Parse(null, out problem));
            Assert.AreEqual(string.Empty, problem, "nothing pending is not a problem");
        }
    }
}
