using AwsIotDevice.Core.Settings;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Settings
{
    /// <summary>Issue #12 item 5: which changes need aws.token and aws.signature SET again (the pure rule).</summary>
    [TestClass]
    public class CredentialBindingTests
    {
        private static DeviceSettings Changed(string key, string value)
        {
            DeviceSettings staged = SettingsTestData.Valid();
            Assert.IsNull(staged.Set(key, value));
            return staged;
        }

        [DataRow("aws.endpoint", "evil-ats.iot.us-east-1.amazonaws.com")]
        [DataRow("aws.port", "8443")]
        [DataRow("aws.mode", "domain")]
        [DataRow("aws.authorizer", "OtherAuthorizer")]
        [DataRow("mqtt.clientId", "device-02")]
        public void EachBindingKeyChangedWithoutBothSecretsIsRefusedByName(string key, string value)
        {
            DeviceSettings stored = SettingsTestData.Valid();
            DeviceSettings staged = Changed(key, value);

            Assert.AreEqual(key, CredentialBinding.ChangedBindingKey(stored, staged));
            Assert.AreEqual(key, CredentialBinding.RefusedChange(stored, staged, false, false, false));
            Assert.AreEqual(key, CredentialBinding.RefusedChange(stored, staged, true, false, false), "the token alone is not enough");
            Assert.AreEqual(key, CredentialBinding.RefusedChange(stored, staged, false, true, false), "the signature alone is not enough");
            Assert.IsNull(CredentialBinding.RefusedChange(stored, staged, true, true, false), "both re-entered: accepted");
        }

        [DataRow("wifi.ssid", "other-net")]
        [DataRow("telemetry.topic", "devices/device-01/other")]
        [DataRow("aws.tokenKeyName", "tok")]
        [DataRow("mqtt.keepAliveSeconds", "120")]
        public void OtherChangesKeepTheStoredSecrets(string key, string value)
        {
            DeviceSettings stored = SettingsTestData.Valid();

            Assert.IsNull(CredentialBinding.ChangedBindingKey(stored, Changed(key, value)));
            Assert.IsNull(CredentialBinding.RefusedChange(stored, Changed(key, value), false, false, false));
        }

        [TestMethod]
        public void ABindingKeySetToItsStoredValueIsNoChange()
        {
            DeviceSettings stored = SettingsTestData.Valid();

            Assert.IsNull(CredentialBinding.RefusedChange(stored, Changed(SettingKeys.AwsEndpoint, stored.Endpoint), false, false, false));
        }

        [TestMethod]
        public void WithNoSecretStoredThereIsNothingToCarryOver()
        {
            DeviceSettings stored = SettingsTestData.Valid();
            stored.Token = string.Empty;
            stored.Signature = string.Empty;

            Assert.IsNull(CredentialBinding.RefusedChange(stored, Changed(SettingKeys.AwsEndpoint, "other-ats.iot.eu-west-1.amazonaws.com"), false, false, false));
        }

        [TestMethod]
        public void AStoredSignatureAloneIsStillBound()
        {
            DeviceSettings stored = SettingsTestData.Valid();
            stored.Token = string.Empty;

            Assert.AreEqual(SettingKeys.AwsEndpoint,
                CredentialBinding.RefusedChange(stored, Changed(SettingKeys.AwsEndpoint, "other-ats.iot.eu-west-1.amazonaws.com"), false, false, false));
        }

        [TestMethod]
        public void TheRefusalNamesTheSecretsFirstAndTheChangedKey()
        {
            string message = CredentialBinding.RefusalMessage(SettingsTestData.Valid(), SettingKeys.AwsPort);

            Assert.StartsWith("aws.token aws.signature: ", message);
            Assert.Contains("aws.port", message);
        }

        [TestMethod]
        public void AStoredMqttPasswordIsACredentialToo()
        {
            DeviceSettings stored = SettingsTestData.Valid();
            stored.Token = string.Empty;
            stored.Signature = string.Empty;
            stored.MqttPassword = "bearer-in-the-password";
            DeviceSettings staged = Changed(SettingKeys.AwsEndpoint, "other-ats.iot.eu-west-1.amazonaws.com");

            Assert.AreEqual("mqtt.password", CredentialBinding.SecretsToReenter(stored));
            Assert.AreEqual(SettingKeys.AwsEndpoint, CredentialBinding.RefusedChange(stored, staged, true, true, false));
            Assert.IsNull(CredentialBinding.RefusedChange(stored, staged, false, false, true));
            stored.Token = "device-01:1767225600";
            Assert.AreEqual("aws.token aws.signature mqtt.password", CredentialBinding.SecretsToReenter(stored));
            Assert.AreEqual(SettingKeys.AwsEndpoint, CredentialBinding.RefusedChange(stored, staged, true, true, false), "all three");
            Assert.IsNull(CredentialBinding.RefusedChange(stored, staged, true, true, true));
        }
    }
}
