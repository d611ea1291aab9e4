using AwsIotDevice.Core.Settings;
using AwsIotDevice.Core.Text;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Settings
{
    /// <summary>
    /// The import file brought by nanoff: valid, invalid, torn, damaged, and secrets that must never reach the decision's
    /// message (which is logged and shown in STATUS).
    /// </summary>
    [TestClass]
    public class SettingsImportTests
    {
        private const string WifiSecret = "wifi-SECRET-0123";

        private static DeviceSettings Imported()
        {
            DeviceSettings settings = SettingsTestData.Valid();
            settings.WifiPassword = WifiSecret;
            settings.Token = "v1.ZGV2aWNlLTAx.1801353600";
            return settings;
        }

        [TestMethod]
        public void AValidImportIsAppliedAsAWholeConfiguration()
        {
            DeviceSettings imported = Imported();
            DeviceSettings stored = SettingsTestData.Valid();
            stored.QueueCapacity = 500;
            string file = SettingsImport.Format(imported);

            SettingsImportDecision decision = SettingsImport.Decide(SettingsCodec.FormatForStorage(stored), file);

            Assert.IsTrue(decision.Apply, decision.Message);
            Assert.AreEqual(SettingsImport.Applied, decision.Code);
            Assert.AreEqual("lastImport=applied", decision.StatusField);
            Assert.AreEqual(SettingsCodec.FormatForStorage(imported), decision.SettingsText);
            Assert.IsTrue(decision.Settings.SameAs(imported));
            Assert.AreEqual(100, decision.Settings.QueueCapacity, "a key the file leaves at its default is the default, not the stored value");
            Assert.Contains("3 changed: wifi.password, aws.token, telemetry.queueCapacity", decision.Message);
            Assert.DoesNotContains(WifiSecret, decision.Message);
            Assert.DoesNotContains("v1.ZGV2", decision.Message);
        }

        [TestMethod]
        public void AFirstImportAndAnIdenticalOneSaySo()
        {
            string file = SettingsImport.Format(Imported());

            Assert.Contains("no valid settings were stored before", SettingsImport.Decide(null, file).Message);
            Assert.Contains("identical", SettingsImport.Decide(SettingsCodec.FormatForStorage(Imported()), file).Message);
        }

        [TestMethod]
        public void AnOlderTokenThanTheStoredOneIsNoted()
        {
            DeviceSettings stored = Imported();
            stored.Token = "v1.ZGV2aWNlLTAx.1901353600";

            SettingsImportDecision decision = SettingsImport.Decide(SettingsCodec.FormatForStorage(stored), SettingsImport.Format(Imported()));

            Assert.IsTrue(decision.Apply);
            Assert.Contains("expires at 2027-01-31T00:00:00Z, before the stored one", decision.Message);
        }

        [TestMethod]
        public void TheFileIsTheStorageTextAndATrailer()
        {
            string file = SettingsImport.Format(Imported());
            string body = SettingsCodec.FormatForStorage(Imported());
            byte[] bodyBytes = Utf8.GetBytes(body);

            Assert.StartsWith(body, file);
            Assert.AreEqual("#end " + bodyBytes.Length.ToString() + " " + AwsIotDevice.Core.Crypto.Crc32.ToHex(AwsIotDevice.Core.Crypto.Crc32.Compute(bodyBytes, 0, bodyBytes.Length)) + "\n", file.Substring(body.Length));
            Assert.IsTrue(SettingsCodec.Parse(file).Ok, "still a settings file: the trailer is a comment");
        }

        [TestMethod]
        public void EveryTruncationIsRefusedAsTornAndNothingIsStored()
        {
            byte[] file = Utf8.GetBytes(SettingsImport.Format(Imported()));

            // Every cut but the one that only loses the final newline.
            for (int length = 1; length < file.Length - 1; length++)
            {
                SettingsImportDecision decision = SettingsImport.Decide(null, file, length);
                Assert.IsFalse(decision.Apply, "cut at " + length.ToString());
                Assert.AreEqual(SettingsImport.RejectedTorn, decision.Code, "cut at " + length.ToString());
                Assert.IsNull(decision.SettingsText);
                Assert.IsNull(decision.Settings);
                Assert.DoesNotContains(WifiSecret, decision.Message);
            }

            Assert.IsTrue(SettingsImport.Decide(null, file, file.Length - 1).Apply, "only the final newline lost");
        }

        [TestMethod]
        public void AFlippedByteIsDamaged()
        {
            byte[] file = Utf8.GetBytes(SettingsImport.Format(Imported()));
            file[70] ^= 0x20;

            SettingsImportDecision decision = SettingsImport.Decide(null, file, file.Length);

            Assert.IsFalse(decision.Apply);
            Assert.AreEqual(SettingsImport.RejectedDamaged, decision.Code);
            Assert.AreEqual("lastImport=rejected:damaged", decision.StatusField);
            Assert.Contains("previous settings stay", decision.Message);
        }

        [TestMethod]
        public void ExtraBytesBeforeTheTrailerAreTorn()
        {
            string file = SettingsImport.Format(Imported());
            int trailer = file.IndexOf("#end ");
            string padded = file.Substring(0, trailer) + "# extra\n" + file.Substring(trailer);

            Assert.AreEqual(SettingsImport.RejectedTorn, SettingsImport.Decide(null, padded).Code);
        }

        [TestMethod]
        public void AFileWithoutTrailerIsNotApplied()
        {
            SettingsImportDecision decision = SettingsImport.Decide(null, SettingsCodec.FormatForStorage(Imported()));

            Assert.IsFalse(decision.Apply);
            Assert.AreEqual(SettingsImport.RejectedTorn, decision.Code);
            Assert.Contains("iotctl provision --nanoff", decision.Message);
        }

        [TestMethod]
        public void EmptyAndOversizedFilesAreRefused()
        {
            Assert.AreEqual(SettingsImport.RejectedEmpty, SettingsImport.Decide(null, (string)null).Code);
            Assert.AreEqual(SettingsImport.RejectedEmpty, SettingsImport.Decide(null, string.Empty).Code);
            Assert.AreEqual(SettingsImport.RejectedEmpty, SettingsImport.Decide(null, new byte[4], 0).Code);
            Assert.AreEqual(SettingsImport.RejectedTooLarge, SettingsImport.Decide(null, new byte[SettingsImport.MaxBytes + 1], SettingsImport.MaxBytes + 1).Code);
            Assert.AreEqual(SettingsImport.RejectedTooLarge, SettingsImport.Decide(null, new byte[4], 5).Code, "a count beyond the array");
        }

        [TestMethod]
        public void AnInvalidImportNamesTheKeyAndKeepsTheSecretOut()
        {
            DeviceSettings bad = Imported();
            bad.Endpoint = "https://example.com";
            bad.WifiPassword = "abc1234";

            SettingsImportDecision decision = SettingsImport.Decide(null, SettingsImport.Format(bad));

            Assert.IsFalse(decision.Apply);
            Assert.AreEqual(SettingsImport.RejectedInvalid, decision.Code);
            Assert.Contains("2 problem(s)", decision.Message);
            Assert.Contains("aws.endpoint", decision.Message);
            Assert.Contains("wifi.password", decision.Message);
            Assert.DoesNotContains("abc1234", decision.Message);
            Assert.IsNull(decision.SettingsText);
        }

        [TestMethod]
        public void ABadLineIsReportedByNumberWithoutItsContent()
        {
            string body = "# comment\nwifi.ssid=home\n" + WifiSecret + "\nwifi.password=" + WifiSecret + "\n";

            SettingsImportDecision decision = SettingsImport.Decide(null, IntegrityTrailer.Append(body));

            Assert.IsFalse(decision.Apply);
            Assert.AreEqual(SettingsImport.RejectedBadLine, decision.Code);
            Assert.Contains("line 3", decision.Message);
            Assert.DoesNotContains(WifiSecret, decision.Message);
        }

        [TestMethod]
        public void ASecretThatEndsUpInAMessageIsScrubbed()
        {
            // An unknown key that is in fact the secret (a user who pasted it as "secret=..."): the codec quotes the key,
            // so the import's own scrubbing must take it out.
            string body = "wifi.password=" + WifiSecret + "\n" + WifiSecret + "=x\n";

            SettingsImportDecision decision = SettingsImport.Decide(null, IntegrityTrailer.Append(body));

            Assert.AreEqual(SettingsImport.RejectedBadLine, decision.Code);
            Assert.DoesNotContains(WifiSecret, decision.Message);
            Assert.Contains("<secret>", decision.Message);
        }

        [TestMethod]
        public void NotUtf8IsRefused()
        {
            byte[] body = new byte[] { (byte)'w', (byte)'=', 0xFF, (byte)'\n' };
            string trailer = "#end 4 " + AwsIotDevice.Core.Crypto.Crc32.ToHex(AwsIotDevice.Core.Crypto.Crc32.Compute(body, 0, 4)) + "\n";
            byte[] file = new byte[body.Length + trailer.Length];
            System.Array.Copy(body, file, body.Length);
            System.Array.Copy(Utf8.GetBytes(trailer), 0, file, body.Length, trailer.Length);

            Assert.AreEqual(SettingsImport.RejectedNotUtf8, SettingsImport.Decide(null, file, file.Length).Code);
        }

        [TestMethod]
        public void TrailerCheckReportsWhatIsWrong()
        {
            byte[] ok = Utf8.GetBytes(IntegrityTrailer.Append("a=b"));
            string failure;
            Assert.AreEqual(4, IntegrityTrailer.Check(ok, ok.Length, out failure));
            Assert.AreEqual(string.Empty, failure);

            Assert.AreEqual(-1, Check("a=b\n#end 5 00000000\n", out failure));
            Assert.AreEqual(IntegrityTrailer.Truncated, failure);
            Assert.AreEqual(-1, Check("a=b\n#end 4 00000000\n", out failure));
            Assert.AreEqual(IntegrityTrailer.Damaged, failure);
            Assert.AreEqual(-1, Check("a=b\n#end 4 0000000G\n", out failure));
            Assert.AreEqual(IntegrityTrailer.Missing, failure);
            Assert.AreEqual(-1, Check("a=b\n#end 4 ABCDEF01\n", out failure), "upper-case hex is not what the writer writes");
            Assert.AreEqual(-1, Check("a=b\n#end  4 00000000\n", out failure));
            Assert.AreEqual(IntegrityTrailer.Missing, failure);
            Assert.AreEqual(-1, IntegrityTrailer.Check(null, 0, out failure));
            Assert.AreEqual(IntegrityTrailer.Missing, failure);
        }

        private static int Check(string text, out string failure)
        {
            byte[] bytes = Utf8.GetBytes(text);
            return IntegrityTrailer.Check(bytes, bytes.Length, out failure);
        }
    }
}
