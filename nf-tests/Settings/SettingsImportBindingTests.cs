using AwsIotDevice.Core.Settings;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Settings
{
    /// <summary>
    /// Issue #12 item 5 for the nanoff import: an import is a whole configuration, so a file that re-points the device
    /// without naming the secrets never carries the stored ones to the new endpoint.
    /// </summary>
    [TestClass]
    public class SettingsImportBindingTests
    {
        [TestMethod]
        public void AnImportToAnotherEndpointWithoutSecretsCarriesNoStoredSecret()
        {
            DeviceSettings stored = SettingsTestData.Valid();
            stored.MqttPassword = "stored-password-secret";
            DeviceSettings file = SettingsTestData.Valid();
            file.Endpoint = "evil-ats.iot.us-east-1.amazonaws.com";
            file.Token = string.Empty;
            file.Signature = string.Empty;

            SettingsImportDecision decision = SettingsImport.Decide(SettingsCodec.FormatForStorage(stored), SettingsImport.Format(file));

            if (decision.Apply)
            {
                Assert.AreEqual(string.Empty, decision.Settings.Token, "the stored token stays behind");
                Assert.AreEqual(string.Empty, decision.Settings.Signature, "the stored signature stays behind");
                Assert.AreEqual(string.Empty, decision.Settings.MqttPassword, "the stored password stays behind");
                Assert.DoesNotContains(stored.Token, decision.SettingsText);
                Assert.DoesNotContains(stored.Signature, decision.SettingsText);
                Assert.DoesNotContains("stored-password-secret", decision.SettingsText);
            }
            else
            {
                Assert.IsNull(decision.SettingsText);
            }
        }
    }
}
