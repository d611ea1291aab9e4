using System.Collections;

namespace AwsIotDevice.Core.Settings
{
    /// <summary>
    /// What <see cref="SettingsCodec.Parse"/> made of a text: the settings (defaults for every key the text
    /// did not set validly) and every line it could not use. Parsing never throws for bad text.
    /// </summary>
    public class SettingsParseResult
    {
        /// <summary>Creates a result; <paramref name="errors"/> holds <see cref="SettingProblem"/>s with their line numbers.</summary>
        public SettingsParseResult(DeviceSettings settings, ArrayList errors)
        {
            Settings = settings;
            Errors = errors;
        }

        /// <summary>The parsed settings; never null. Not validated: run <see cref="SettingsValidator.Validate"/> too.</summary>
        public DeviceSettings Settings { get; private set; }

        /// <summary><see cref="SettingProblem"/>s (with <see cref="SettingProblem.Line"/> set) in line order; empty when every line was fine.</summary>
        public ArrayList Errors { get; private set; }

        /// <summary>True when no line had an error.</summary>
        public bool Ok
        {
            get { return Errors.Count == 0; }
        }
    }
}
