using System.Collections;
using AwsIotDevice.Core.Credentials;
using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Settings
{
    /// <summary>
    /// The validation rules of the renewal settings, part of <see cref="SettingsValidator.Validate"/> (so SET, COMMIT,
    /// boot and an import file all apply them):
    /// <list type="bullet">
    /// <item>aws.renewalKey: empty (renewals off) or the canonical base64 of exactly <see cref="KeyBytes"/> bytes; when set,
    /// the renewal topics must be derivable from telemetry.topic and mqtt.clientId (<see cref="CredentialTopics"/>);</item>
    /// <item>aws.tokenWarnDays: a whole number of days, 0..<see cref="MaxWarnDays"/>.</item>
    /// </list>
    /// Messages never contain the key, nor its length.
    /// </summary>
    public static class RenewalSettingRules
    {
        /// <summary>Size of the renewal HMAC key: 32 bytes, SHA-256's output size (RFC 2104: at least that).</summary>
        public const int KeyBytes = 32;

        /// <summary>Largest aws.tokenWarnDays: a token lives at most 366 days (iotctl's bound).</summary>
        public const int MaxWarnDays = 365;

        /// <summary>The renewal key bytes of <paramref name="settings"/>, or null when aws.renewalKey is empty or invalid.</summary>
        public static byte[] KeyOf(DeviceSettings settings)
        {
            byte[] key = Base64Text.DecodeStandard(settings.RenewalKey);
            return key != null && key.Length == KeyBytes ? key : null;
        }

        /// <summary>Adds the renewal settings' problems of <paramref name="settings"/> to <paramref name="problems"/>.</summary>
        public static void Check(ArrayList problems, DeviceSettings settings)
        {
            string key = settings.RenewalKey;
            if (!SettingText.IsEmpty(key))
            {
                if (KeyOf(settings) == null)
                {
                    problems.Add(new SettingProblem(
                        SettingKeys.AwsRenewalKey,
                        "aws.renewalKey is not the base64 of exactly 32 bytes: generate one with 'iotctl credentials keygen --out renewal.key' and set the file's content (or leave it empty to take no renewals)",
                        0));
                }
                else
                {
                    string topicProblem = CredentialTopics.Problem(settings.Topic, settings.ClientId);
                    if (topicProblem != null)
                    {
                        problems.Add(new SettingProblem(SettingKeys.AwsRenewalKey, "aws.renewalKey is set, but " + topicProblem, 0));
                    }
                }
            }

            string days = settings.Get(SettingKeys.AwsTokenWarnDays);
            int value;
            if (!SettingText.TryParseWhole(days, out value))
            {
                problems.Add(new SettingProblem(SettingKeys.AwsTokenWarnDays, "aws.tokenWarnDays " + SettingText.Quote(days) + " must be a whole number of days between 0 and 365 (0: no warning)", 0));
            }
            else if (value < 0 || value > MaxWarnDays)
            {
                problems.Add(new SettingProblem(SettingKeys.AwsTokenWarnDays, "aws.tokenWarnDays is " + (days.Length <= 12 ? days : SettingText.Quote(days)) + ", out of range: use 0..365 (days before the token's expiry to warn from; 0: no warning)", 0));
            }
        }
    }
}
