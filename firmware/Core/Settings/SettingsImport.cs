using System.Collections;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Credentials;
using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Settings
{
    /// <summary>
    /// Settings brought over the flashing cable: <c>iotctl provision --nanoff</c> writes an import file that nanoff copies
    /// to the device's storage (<see cref="DefaultPath"/>); at boot the device decides here whether to take it.
    /// <para>
    /// Format: the settings text of <see cref="SettingsCodec"/> (<c>key=value</c> lines, <c>#</c> comments, the storage
    /// escapes) followed by the <see cref="IntegrityTrailer"/> line <c>#end &lt;byte count&gt; &lt;crc32 hex&gt;</c>, so a copy
    /// cut short or damaged is detected rather than half applied.
    /// </para>
    /// <para>
    /// The import is the whole configuration, not a patch: a key the file does not name takes its default. So what
    /// iotctl checked on the host is exactly what the device checks here, and no secret already on the device is ever
    /// carried over to an endpoint or client id the file changes (every secret in force after an import came from the
    /// import itself, which is what the serial COMMIT's credential-binding rule asks of a session).
    /// </para>
    /// <para>
    /// It is validated as the serial COMMIT validates (<see cref="SettingsValidator.Validate"/> on the parsed settings),
    /// after the file's own checks: not empty, at most <see cref="MaxBytes"/>, trailer present and matching, UTF-8, every
    /// line well-formed. Whatever the decision, the caller deletes the import file: applied, its secrets now live in the
    /// settings store; refused, it must not stay on the drive either, and the log and STATUS say why (secret-free).
    /// </para>
    /// The boot that applies it is Core.Boot.DeviceBootstrap.Prepare (with the platform's capabilities, as COMMIT).
    /// Stateless; any thread.
    /// </summary>
    public static class SettingsImport
    {
        /// <summary>The import file's name on the device's drive.</summary>
        public const string FileName = "device.import";

        /// <summary>Where the device looks for it (the internal littlefs drive of ESP32 nanoFramework targets).</summary>
        public const string DefaultPath = "I:\\device.import";

        /// <summary>
        /// Largest import file accepted: room for every setting at its maximum (a 6144-character token, a 2560-character
        /// signature, a long MQTT password), while bounding what the device reads into RAM.
        /// </summary>
        public const int MaxBytes = 96 * 1024;

        /// <summary>Decision code: applied.</summary>
        public const string Applied = "applied";

        /// <summary>Decision code: the file is empty.</summary>
        public const string RejectedEmpty = "empty";

        /// <summary>Decision code: the file is over <see cref="MaxBytes"/>.</summary>
        public const string RejectedTooLarge = "too-large";

        /// <summary>Decision code: no trailer at the end, or its byte count does not match (cut short or not an import file).</summary>
        public const string RejectedTorn = "torn";

        /// <summary>Decision code: the trailer's CRC-32 does not match the content.</summary>
        public const string RejectedDamaged = "damaged";

        /// <summary>Decision code: the content is not UTF-8.</summary>
        public const string RejectedNotUtf8 = "not-utf8";

        /// <summary>Decision code: a line is malformed, unknown or repeated.</summary>
        public const string RejectedBadLine = "bad-line";

        /// <summary>Decision code: the settings do not pass the device's validation.</summary>
        public const string RejectedInvalid = "invalid";

        private const string Kept = "; the previous settings stay";

        /// <summary>
        /// Decides on the first <paramref name="count"/> bytes of an import file, given the stored settings text
        /// (<paramref name="storedText"/>, null when nothing is stored; only used to say what changed). Never throws for
        /// bad content.
        /// </summary>
        public static SettingsImportDecision Decide(string storedText, byte[] importBytes, int count)
        {
            return Decide(storedText, importBytes, count, PlatformCapabilities.Unrestricted);
        }

        /// <summary>
        /// As <see cref="Decide(string, byte[], int)"/>, validating for a platform with <paramref name="capabilities"/>
        /// (null: unrestricted), exactly as that platform's COMMIT does: the board's boot passes its own.
        /// </summary>
        public static SettingsImportDecision Decide(string storedText, byte[] importBytes, int count, PlatformCapabilities capabilities)
        {
            if (importBytes == null || count <= 0)
            {
                return Reject(RejectedEmpty, "the import file is empty" + Kept, null);
            }

            if (count > MaxBytes || count > importBytes.Length)
            {
                return Reject(RejectedTooLarge, "the import file is " + count.ToString() + " bytes, over the " + MaxBytes.ToString() + " an import may have" + Kept, null);
            }

            string failure;
            int bodyBytes = IntegrityTrailer.Check(importBytes, count, out failure);
            if (bodyBytes < 0)
            {
                if (failure == IntegrityTrailer.Damaged)
                {
                    return Reject(RejectedDamaged, "the import file is damaged: its CRC-32 does not match its content; copy it again (nanoff --filedeployment)" + Kept, null);
                }

                if (failure == IntegrityTrailer.Truncated)
                {
                    return Reject(RejectedTorn, "the import file is torn: its '#end' line counts other bytes than precede it; copy it again (nanoff --filedeployment)" + Kept, null);
                }

                return Reject(RejectedTorn, "the import file does not end with its '#end <bytes> <crc32>' line: it was cut short while copying, or not written by 'iotctl provision --nanoff'; copy it again" + Kept, null);
            }

            string body = Utf8.Decode(importBytes, 0, bodyBytes);
            if (body == null)
            {
                return Reject(RejectedNotUtf8, "the import file is not UTF-8 text" + Kept, null);
            }

            SettingsParseResult parsed = SettingsCodec.Parse(body);
            if (!parsed.Ok)
            {
                SettingProblem first = (SettingProblem)parsed.Errors[0];
                string more = parsed.Errors.Count > 1 ? " (and " + (parsed.Errors.Count - 1).ToString() + " more)" : string.Empty;
                return Reject(RejectedBadLine, "the import file has a bad line: " + first.Message + more + Kept, parsed.Settings);
            }

            ArrayList problems = SettingsValidator.Validate(parsed.Settings, capabilities);
            if (problems.Count > 0)
            {
                return Reject(RejectedInvalid, "the import file's settings are not valid, " + problems.Count.ToString() + " problem(s): " + Join(problems) + Kept, parsed.Settings);
            }

            DeviceSettings imported = parsed.Settings;
            return new SettingsImportDecision(true, Applied, Summary(storedText, imported), SettingsCodec.FormatForStorage(imported), imported);
        }

        /// <summary>As <see cref="Decide(string, byte[], int)"/> for text (UTF-8 encoded first; null or "" is empty).</summary>
        public static SettingsImportDecision Decide(string storedText, string importText)
        {
            byte[] bytes = Utf8.GetBytes(importText);
            return Decide(storedText, bytes, bytes.Length);
        }

        /// <summary>
        /// The import file for <paramref name="settings"/>: storage text plus trailer. What <c>iotctl provision --nanoff</c>
        /// writes (the host builds it with this same code). Holds secrets.
        /// </summary>
        public static string Format(DeviceSettings settings)
        {
            return IntegrityTrailer.Append(SettingsCodec.FormatForStorage(settings));
        }

        private static SettingsImportDecision Reject(string code, string message, DeviceSettings secretsToScrub)
        {
            return new SettingsImportDecision(false, code, Scrub(message, secretsToScrub), null, null);
        }

        private static string Join(ArrayList problems)
        {
            TextBuilder b = new TextBuilder();
            for (int i = 0; i < problems.Count; i++)
            {
                SettingProblem problem = (SettingProblem)problems[i];
                if (i > 0)
                {
                    b.Append(" | ");
                }

                b.Append(problem.Key == null ? "?" : problem.Key).Append(": ").Append(problem.Message);
            }

            return b.ToString();
        }

        private static string Summary(string storedText, DeviceSettings imported)
        {
            TextBuilder b = new TextBuilder();
            b.Append("settings imported from the import file");
            DeviceSettings stored = null;
            if (storedText != null)
            {
                SettingsParseResult previous = SettingsCodec.Parse(storedText);
                stored = previous.Ok ? previous.Settings : null;
            }

            if (stored == null)
            {
                b.Append(" (no valid settings were stored before)");
            }
            else
            {
                int changed = 0;
                TextBuilder names = new TextBuilder();
                for (int i = 0; i < SettingKeys.Count; i++)
                {
                    string key = SettingKeys.KeyAt(i);
                    if (stored.Get(key) != imported.Get(key))
                    {
                        names.Append(changed == 0 ? string.Empty : ", ").Append(key);
                        changed++;
                    }
                }

                if (changed == 0)
                {
                    b.Append(" (identical to the stored settings)");
                }
                else
                {
                    b.Append(" (").Append(changed.ToString()).Append(" changed: ").Append(names.ToString()).Append(')');
                }

                TokenExpiry before = TokenExpiry.Of(stored.Token);
                TokenExpiry after = TokenExpiry.Of(imported.Token);
                if (before.IsKnown && after.IsKnown && after.ExpiresAtUnixSeconds < before.ExpiresAtUnixSeconds)
                {
                    b.Append("; note: the imported aws.token expires at ").Append(after.ExpiresAtText)
                        .Append(", before the stored one (").Append(before.ExpiresAtText).Append(')');
                }
            }

            return b.ToString();
        }

        /// <summary>
        /// <paramref name="message"/> with every secret value of <paramref name="settings"/> (null: none) replaced by
        /// "&lt;secret&gt;". The validator and the codec never put a secret into a message; this makes sure of it for the
        /// secrets of a file being refused, and of the settings in force when a crash is recorded (a value that happens
        /// to equal a key name or a word is not a leak, so only values of 4 characters or more are looked for).
        /// </summary>
        public static string Scrub(string message, DeviceSettings settings)
        {
            if (settings == null)
            {
                return message;
            }

            string result = message;
            for (int i = 0; i < SettingKeys.Count; i++)
            {
                string key = SettingKeys.KeyAt(i);
                if (SettingKeys.IsSecret(key))
                {
                    result = ReplaceAll(result, settings.Get(key), "<secret>");
                }
            }

            return result;
        }

        private static string ReplaceAll(string text, string value, string replacement)
        {
            if (value == null || value.Length < 4)
            {
                return text;
            }

            int at = IndexOfOrdinal(text, value, 0);
            if (at < 0)
            {
                return text;
            }

            TextBuilder b = new TextBuilder();
            int start = 0;
            while (at >= 0)
            {
                b.Append(text.Substring(start, at - start)).Append(replacement);
                start = at + value.Length;
                at = IndexOfOrdinal(text, value, start);
            }

            b.Append(text.Substring(start));
            return b.ToString();
        }

        // Ordinal (on .NET, string.IndexOf(string) compares by culture).
        private static int IndexOfOrdinal(string text, string value, int start)
        {
            for (int i = start; i <= text.Length - value.Length; i++)
            {
                int j = 0;
                while (j < value.Length && text[i + j] == value[j])
                {
                    j++;
                }

                if (j == value.Length)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
