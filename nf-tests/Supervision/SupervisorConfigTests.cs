using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.Core.Supervision;
using AwsIotDevice.Tests.Credentials;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Supervision
{
    [TestClass]
    public class SupervisorConfigTests
    {
        private static DeviceSettings ValidSettings()
        {
            DeviceSettings settings = new DeviceSettings();
            settings.WifiSsid = "bench-ap";
            settings.WifiPassword = SupervisorRig.WifiPassword;
            settings.Endpoint = "abc123-ats.iot.eu-west-1.amazonaws.com";
            settings.Mode = DeviceSettings.ModeDomain;
            settings.AuthorizerName = "DeviceAuthorizer";
            settings.TokenKeyName = "token";
            settings.Token = SupervisorRig.Token;
            settings.Signature = SupervisorRig.Signature;
            settings.ClientId = "dev-1";
            settings.MqttUsername = "device";
            settings.Topic = "devices/dev-1/telemetry";
            settings.IntervalSeconds = 15;
            settings.Qos = 0;
            settings.KeepAliveSeconds = 120;
            return settings;
        }

        [TestMethod]
        public void FromSettingsCopiesEveryField()
        {
            DeviceSettings settings = ValidSettings();
            Assert.IsTrue(SettingsValidator.IsValid(settings), "fixture must be valid");
            SupervisorConfig config = SupervisorConfig.FromSettings(settings);

            Assert.AreEqual("bench-ap", config.WifiSsid);
            Assert.AreEqual(SupervisorRig.WifiPassword, config.WifiPassword);
            Assert.AreEqual("abc123-ats.iot.eu-west-1.amazonaws.com", config.Host);
            Assert.AreEqual(443, config.Port);
            Assert.AreEqual((int)TransportMode.Domain, (int)config.Mode);
            Assert.AreEqual("dev-1", config.ClientId);
            Assert.AreEqual(settings.BuildUsername(), config.BuildUsername());
            Assert.IsNull(config.MqttPassword, "an empty mqtt.password means none");
            Assert.AreEqual(120, config.KeepAliveSeconds);
            Assert.AreEqual("devices/dev-1/telemetry", config.Topic);
            Assert.AreEqual(15000, config.SampleIntervalMs);
            Assert.AreEqual(0, config.Qos);
            Assert.IsNull(config.Validate());

            settings.Topic = "changed";
            Assert.AreEqual("devices/dev-1/telemetry", config.Topic, "the configuration is a copy");
        }

        [TestMethod]
        public void ValidateNamesTheKey()
        {
            SupervisorConfig config = SupervisorRig.ValidConfig();
            config.ClientId = string.Empty;
            Assert.Contains("mqtt.clientId", config.Validate());

            config = SupervisorRig.ValidConfig();
            config.SampleIntervalMs = 500;
            Assert.Contains("telemetry.intervalSeconds", config.Validate());

            config = SupervisorRig.ValidConfig();
            config.Port = 0;
            Assert.Contains("aws.port", config.Validate());
        }

        [TestMethod]
        public void ScrubMasksRawAndEncodedSecrets()
        {
            SupervisorConfig config = SupervisorRig.ValidConfig();
            string text = "a " + SupervisorRig.Token + " b " + config.BuildUsername() + " c %2B" + SupervisorRig.MqttPassword;
            string clean = config.Scrub(text);

            Assert.AreEqual(-1, clean.IndexOf("SECRET"));
            Assert.StartsWith("a *** b *** c %2B***", clean);
            Assert.AreEqual(string.Empty, config.Scrub(null));
            Assert.AreEqual("nothing here", config.Scrub("nothing here"));
        }

        [TestMethod]
        public void ScrubMasksTheRenewalKeyOfTheSettings()
        {
            DeviceSettings settings = RenewalTestData.Settings();
            SupervisorConfig config = SupervisorConfig.FromSettings(settings);

            string clean = config.Scrub("key " + settings.RenewalKey + " end");

            Assert.AreEqual(-1, clean.IndexOf(settings.RenewalKey));
            Assert.AreEqual("key *** end", clean);
        }

        [TestMethod]
        public void ApplySettingsRejectsInvalidAndRunsValid()
        {
            SupervisorRig rig = new SupervisorRig();
            DeviceSettings settings = ValidSettings();
            settings.Endpoint = string.Empty;
            settings.Topic = string.Empty;
            string problem = rig.Supervisor.ApplySettings(settings);
            Assert.IsNotNull(problem);
            Assert.Contains("aws.endpoint", problem);
            Assert.Contains("(and 1 more)", problem);
            Assert.AreEqual(-1, problem.IndexOf("SECRET"));
            Assert.AreEqual((int)SupervisorState.Provisioning, (int)rig.Supervisor.Step());

            Assert.IsNull(rig.Supervisor.ApplySettings(ValidSettings()));
            rig.RunUntil(40000);
            Assert.AreEqual((int)SupervisorState.Publishing, (int)rig.Status().State);
            Assert.AreEqual(0, rig.Link.LastQos, "telemetry.qos from the settings");
            Assert.AreEqual(3, rig.Sensors.Samples, "telemetry.intervalSeconds from the settings (0, 15, 30 s)");
        }

        [TestMethod]
        public void WssRequestsCarryThePlainUserAndTheUpgradeCredentials()
        {
            DeviceSettings settings = ValidSettings();
            settings.Mode = DeviceSettings.ModeWss;
            settings.WssCredentials = DeviceSettings.WssCredentialsQuery;
            Assert.IsTrue(SettingsValidator.IsValid(settings), "fixture must be valid");
            SupervisorConfig config = SupervisorConfig.FromSettings(settings);

            MqttConnectRequest request = config.BuildConnectRequest();

            Assert.AreEqual((int)TransportMode.Wss, (int)request.Mode);
            Assert.AreEqual("device", request.Username, "the credentials go into the upgrade, not the username");
            Assert.AreEqual("DeviceAuthorizer", request.AuthorizerName);
            Assert.AreEqual("token", request.TokenKeyName);
            Assert.AreEqual(SupervisorRig.Token, request.Token);
            Assert.AreEqual(SupervisorRig.Signature, request.Signature);
            Assert.AreEqual((int)WssCredentials.Query, (int)request.WssCredentials);
            Assert.Contains("mode=wss wssCredentials=query", config.DescribeTarget());
            Assert.DoesNotContains(SupervisorRig.Token, config.DescribeTarget());
        }

        [TestMethod]
        public void AlpnAndDomainRequestsCarryTheCredentialsInTheUsernameOnly()
        {
            DeviceSettings settings = ValidSettings();
            SupervisorConfig config = SupervisorConfig.FromSettings(settings);

            MqttConnectRequest request = config.BuildConnectRequest();

            Assert.AreEqual(settings.BuildUsername(), request.Username);
            Assert.IsNull(request.Token);
            Assert.IsNull(request.Signature);
            Assert.Contains("mode=domain clientId=", config.DescribeTarget());
            config.Mode = TransportMode.Alpn;
            Assert.Contains("mode=alpn clientId=", config.DescribeTarget());
        }

        [TestMethod]
        public void NewConfigurationsDefaultToWss()
        {
            Assert.AreEqual((int)TransportMode.Wss, (int)new SupervisorConfig().Mode);
            Assert.AreEqual((int)TransportMode.Wss, (int)SupervisorConfig.FromSettings(new DeviceSettings()).Mode);
        }
    }
}
