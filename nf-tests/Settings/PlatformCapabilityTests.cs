using System.Collections;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Provisioning;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.Core.Supervision;
using AwsIotDevice.Tests.Fakes;
using AwsIotDevice.Tests.Supervision;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Settings
{
    /// <summary>
    /// What the platform cannot do is refused when settings are validated, at SET, COMMIT and boot alike: on a board
    /// whose TLS cannot send ALPN, aws.mode=alpn is a settings problem naming wss and domain, not a fault at every connect.
    /// </summary>
    [TestClass]
    public class PlatformCapabilityTests
    {
        private static readonly PlatformCapabilities Board = new PlatformCapabilities(false);

        private static DeviceSettings Alpn()
        {
            DeviceSettings settings = SettingsTestData.Valid();
            settings.Mode = DeviceSettings.ModeAlpn;
            return settings;
        }

        [TestMethod]
        public void AlpnIsRefusedWhereTheTlsCannotSendItAndTheMessageNamesWssAndDomain()
        {
            ArrayList problems = SettingsValidator.Validate(Alpn(), Board);

            Assert.AreEqual(1, problems.Count, SettingsTestData.AllMessages(problems));
            SettingProblem problem = SettingsTestData.ProblemFor(problems, SettingKeys.AwsMode);
            Assert.IsNotNull(problem);
            Assert.StartsWith("aws.mode is alpn", problem.Message);
            Assert.Contains("cannot send TLS ALPN", problem.Message);
            Assert.Contains("aws.mode=wss", problem.Message);
            Assert.Contains("aws.mode=domain", problem.Message);
            Assert.IsFalse(SettingsValidator.IsValid(Alpn(), Board));
        }

        [TestMethod]
        public void TheSameSettingsAreValidWhereAlpnCanBeSent()
        {
            Assert.AreEqual(0, SettingsValidator.Validate(Alpn()).Count, "the host validates for a platform that can do everything");
            Assert.AreEqual(0, SettingsValidator.Validate(Alpn(), PlatformCapabilities.Unrestricted).Count);
            Assert.AreEqual(0, SettingsValidator.Validate(Alpn(), null).Count, "null means unrestricted");
            Assert.IsTrue(SettingsValidator.IsValid(Alpn(), new PlatformCapabilities(true)));
        }

        [TestMethod]
        public void WssAndDomainAreValidOnTheBoard()
        {
            DeviceSettings wss = SettingsTestData.Valid();
            DeviceSettings domain = SettingsTestData.Valid();
            domain.Mode = DeviceSettings.ModeDomain;
            domain.Endpoint = "iot.example.com";

            Assert.AreEqual(DeviceSettings.ModeWss, wss.Mode, "wss is the default");
            Assert.AreEqual(0, SettingsValidator.Validate(wss, Board).Count, SettingsTestData.AllMessages(SettingsValidator.Validate(wss, Board)));
            Assert.AreEqual(0, SettingsValidator.Validate(domain, Board).Count);
        }

        [TestMethod]
        public void CapabilitiesComeFromTheTlsConnector()
        {
            FakeTlsConnector tls = new FakeTlsConnector(new FakeClock());
            tls.CanSendAlpn = false;
            Assert.IsFalse(PlatformCapabilities.Of(tls).CanSendAlpn);
            tls.CanSendAlpn = true;
            Assert.IsTrue(PlatformCapabilities.Of(tls).CanSendAlpn);
            Assert.IsTrue(PlatformCapabilities.Unrestricted.CanSendAlpn);
        }

        [TestMethod]
        public void SetOfAlpnIsRefusedOnTheBoardAndNothingChanges()
        {
            FakeSettingsStore store = new FakeSettingsStore();
            FakeDeviceControl host = new FakeDeviceControl();
            ProvisioningSession session = new ProvisioningSession(new FakeSerialLine(), store, host, SettingsTestData.Valid(), Board);

            string reply = session.Handle("SET aws.mode alpn");

            Assert.StartsWith("ERR invalid aws.mode is alpn", reply);
            Assert.Contains("aws.mode=wss", reply);
            Assert.Contains("nothing was changed", reply);
            Assert.AreEqual("OK aws.mode=domain", session.Handle("SET aws.mode domain"));
            Assert.AreEqual("OK aws.mode=wss", session.Handle("SET aws.mode wss"));
            Assert.AreEqual("OK aws.wssCredentials=query", session.Handle("SET aws.wssCredentials query"));
            Assert.AreEqual("OK committed", session.Handle("COMMIT"));
            Assert.AreEqual("query", host.Committed.WssCredentials);
        }

        [TestMethod]
        public void CommitOfAStoredAlpnConfigurationIsRefusedOnTheBoardButNotOnTheHost()
        {
            FakeSettingsStore store = new FakeSettingsStore();
            FakeDeviceControl host = new FakeDeviceControl();
            ProvisioningSession board = new ProvisioningSession(new FakeSerialLine(), store, host, Alpn(), Board);
            ProvisioningSession virtualDevice = new ProvisioningSession(new FakeSerialLine(), store, host, Alpn());

            string refused = board.Handle("COMMIT");
            Assert.StartsWith("ERR invalid 1 problem(s), previous settings kept", refused);
            Assert.Contains("aws.mode", refused);
            Assert.AreEqual(0, store.Saves);

            Assert.AreEqual("OK committed", virtualDevice.Handle("COMMIT"));
            Assert.AreEqual(1, store.Saves);
        }

        [TestMethod]
        public void StoredFilesFromBeforeWssKeepTheirModeAndGetTheDefaultPlacement()
        {
            // A file written before aws.wssCredentials existed: every other key, mode alpn or domain.
            string[] modes = { "alpn", "domain" };
            for (int i = 0; i < modes.Length; i++)
            {
                string text = "wifi.ssid=home-net\naws.endpoint=iot.example.com\naws.port=443\naws.mode=" + modes[i]
                    + "\naws.authorizer=DeviceAuthorizer\naws.tokenKeyName=token\naws.token=tok\naws.signature=c2ln\n"
                    + "mqtt.clientId=device-01\ntelemetry.topic=devices/device-01/telemetry\n";
                SettingsParseResult parsed = SettingsCodec.Parse(text);

                Assert.IsTrue(parsed.Ok, modes[i]);
                Assert.AreEqual(modes[i], parsed.Settings.Mode);
                Assert.AreEqual(DeviceSettings.WssCredentialsHeaders, parsed.Settings.WssCredentials);
                Assert.AreEqual(0, SettingsValidator.Validate(parsed.Settings).Count, SettingsTestData.AllMessages(SettingsValidator.Validate(parsed.Settings)));
            }
        }

        [TestMethod]
        public void WssOnAnAwsEndpointNeedsPort443ButAnEmulatorMayListenAnywhere()
        {
            DeviceSettings aws = SettingsTestData.Valid();
            aws.Port = 8443;
            DeviceSettings emulator = SettingsTestData.Valid();
            emulator.Endpoint = "localhost";
            emulator.Port = 8443;

            SettingProblem problem = SettingsValidator.ValidateKey(aws, SettingKeys.AwsPort, Board);

            Assert.IsNotNull(problem);
            Assert.Contains("aws.mode is wss", problem.Message);
            Assert.Contains("only on port 443", problem.Message);
            Assert.IsNull(SettingsValidator.ValidateKey(emulator, SettingKeys.AwsPort, Board));
        }

        [TestMethod]
        public void WssStillNeedsTheTokenAndSignatureRules()
        {
            DeviceSettings settings = SettingsTestData.Valid();
            settings.Signature = string.Empty;
            Assert.IsNotNull(SettingsValidator.ValidateKey(settings, SettingKeys.AwsSignature, Board), "a token needs its signature in wss mode too");

            settings = SettingsTestData.Valid();
            settings.Signature = "ab-_cd==";
            Assert.Contains("URL-safe", SettingsValidator.ValidateKey(settings, SettingKeys.AwsSignature, Board).Message);

            settings = SettingsTestData.Valid();
            settings.TokenKeyName = string.Empty;
            Assert.IsNotNull(SettingsValidator.ValidateKey(settings, SettingKeys.AwsTokenKeyName, Board));

            settings = SettingsTestData.Valid();
            settings.AuthorizerName = string.Empty;
            Assert.IsNotNull(SettingsValidator.ValidateKey(settings, SettingKeys.AwsAuthorizer, Board), "the default endpoint needs the authorizer's name");
        }

        [TestMethod]
        public void WssSendsMqttUsernameAsItIsSoAPasswordNeedsOne()
        {
            DeviceSettings settings = SettingsTestData.Valid();
            settings.MqttUsername = string.Empty;
            settings.MqttPassword = "credential";

            SettingProblem problem = SettingsValidator.ValidateKey(settings, SettingKeys.MqttUsername);

            Assert.IsNotNull(problem);
            Assert.Contains("in wss mode", problem.Message);
            Assert.DoesNotContains("credential", problem.Message);
            settings.Mode = DeviceSettings.ModeDomain;
            Assert.IsNull(SettingsValidator.ValidateKey(settings, SettingKeys.MqttUsername), "alpn and domain always send the authorizer query as the username");
        }
    }
}
