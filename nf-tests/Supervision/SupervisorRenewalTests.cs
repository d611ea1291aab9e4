using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Credentials;
using AwsIotDevice.Core.Json;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.Core.Supervision;
using AwsIotDevice.Core.Telemetry;
using AwsIotDevice.Tests.Credentials;
using AwsIotDevice.Tests.Fakes;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Supervision
{
    /// <summary>
    /// Credential renewal through the running supervisor (<see cref="DeviceCredentials"/> as its hooks): subscription,
    /// verification, the switch with nothing lost, the fallback, a reboot in the middle, and the acknowledgements.
    /// </summary>
    [TestClass]
    public class SupervisorRenewalTests
    {
        private static FlatJsonObject Json(string text)
        {
            string error;
            FlatJsonObject o = FlatJsonReader.Parse(text, 8, out error);
            Assert.IsNotNull(o, error);
            return o;
        }

        private static void AssertAck(string ack, string status, string reason)
        {
            FlatJsonObject o = Json(ack);
            Assert.AreEqual(status, o.GetString("status"), ack);
            Assert.AreEqual(reason, o.GetString("reason"), ack);
            Assert.AreEqual("device-01", o.GetString("clientId"));
            Assert.DoesNotContains("ZGV2aWNl", ack, "an acknowledgement holds no token");
        }

        private static void AssertNoSecretLogged(RenewalRig device)
        {
            string log = device.Rig.Log.AllText();
            Assert.DoesNotContains("ZGV2aWNlLTAx", log, "no token in the log");
            Assert.DoesNotContains(RenewalTestData.NewSignature, log, "no signature in the log");
            Assert.DoesNotContains(RenewalTestData.KeyBase64, log, "no renewal key in the log");
        }

        [TestMethod]
        public void SubscribesToItsCredentialsTopicAfterEveryConnack()
        {
            RenewalRig device = RenewalRig.Standard();
            device.BootAndConnect();

            Assert.AreEqual(1, device.Rig.Link.Subscriptions.Count);
            Assert.AreEqual(RenewalRig.CredentialsTopic, (string)device.Rig.Link.Subscriptions[0]);
        }

        [TestMethod]
        public void ARenewalSwitchesTheTokenKeepsItAndAcknowledgesWithNothingLost()
        {
            RenewalRig device = RenewalRig.Standard();
            device.BootAndConnect();
            device.RunFor(60000);
            Assert.AreEqual(RenewalTestData.CurrentToken, device.TokenOfConnect(0));

            device.Send(RenewalTestData.Message());
            device.RunUntilConnects(2);
            device.RunFor(60000);

            Assert.AreEqual(RenewalTestData.NewToken, device.TokenOfConnect(1), "the second CONNECT uses the renewed token");
            Assert.AreEqual(RenewalTestData.NewToken, device.StoredToken(), "kept once the broker accepted it");
            Assert.AreEqual(2, device.Rig.Link.ConnectRequests.Count, "one switch, no more CONNECTs");
            AssertAck(device.OnlyAck(), "accepted", string.Empty);
            long expiresAt;
            Assert.IsTrue(Json(device.OnlyAck()).TryGetInteger("expiresAt", out expiresAt));
            Assert.AreEqual(RenewalTestData.NewExpiry, expiresAt, "the ack names the token now in force");
            Assert.IsTrue(device.PendingStore.Load() == null || device.PendingStore.Load().Length == 0, "the pending store is cleared once acknowledged");
            Assert.AreEqual(2, device.Rig.Link.Subscriptions.Count, "subscribed again in the new session");

            SupervisorStatus status = device.Rig.Status();
            Assert.AreEqual(0, status.CountOf(Fault.ConnectionLost) + status.CountOf(Fault.ClosedAfterConnack), "the switch is not a fault");
            Assert.Contains("tokenExpiresAt=2027-01-31T00:00:00Z", status.Describe());
            Assert.Contains("renewal=none lastRenewal=accepted", status.Describe());
            device.AssertNothingLost();
            AssertNoSecretLogged(device);
        }

        [TestMethod]
        public void AnAcceptedRenewalWritesOnlyItsTokenOverWhatACommitStoredMeanwhile()
        {
            RenewalRig device = RenewalRig.Standard();
            device.BootAndConnect();

            // The serial session's COMMIT (its own thread) stores another interval while the renewal is in flight.
            DeviceSettings committed = SettingsCodec.Parse(device.SettingsStore.Text).Settings;
            committed.IntervalSeconds = 42;
            device.SettingsStore.Text = SettingsCodec.FormatForStorage(committed);
            device.Send(RenewalTestData.Message());
            device.RunUntilConnects(2);

            DeviceSettings stored = SettingsCodec.Parse(device.SettingsStore.Text).Settings;
            Assert.AreEqual(RenewalTestData.NewToken, stored.Token);
            Assert.AreEqual(42, stored.IntervalSeconds, "the COMMIT's value survives the renewal's save");
        }

        [TestMethod]
        public void ARenewalNeverWritesItsTokenIntoSettingsRePointedMeanwhile()
        {
            RenewalRig device = RenewalRig.Standard();
            device.BootAndConnect();

            // A COMMIT re-pointed the device, with the credential issued for the other endpoint (as CredentialBinding requires).
            DeviceSettings committed = SettingsCodec.Parse(device.SettingsStore.Text).Settings;
            committed.Endpoint = "other-ats.iot.eu-west-1.amazonaws.com";
            committed.Token = RenewalTestData.TokenExpiring(RenewalTestData.Now + 3600);
            device.SettingsStore.Text = SettingsCodec.FormatForStorage(committed);
            device.Send(RenewalTestData.Message());
            device.RunUntilConnects(2);

            DeviceSettings stored = SettingsCodec.Parse(device.SettingsStore.Text).Settings;
            Assert.AreEqual("other-ats.iot.eu-west-1.amazonaws.com", stored.Endpoint);
            Assert.AreEqual(committed.Token, stored.Token, "the renewed token never goes to the other endpoint's settings");
        }

        [TestMethod]
        public void TheAcknowledgementWaitsForThePacerLikeEveryPublish()
        {
            RenewalRig device = RenewalRig.Standard();
            device.BootAndConnect();

            // Ten seconds' worth of bytes just went (as a drain could): nothing may go for about ten seconds.
            device.Rig.Supervisor.Publisher.Pacer.Spend(device.Rig.Clock.UptimeMs, 10 * PublishPacer.DefaultBytesPerSecond);
            byte[] wrongKey = new byte[32];
            device.Send(RenewalTestData.Message("device-01", RenewalTestData.NewToken, RenewalTestData.NewSignature, 0, wrongKey));
            device.RunFor(5000);
            Assert.AreEqual(0, device.PublishedOn(RenewalRig.AckTopic).Length, "no acknowledgement while the pacer says wait");

            device.RunFor(20000);
            AssertAck(device.OnlyAck(), "rejected", RenewalReasons.BadMac);
        }

        [TestMethod]
        public void AForgedRenewalIsRefusedLoggedAndAcknowledgedWithoutAReconnect()
        {
            RenewalRig device = RenewalRig.Standard();
            device.BootAndConnect();

            byte[] wrongKey = new byte[32];
            device.Send(RenewalTestData.Message("device-01", RenewalTestData.NewToken, RenewalTestData.NewSignature, 0, wrongKey));
            device.RunFor(60000);

            Assert.AreEqual(1, device.Rig.Link.ConnectRequests.Count, "no reconnect");
            Assert.AreEqual(RenewalTestData.CurrentToken, device.StoredToken());
            AssertAck(device.OnlyAck(), "rejected", RenewalReasons.BadMac);
            Assert.AreEqual(1, device.Rig.Log.CountContaining("refused a renewal (bad-mac)"), "the refusal is logged");
            Assert.Contains("lastRenewal=rejected:bad-mac", device.Rig.Status().Describe());
            device.AssertNothingLost();
            AssertNoSecretLogged(device);
        }

        [TestMethod]
        public void ACommitWithTheOlderTokenAfterARenewalKeepsTheRenewedOne()
        {
            RenewalRig device = RenewalRig.Standard();
            device.BootAndConnect();
            device.Send(RenewalTestData.Message());
            device.RunUntilConnects(2);

            // The serial session staged the settings read at boot (old token) and commits a change of something else.
            DeviceSettings committed = RenewalTestData.Settings();
            committed.IntervalSeconds = 20;
            device.SettingsStore.Save(SettingsCodec.FormatForStorage(committed));
            Assert.IsNull(device.Rig.Supervisor.ApplySettings(committed));
            device.RunUntilConnects(3);

            Assert.AreEqual(RenewalTestData.NewToken, device.TokenOfConnect(2), "the renewed token stays in use");
            Assert.AreEqual(RenewalTestData.NewToken, device.StoredToken(), "and is stored again");
            Assert.AreEqual(20, SettingsCodec.Parse(device.SettingsStore.Text).Settings.IntervalSeconds, "the committed change is kept");
            Assert.AreEqual(1, device.Rig.Log.CountContaining("carry an older token"));
        }

        [TestMethod]
        public void ACommitWithANewerTokenReplacesTheRenewedOne()
        {
            RenewalRig device = RenewalRig.Standard();
            device.BootAndConnect();
            device.Send(RenewalTestData.Message());
            device.RunUntilConnects(2);

            DeviceSettings committed = RenewalTestData.Settings();
            committed.Token = RenewalTestData.TokenExpiring(RenewalTestData.NewExpiry + 86400);
            Assert.IsNull(device.Rig.Supervisor.ApplySettings(committed));
            device.RunUntilConnects(3);

            Assert.AreEqual(committed.Token, device.TokenOfConnect(2));
        }

        [TestMethod]
        public void ReadingsQueuedDuringASlowSwitchAreDeliveredInTheNewSession()
        {
            RenewalRig device = RenewalRig.Standard();
            device.Rig.Link.ConnectResults = new Fault[] { Fault.None, Fault.TcpFailure };
            device.BootAndConnect();
            device.RunFor(30000);

            // Each CONNECT from now on takes 25 s: readings pile up while the device switches.
            device.Rig.Link.ConnectDurationMs = 25000;
            device.Send(RenewalTestData.Message());
            device.RunUntilConnects(2);
            int queuedAtSwitch = device.Rig.Status().Queued;
            device.RunFor(60000);

            Assert.IsTrue(queuedAtSwitch >= 1, "readings were waiting when the new session began: " + queuedAtSwitch.ToString());
            Assert.AreEqual(RenewalTestData.NewToken, device.TokenOfConnect(2));
            Assert.AreEqual(0, device.Rig.Status().Queued);
            device.AssertNothingLost();
        }

        [TestMethod]
        public void ARenewalForAnotherClientIdIsRefused()
        {
            RenewalRig device = RenewalRig.Standard();
            device.BootAndConnect();

            string otherToken = "v1.ZGV2aWNlLTAy.1801353600";
            device.Send(RenewalTestData.Message("device-02", otherToken, RenewalTestData.NewSignature, 0, RenewalTestData.Key()));
            device.RunFor(60000);

            Assert.AreEqual(1, device.Rig.Link.ConnectRequests.Count, "no reconnect");
            Assert.AreEqual(RenewalTestData.CurrentToken, device.StoredToken());
            AssertAck(device.OnlyAck(), "rejected", RenewalReasons.WrongClientId);
        }

        [TestMethod]
        public void AnExpiredRenewalIsRefused()
        {
            RenewalRig device = RenewalRig.Standard();
            device.BootAndConnect();

            string expired = RenewalTestData.TokenExpiring(RenewalTestData.Now - 1);
            device.Send(RenewalTestData.Message("device-01", expired, RenewalTestData.NewSignature, 0, RenewalTestData.Key()));
            device.RunFor(60000);

            Assert.AreEqual(1, device.Rig.Link.ConnectRequests.Count, "no reconnect");
            AssertAck(device.OnlyAck(), "rejected", RenewalReasons.Expired);
        }

        [TestMethod]
        public void ANewTokenTheBrokerRefusesFallsBackToTheOldOneAndSaysWhy()
        {
            RenewalRig device = RenewalRig.Standard();
            device.Rig.Link.ConnectResults = new Fault[] { Fault.None, Fault.RefusedNotAuthorized };
            device.BootAndConnect();

            device.Send(RenewalTestData.Message());
            device.RunUntilConnects(2);
            device.RunFor(60000);

            Assert.AreEqual(3, device.Rig.Link.ConnectRequests.Count);
            Assert.AreEqual(RenewalTestData.NewToken, device.TokenOfConnect(1), "tried the renewed token");
            Assert.AreEqual(RenewalTestData.CurrentToken, device.TokenOfConnect(2), "then back to the old one");
            Assert.AreEqual(RenewalTestData.CurrentToken, device.StoredToken(), "the settings keep the old token");
            string ack = device.OnlyAck();
            AssertAck(ack, "rejected", RenewalReasons.BrokerRefused);
            Assert.Contains("RefusedNotAuthorized", Json(ack).GetString("detail"), "the reason travels with the ack");
            Assert.AreEqual(1, device.Rig.Log.CountContaining("the broker refused the renewed token"));
            Assert.AreEqual(1, device.Rig.Status().CountOf(Fault.RefusedNotAuthorized), "the refusal is the broker's fault, not TokenExpired");
            Assert.Contains("tokenExpiresAt=2027-01-01T00:00:00Z", device.Rig.Status().Describe());
            device.AssertNothingLost();
        }

        [TestMethod]
        public void ARebootAfterTheRenewalArrivedTriesItAtTheFirstConnect()
        {
            RenewalRig device = RenewalRig.Standard();
            device.Rig.Link.ConnectResults = new Fault[] { Fault.None, Fault.TcpFailure };
            device.BootAndConnect();
            device.Send(RenewalTestData.Message());

            // The switch's CONNECT fails on the network; the board loses power before another.
            for (int i = 0; i < 10000 && device.Rig.Link.ConnectRequests.Count < 2; i++)
            {
                device.Rig.Supervisor.Step();
            }

            Assert.AreEqual(2, device.Rig.Link.ConnectRequests.Count);
            Assert.AreEqual(RenewalTestData.CurrentToken, device.StoredToken(), "not accepted yet");

            RenewalRig rebooted = device.Reboot();
            rebooted.RunUntilConnects(1);
            rebooted.RunFor(60000);

            Assert.AreEqual(RenewalTestData.NewToken, rebooted.TokenOfConnect(0), "the first CONNECT after the reboot tries the renewal");
            Assert.AreEqual(RenewalTestData.NewToken, rebooted.StoredToken());
            AssertAck(rebooted.OnlyAck(), "accepted", string.Empty);
        }

        [TestMethod]
        public void ARebootAfterTheTokenWasStoredButBeforeAcceptedWasRecordedAcknowledgesIt()
        {
            CutBeforeAcceptedStore pending = new CutBeforeAcceptedStore();
            RenewalRig device = RenewalRig.WithPendingStore(pending);
            device.BootAndConnect();
            device.Send(RenewalTestData.Message());
            device.RunUntilConnects(2);

            // Power lost right after the settings held the new token, before "accepted" reached the pending store.
            Assert.AreEqual(RenewalTestData.NewToken, device.StoredToken());
            Assert.Contains("state=trying", pending.Text);
            pending.Cut = false;

            RenewalRig rebooted = device.Reboot();
            rebooted.RunUntilConnects(1);
            rebooted.RunFor(60000);

            Assert.AreEqual(RenewalTestData.NewToken, rebooted.TokenOfConnect(0));
            Assert.AreEqual(1, rebooted.Rig.Link.ConnectRequests.Count, "no second switch");
            AssertAck(rebooted.OnlyAck(), "accepted", string.Empty);
            Assert.AreEqual(1, rebooted.Rig.Log.CountContaining("already stored before the restart"));
        }

        [TestMethod]
        public void StatusShowsTheTokenExpiryAndDaysLeft()
        {
            RenewalRig device = RenewalRig.Standard();
            device.BootAndConnect();

            string status = device.Rig.Status().Describe();

            Assert.Contains("tokenExpiresAt=2027-01-01T00:00:00Z tokenDaysLeft=7 tokenState=expiring", status);
            Assert.Contains("renewal=none lastRenewal=-", status);
        }

        [TestMethod]
        public void TheExpiryWarningIsLoggedOnceADayFromTheConfiguredTime()
        {
            RenewalRig device = RenewalRig.Standard();
            device.Rig.Clock.UtcNow = UnixTime.FromSeconds(RenewalTestData.Now + (12 * 3600));
            device.BootAndConnect();
            device.RunFor(3600000);

            Assert.AreEqual(1, device.Rig.Log.CountContaining("the token expires at"), "once for one number of days left");
            Assert.AreEqual(1, device.Rig.Log.CountContaining("the token expires at 2027-01-01T00:00:00Z, in 6 day(s)"), device.Rig.Log.AllText());

            device.Rig.Clock.UtcNow = UnixTime.FromSeconds(RenewalTestData.CurrentExpiry - (5 * 86400) - 10);
            device.RunFor(120000);
            Assert.AreEqual(1, device.Rig.Log.CountContaining("in 5 day(s)"), "again when a day has gone");
        }

        [TestMethod]
        public void NoExpiryWarningOutsideTheConfiguredWindow()
        {
            DeviceSettings settings = RenewalTestData.Settings();
            settings.TokenWarnDays = 3;
            RenewalRig device = new RenewalRig(settings);
            device.BootAndConnect();
            device.RunFor(3600000);

            Assert.AreEqual(0, device.Rig.Log.CountContaining("the token expires at"));
            Assert.Contains("tokenState=ok", device.Rig.Status().Describe());
        }

        [TestMethod]
        public void ARefusalAfterTheExpiryIsTokenExpired()
        {
            RenewalRig device = RenewalRig.Standard();
            device.Rig.Clock.UtcNow = UnixTime.FromSeconds(RenewalTestData.CurrentExpiry + 60);
            device.Rig.Link.DefaultConnectResult = Fault.UpgradeRefused;
            device.Boot();
            device.Rig.StepUntilConnects(2);

            SupervisorStatus status = device.Rig.Status();
            Assert.AreEqual((int)Fault.TokenExpired, (int)status.LastFault);
            Assert.AreEqual(2, status.CountOf(Fault.TokenExpired));
            Assert.AreEqual(0, status.CountOf(Fault.UpgradeRefused));
            Assert.Contains("expired at 2027-01-01T00:00:00Z", status.LastFaultDetail);
            Assert.Contains("tokenState=expired", status.Describe());
            Assert.IsTrue(device.Rig.Log.CountContaining("fault TokenExpired") >= 1);
        }

        [TestMethod]
        public void ARefusalLongBeforeTheExpiryStaysTheBrokersFault()
        {
            RenewalRig device = RenewalRig.Standard();
            device.Rig.Link.DefaultConnectResult = Fault.UpgradeRefused;
            device.Boot();
            device.Rig.StepUntilConnects(2);

            Assert.AreEqual((int)Fault.UpgradeRefused, (int)device.Rig.Status().LastFault);
            Assert.AreEqual(0, device.Rig.Status().CountOf(Fault.TokenExpired));
        }

        [TestMethod]
        public void ATransportFailureAfterTheExpiryIsNotTokenExpired()
        {
            RenewalRig device = RenewalRig.Standard();
            device.Rig.Clock.UtcNow = UnixTime.FromSeconds(RenewalTestData.CurrentExpiry + 60);
            device.Rig.Link.DefaultConnectResult = Fault.TlsFailure;
            device.Boot();
            device.Rig.StepUntilConnects(2);

            Assert.AreEqual((int)Fault.TlsFailure, (int)device.Rig.Status().LastFault);
        }

        [TestMethod]
        public void ASubscriptionTheBrokerRefusesIsLoggedAndTelemetryGoesOn()
        {
            RenewalRig device = RenewalRig.Standard();
            device.Rig.Link.SubscribeResult = Fault.SubscribeRefused;
            device.BootAndConnect();
            device.RunFor(60000);

            Assert.AreEqual(1, device.Rig.Log.CountContaining("could not subscribe to devices/device-01/credentials"));
            Assert.AreEqual(1, device.Rig.Link.ConnectRequests.Count);
            device.AssertNothingLost();
        }

        /// <summary>A pending store that loses power at the save of "accepted" (the save throws, the text stays).</summary>
        private sealed class CutBeforeAcceptedStore : ISettingsStore
        {
            public string Text;
            public bool Cut = true;

            public string Load()
            {
                return Text;
            }

            public void Save(string text)
            {
                if (Cut && text.IndexOf("state=accepted") >= 0)
                {
                    throw new System.IO.IOException("power cut");
                }

                Text = text;
            }
        }
    }
}
