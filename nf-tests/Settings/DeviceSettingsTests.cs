using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.Core.Supervision;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Settings
{
    [TestClass]
    public class DeviceSettingsTests
    {
        [TestMethod]
        public void DefaultsAreTheDocumentedOnes()
        {
            DeviceSettings settings = new DeviceSettings();

            Assert.AreEqual(443, settings.Port);
            Assert.AreEqual("wss", settings.Mode);
            Assert.AreEqual("headers", settings.WssCredentials);
            Assert.AreEqual((int)TransportMode.Wss, (int)settings.ToTransportMode());
            Assert.AreEqual((int)WssCredentials.Headers, (int)settings.ToWssCredentials());
            Assert.AreEqual("token", settings.TokenKeyName);
            Assert.AreEqual(60, settings.KeepAliveSeconds);
            Assert.AreEqual(10, settings.IntervalSeconds);
            Assert.AreEqual(1, settings.Qos);
            Assert.AreEqual(100, settings.QueueCapacity);
            Assert.AreEqual(5120, settings.BatchBytes);
            Assert.AreEqual("5120", DeviceSettings.DefaultOf(SettingKeys.TelemetryBatchBytes));
            Assert.AreEqual(string.Empty, settings.WifiSsid);
            Assert.AreEqual(string.Empty, settings.Token);
            Assert.AreEqual("443", DeviceSettings.DefaultOf(SettingKeys.AwsPort));
            Assert.AreEqual(string.Empty, DeviceSettings.DefaultOf(SettingKeys.WifiSsid));
            Assert.IsNull(DeviceSettings.DefaultOf("nope"));
        }

        [TestMethod]
        public void SetThenGetByKey()
        {
            DeviceSettings settings = new DeviceSettings();

            Assert.IsNull(settings.Set(SettingKeys.WifiSsid, "home"));
            Assert.IsNull(settings.Set(SettingKeys.AwsPort, "8443"));

            Assert.AreEqual("home", settings.Get(SettingKeys.WifiSsid));
            Assert.AreEqual("home", settings.WifiSsid);
            Assert.AreEqual(8443, settings.Port);
        }

        [TestMethod]
        public void SetNullValueClears()
        {
            DeviceSettings settings = new DeviceSettings();
            settings.Set(SettingKeys.AwsTokenKeyName, null);

            Assert.AreEqual(string.Empty, settings.Get(SettingKeys.AwsTokenKeyName));
        }

        [DataRow("wifi.SSID")]
        [DataRow("bogus")]
        [DataRow("")]
        public void SetUnknownKeyReturnsMessageAndChangesNothing(string key)
        {
            DeviceSettings settings = new DeviceSettings();
            DeviceSettings before = settings.Clone();

            string error = settings.Set(key, "value");

            Assert.IsNotNull(error);
            Assert.Contains(key.Length == 0 ? "setting name is empty" : "unknown setting '" + key + "'", error);
            Assert.Contains("wifi.ssid", error, "the message lists the known keys");
            Assert.IsTrue(settings.SameAs(before));
            Assert.IsNull(settings.Get(key));
        }

        [TestMethod]
        public void SetNullKeyReturnsMessage()
        {
            Assert.IsNotNull(new DeviceSettings().Set(null, "x"));
        }

        [TestMethod]
        public void NonNumericTextIsStoredAndReadAsInvalidNumber()
        {
            DeviceSettings settings = new DeviceSettings();

            Assert.IsNull(settings.Set(SettingKeys.AwsPort, "abc"));

            Assert.AreEqual("abc", settings.Get(SettingKeys.AwsPort));
            Assert.AreEqual(DeviceSettings.InvalidNumber, settings.Port);
        }

        [DataRow("ab%2Bc%2Fd%3D%3D", "ab+c/d==")]
        [DataRow("ab%2bc%2fd%3d", "ab+c/d=")]
        [DataRow("abc+/d==", "abc+/d==")]
        [DataRow("ab%41c", "ab%41c")]
        [DataRow("abc%2", "abc%2")]
        [DataRow("abc%", "abc%")]
        public void PercentEncodedSignatureIsStoredAsRawBase64(string given, string stored)
        {
            DeviceSettings byKey = new DeviceSettings();
            DeviceSettings byProperty = new DeviceSettings();

            byKey.Set(SettingKeys.AwsSignature, given);
            byProperty.Signature = given;

            Assert.AreEqual(stored, byKey.Signature);
            Assert.AreEqual(stored, byProperty.Signature);
        }

        [TestMethod]
        public void OtherValuesAreNotPercentDecoded()
        {
            DeviceSettings settings = new DeviceSettings();
            settings.Set(SettingKeys.AwsToken, "a%2Bb");

            Assert.AreEqual("a%2Bb", settings.Token);
        }

        [TestMethod]
        public void CloneIsIndependent()
        {
            DeviceSettings original = SettingsTestData.Valid();
            DeviceSettings copy = original.Clone();

            Assert.IsTrue(copy.SameAs(original));
            copy.WifiSsid = "other";

            Assert.AreEqual("home-net", original.WifiSsid);
            Assert.IsFalse(copy.SameAs(original));
        }

        [TestMethod]
        public void CopyFromCopiesEveryKey()
        {
            DeviceSettings source = SettingsTestData.Valid();
            source.Set(SettingKeys.TelemetryQueueCapacity, "7");
            DeviceSettings target = new DeviceSettings();

            target.CopyFrom(source);

            for (int i = 0; i < SettingKeys.Count; i++)
            {
                string key = SettingKeys.KeyAt(i);
                Assert.AreEqual(source.Get(key), target.Get(key), key);
            }
        }

        [TestMethod]
        public void ResetToDefaultsForgetsEverything()
        {
            DeviceSettings settings = SettingsTestData.Valid();
            settings.ResetToDefaults();

            Assert.IsTrue(settings.SameAs(new DeviceSettings()));
        }

        [DataRow("alpn", 0)]
        [DataRow("domain", 1)]
        [DataRow("wss", 2)]
        public void ModeMapsToTransportMode(string mode, int expected)
        {
            DeviceSettings settings = new DeviceSettings();
            settings.Mode = mode;

            Assert.AreEqual(expected, (int)settings.ToTransportMode());
        }

        [TestMethod]
        public void BuildUsernameCarriesTheAuthorizerQuery()
        {
            DeviceSettings settings = new DeviceSettings();
            settings.MqttUsername = "dev 1";
            settings.AuthorizerName = "MyAuth";
            settings.Signature = "ab+/cd==";
            settings.TokenKeyName = "tok";
            settings.Token = "t=1";

            Assert.AreEqual(
                "dev%201?x-amz-customauthorizer-name=MyAuth&x-amz-customauthorizer-signature=ab%2B%2Fcd%3D%3D&tok=t%3D1",
                settings.BuildUsername());
        }

        [TestMethod]
        public void ConnectRequestFromSettingsFillsEveryField()
        {
            DeviceSettings settings = SettingsTestData.Valid();
            settings.Mode = DeviceSettings.ModeDomain;
            settings.Port = 8443;
            settings.KeepAliveSeconds = 90;

            MqttConnectRequest request = SupervisorConfig.FromSettings(settings).BuildConnectRequest();

            Assert.AreEqual("abc123-ats.iot.eu-west-1.amazonaws.com", request.Host);
            Assert.AreEqual(8443, request.Port);
            Assert.AreEqual((int)TransportMode.Domain, (int)request.Mode);
            Assert.AreEqual("device-01", request.ClientId);
            Assert.AreEqual(settings.BuildUsername(), request.Username);
            Assert.IsNull(request.Password, "an empty mqtt.password is sent as no password");
            Assert.AreEqual(90, request.KeepAliveSeconds);
            Assert.IsTrue(request.CleanSession);

            settings.MqttPassword = "pw";
            Assert.AreEqual("pw", SupervisorConfig.FromSettings(settings).BuildConnectRequest().Password);
        }
    }
}
