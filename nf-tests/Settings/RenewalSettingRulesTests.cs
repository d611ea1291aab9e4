using System.Collections;
using AwsIotDevice.Core.Settings;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Settings
{
    [TestClass]
    public class RenewalSettingRulesTests
    {
        private const string Key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

        [TestMethod]
        public void DefaultsAreValidRenewalsOffAndWarnTwoWeeksAhead()
        {
            DeviceSettings settings = SettingsTestData.Valid();

            Assert.AreEqual(string.Empty, settings.RenewalKey);
            Assert.AreEqual(14, settings.TokenWarnDays);
            Assert.AreEqual(0, SettingsValidator.Validate(settings).Count);
            Assert.IsNull(RenewalSettingRules.KeyOf(settings));
        }

        [TestMethod]
        public void A32ByteKeyIsAccepted()
        {
            ArrayList problems = SettingsTestData.ValidateWith(SettingKeys.AwsRenewalKey, Key);
            Assert.AreEqual(0, problems.Count, SettingsTestData.AllMessages(problems));

            DeviceSettings settings = SettingsTestData.Valid();
            settings.RenewalKey = Key;
            Assert.AreEqual(32, RenewalSettingRules.KeyOf(settings).Length);
            Assert.AreEqual((byte)0, RenewalSettingRules.KeyOf(settings)[0]);
            Assert.AreEqual((byte)31, RenewalSettingRules.KeyOf(settings)[31]);
        }

        [DataRow("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==")]
        [DataRow("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gIQ==")]
        [DataRow("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8")]
        [DataRow("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh-=")]
        [DataRow("not base64 at all")]
        public void AnythingButTheBase64Of32BytesIsRefusedWithoutShowingIt(string key)
        {
            ArrayList problems = SettingsTestData.ValidateWith(SettingKeys.AwsRenewalKey, key);
            SettingProblem problem = SettingsTestData.ProblemFor(problems, SettingKeys.AwsRenewalKey);

            Assert.IsNotNull(problem, key);
            Assert.Contains("32 bytes", problem.Message);
            Assert.Contains("iotctl credentials keygen", problem.Message);
            Assert.DoesNotContains(key, problem.Message);
        }

        [TestMethod]
        public void AKeyNeedsATopicTheRenewalTopicCanBeDerivedFrom()
        {
            DeviceSettings settings = SettingsTestData.Valid();
            settings.RenewalKey = Key;
            settings.Topic = "telemetry/all";

            SettingProblem problem = SettingsValidator.ValidateKey(settings, SettingKeys.AwsRenewalKey);

            Assert.IsNotNull(problem);
            Assert.Contains("telemetry.topic", problem.Message);
            Assert.Contains("<prefix>/<clientId>/credentials", problem.Message);
            Assert.DoesNotContains(Key, problem.Message);

            settings.RenewalKey = string.Empty;
            Assert.IsNull(SettingsValidator.ValidateKey(settings, SettingKeys.AwsRenewalKey), "no key, no topic needed");
        }

        [DataRow("0", true)]
        [DataRow("365", true)]
        [DataRow("30", true)]
        [DataRow("-1", false)]
        [DataRow("366", false)]
        [DataRow("two", false)]
        [DataRow("", false)]
        [DataRow("99999999999999", false)]
        public void WarnDaysIsZeroTo365(string value, bool valid)
        {
            ArrayList problems = SettingsTestData.ValidateWith(SettingKeys.AwsTokenWarnDays, value);
            SettingProblem problem = SettingsTestData.ProblemFor(problems, SettingKeys.AwsTokenWarnDays);

            Assert.AreEqual(valid, problem == null, value);
            if (problem != null)
            {
                Assert.Contains("365", problem.Message);
            }
        }

        [TestMethod]
        public void TheRenewalKeyIsWriteOnly()
        {
            DeviceSettings settings = SettingsTestData.Valid();
            settings.RenewalKey = Key;

            Assert.IsTrue(SettingKeys.IsSecret(SettingKeys.AwsRenewalKey));
            Assert.DoesNotContains(Key, SettingsCodec.Describe(settings));
            Assert.Contains("aws.renewalKey=<set>", SettingsCodec.Describe(settings));
            Assert.AreEqual(SettingsCodec.SecretSet, SettingsCodec.DescribeValue(settings, SettingKeys.AwsRenewalKey));
            Assert.Contains(Key, SettingsCodec.FormatForStorage(settings), "stored, of course");
        }
    }
}
