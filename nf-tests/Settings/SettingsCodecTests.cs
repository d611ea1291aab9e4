using AwsIotDevice.Core.Settings;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Settings
{
    [TestClass]
    public class SettingsCodecTests
    {
        [TestMethod]
        public void HostileValuesRoundTrip()
        {
            DeviceSettings settings = SettingsTestData.Valid();
            settings.WifiSsid = "a=b==c";
            settings.WifiPassword = "line1\nline2\r\nline3\r";
            settings.Token = "back\\slash \\n not a newline \\\\ end\\";
            settings.Topic = "温度/ü/€";
            settings.ClientId = "  spaces around  ";
            settings.MqttPassword = "#not a comment";
            settings.MqttUsername = "\\";
            settings.AuthorizerName = "=";
            settings.Endpoint = "\n";
            settings.Mode = "\\r\\n";
            settings.Set(SettingKeys.AwsPort, "\r");

            string text = SettingsCodec.FormatForStorage(settings);
            SettingsParseResult parsed = SettingsCodec.Parse(text);

            Assert.IsTrue(parsed.Ok, parsed.Errors.Count > 0 ? parsed.Errors[0].ToString() : string.Empty);
            for (int i = 0; i < SettingKeys.Count; i++)
            {
                string key = SettingKeys.KeyAt(i);
                Assert.AreEqual(settings.Get(key), parsed.Settings.Get(key), key);
            }

            Assert.IsTrue(parsed.Settings.SameAs(settings));
        }

        [TestMethod]
        public void StorageHasOneLinePerKeyAfterTheHeader()
        {
            DeviceSettings settings = SettingsTestData.Valid();
            settings.Topic = "a\nb\rc";

            string text = SettingsCodec.FormatForStorage(settings);
            string[] lines = text.Split('\n');

            // The text ends with "\n", so the split leaves one empty entry at the end.
            Assert.AreEqual(SettingKeys.Count + 2, lines.Length);
            Assert.AreEqual(SettingsCodec.StorageHeader, lines[0]);
            Assert.AreEqual(string.Empty, lines[lines.Length - 1]);
            for (int i = 0; i < SettingKeys.Count; i++)
            {
                Assert.StartsWith(SettingKeys.KeyAt(i) + "=", lines[i + 1]);
            }
        }

        [TestMethod]
        public void StorageIncludesSecrets()
        {
            DeviceSettings settings = SettingsTestData.Valid();
            settings.WifiPassword = "S3cr3t-WIFI";

            Assert.Contains("wifi.password=S3cr3t-WIFI\n", SettingsCodec.FormatForStorage(settings));
        }

        [TestMethod]
        public void UnknownKeyIsReportedWithItsLineNumber()
        {
            string text = "# settings\n\nwifi.ssid=home\nbogus.key=1\naws.port=8443\n";

            SettingsParseResult parsed = SettingsCodec.Parse(text);

            Assert.AreEqual(1, parsed.Errors.Count);
            SettingProblem error = (SettingProblem)parsed.Errors[0];
            Assert.AreEqual(4, error.Line);
            Assert.StartsWith("line 4: ", error.Message);
            Assert.Contains("unknown setting 'bogus.key'", error.Message);
            Assert.AreEqual("home", parsed.Settings.WifiSsid, "good lines around the bad one still apply");
            Assert.AreEqual(8443, parsed.Settings.Port);
        }

        [TestMethod]
        public void LineWithoutEqualsIsReportedWithoutEchoingIt()
        {
            SettingsParseResult parsed = SettingsCodec.Parse("wifi.ssid=home\nwifi.password hunter2secret\n");

            Assert.AreEqual(1, parsed.Errors.Count);
            SettingProblem error = (SettingProblem)parsed.Errors[0];
            Assert.AreEqual(2, error.Line);
            Assert.Contains("no '='", error.Message);
            Assert.DoesNotContains("hunter2secret", error.Message);
        }

        [TestMethod]
        public void EmptyKeyIsReported()
        {
            SettingsParseResult parsed = SettingsCodec.Parse("=value");

            Assert.AreEqual(1, parsed.Errors.Count);
            Assert.AreEqual(1, ((SettingProblem)parsed.Errors[0]).Line);
            Assert.Contains("key before '=' is empty", ((SettingProblem)parsed.Errors[0]).Message);
        }

        [DataRow("aws.token=abc\\q")]
        [DataRow("aws.token=abc\\")]
        public void BadEscapeIsReportedAndNotApplied(string line)
        {
            SettingsParseResult parsed = SettingsCodec.Parse("wifi.ssid=x\n" + line + "\n");

            Assert.AreEqual(1, parsed.Errors.Count);
            SettingProblem error = (SettingProblem)parsed.Errors[0];
            Assert.AreEqual(2, error.Line);
            Assert.AreEqual(SettingKeys.AwsToken, error.Key);
            Assert.Contains("bad escape", error.Message);
            Assert.DoesNotContains("abc", error.Message, "secret values are never echoed");
            Assert.AreEqual(string.Empty, parsed.Settings.Token);
        }

        [TestMethod]
        public void RepeatedKeyIsReported()
        {
            SettingsParseResult parsed = SettingsCodec.Parse("wifi.ssid=a\naws.port=443\nwifi.ssid=b\n");

            Assert.AreEqual(1, parsed.Errors.Count);
            SettingProblem error = (SettingProblem)parsed.Errors[0];
            Assert.AreEqual(3, error.Line);
            Assert.Contains("first on line 1", error.Message);
            Assert.AreEqual("a", parsed.Settings.WifiSsid);
        }

        [TestMethod]
        public void CrLfLinesCommentsAndBlankLinesAreHandled()
        {
            string text = "\uFEFF# comment\r\n   \r\n  # indented comment\r\nwifi.ssid=#home=1\r\n aws.port = 8443\r\n\r\n";

            SettingsParseResult parsed = SettingsCodec.Parse(text);

            Assert.IsTrue(parsed.Ok, parsed.Errors.Count > 0 ? parsed.Errors[0].ToString() : string.Empty);
            Assert.AreEqual("#home=1", parsed.Settings.WifiSsid, "split at the first '=' only; '#' inside a value is data");
            Assert.AreEqual(" 8443", parsed.Settings.Get(SettingKeys.AwsPort), "keys are trimmed, values are taken exactly");
        }

        [TestMethod]
        public void MissingKeysKeepTheirDefaults()
        {
            SettingsParseResult parsed = SettingsCodec.Parse("wifi.ssid=x");

            Assert.IsTrue(parsed.Ok);
            Assert.AreEqual("x", parsed.Settings.WifiSsid);
            Assert.AreEqual(443, parsed.Settings.Port);
            Assert.AreEqual(100, parsed.Settings.QueueCapacity);
        }

        [TestMethod]
        public void NullOrEmptyTextGivesDefaults()
        {
            Assert.IsTrue(SettingsCodec.Parse(null).Ok);
            Assert.IsTrue(SettingsCodec.Parse(null).Settings.SameAs(new DeviceSettings()));
            Assert.IsTrue(SettingsCodec.Parse(string.Empty).Settings.SameAs(new DeviceSettings()));
        }

        [TestMethod]
        public void PercentEncodedSignatureIsNormalisedOnParse()
        {
            SettingsParseResult parsed = SettingsCodec.Parse("aws.signature=ab%2Bcd%2Fef%3D%3D\n");

            Assert.AreEqual("ab+cd/ef==", parsed.Settings.Signature);
        }

        [TestMethod]
        public void DescribeNeverContainsSecretValues()
        {
            DeviceSettings settings = SettingsTestData.Valid();
            settings.WifiPassword = "S3cr3t-WIFI-pw";
            settings.Token = "TOKEN-xyzzy-42";
            settings.Signature = "SIGplugh99ZZ==";
            settings.MqttPassword = "MQTT-pw-frobozz";

            string described = SettingsCodec.Describe(settings);

            Assert.DoesNotContains("S3cr3t", described);
            Assert.DoesNotContains("xyzzy", described);
            Assert.DoesNotContains("plugh", described);
            Assert.DoesNotContains("frobozz", described);
            Assert.Contains("wifi.password=<set>", described);
            Assert.Contains("aws.token=<set>", described);
            Assert.Contains("aws.signature=<set>", described);
            Assert.Contains("mqtt.password=<set>", described);
            Assert.Contains("wifi.ssid=home-net", described);
            Assert.Contains("mqtt.clientId=device-01", described);
        }

        [TestMethod]
        public void DescribeShowsEmptySecretsAsNotSet()
        {
            string described = SettingsCodec.Describe(new DeviceSettings());

            Assert.Contains("wifi.password=<not set>", described);
            Assert.Contains("aws.token=<not set>", described);
            Assert.Contains("aws.signature=<not set>", described);
            Assert.Contains("mqtt.password=<not set>", described);
            Assert.Contains("aws.port=443", described);
        }

        [TestMethod]
        public void DescribeCannotBeTrickedIntoExtraLines()
        {
            DeviceSettings settings = SettingsTestData.Valid();
            settings.Topic = "t\nwifi.password=leaked\r\n";

            string described = SettingsCodec.Describe(settings);

            Assert.AreEqual(SettingKeys.Count, described.Split('\n').Length);
            Assert.Contains("telemetry.topic=t\\nwifi.password=leaked\\r\\n", described);
        }

        [TestMethod]
        public void DescribeValueForGet()
        {
            DeviceSettings settings = SettingsTestData.Valid();

            Assert.AreEqual("home-net", SettingsCodec.DescribeValue(settings, SettingKeys.WifiSsid));
            Assert.AreEqual("<set>", SettingsCodec.DescribeValue(settings, SettingKeys.AwsToken));
            Assert.AreEqual("<not set>", SettingsCodec.DescribeValue(settings, SettingKeys.MqttPassword));
            Assert.IsNull(SettingsCodec.DescribeValue(settings, "nope"));
        }

        [DataRow("plain", "plain")]
        [DataRow("a\\b", "a\\\\b")]
        [DataRow("a\nb\rc", "a\\nb\\rc")]
        [DataRow("\\n", "\\\\n")]
        public void EscapeAndUnescapeAreInverse(string raw, string escaped)
        {
            Assert.AreEqual(escaped, SettingsCodec.EscapeValue(raw));
            Assert.AreEqual(raw, SettingsCodec.UnescapeValue(escaped));
        }

        [TestMethod]
        public void UnescapeRejectsUnknownEscapes()
        {
            Assert.IsNull(SettingsCodec.UnescapeValue("a\\tb"));
            Assert.IsNull(SettingsCodec.UnescapeValue("trailing\\"));
        }
    }
}
