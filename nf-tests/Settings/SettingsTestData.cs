using System.Collections;
using AwsIotDevice.Core.Settings;

namespace AwsIotDevice.Tests.Settings
{
    /// <summary>Shared builders for the settings tests (static: test methods run with a null instance).</summary>
    internal static class SettingsTestData
    {
        /// <summary>A well-formed base64 signature the length of an RSA-2048 one (344 chars).</summary>
        internal static string Signature()
        {
            return Repeat('A', 300) + "b+c/d9" + Repeat('Z', 36) + "==";
        }

        /// <summary>Defaults plus every required value: the smallest configuration the device accepts.</summary>
        internal static DeviceSettings Valid()
        {
            DeviceSettings settings = new DeviceSettings();
            settings.WifiSsid = "home-net";
            settings.WifiPassword = "correct horse";
            settings.Endpoint = "abc123-ats.iot.eu-west-1.amazonaws.com";
            settings.AuthorizerName = "DeviceAuthorizer";
            settings.Token = "device-01:1767225600";
            settings.Signature = Signature();
            settings.ClientId = "device-01";
            settings.MqttUsername = "device-01";
            settings.Topic = "devices/device-01/telemetry";
            return settings;
        }

        internal static string Repeat(char c, int count)
        {
            return new string(c, count);
        }

        /// <summary>The problem reported for <paramref name="key"/>, or null.</summary>
        internal static SettingProblem ProblemFor(ArrayList problems, string key)
        {
            for (int i = 0; i < problems.Count; i++)
            {
                SettingProblem problem = (SettingProblem)problems[i];
                if (problem.Key == key)
                {
                    return problem;
                }
            }

            return null;
        }

        /// <summary>Every message joined, for "nothing mentions X" checks and readable failures.</summary>
        internal static string AllMessages(ArrayList problems)
        {
            string all = string.Empty;
            for (int i = 0; i < problems.Count; i++)
            {
                all += ((SettingProblem)problems[i]).Message + "\n";
            }

            return all;
        }

        /// <summary>Sets <paramref name="key"/> on a valid configuration and validates it.</summary>
        internal static ArrayList ValidateWith(string key, string value)
        {
            DeviceSettings settings = Valid();
            string setError = settings.Set(key, value);
            if (setError != null)
            {
                throw new System.Exception("Set failed: " + setError);
            }

            return SettingsValidator.Validate(settings);
        }
    }
}
