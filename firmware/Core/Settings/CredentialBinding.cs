using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Settings
{
    /// <summary>
    /// The rule that keeps the bearer credential (aws.token and aws.signature, or mqtt.password) with the endpoint it was provisioned for:
    /// any AWS IoT endpoint chains to the Amazon roots the device trusts, so a stored token must never follow a change of
    /// where the device connects or as whom. A change of a <see cref="BindingKeys"/> value is accepted only when both
    /// secrets (and mqtt.password, when one is stored) were SET again in the same session (the person who re-points the device proves they hold the credential
    /// for the new target); otherwise the device answers
    /// <c>ERR reenter-secrets aws.token aws.signature</c> and stores nothing. With no secret stored there is nothing to
    /// carry over, so nothing is refused. Pure and stateless: the device's session and the host's preflight both ask it.
    /// </summary>
    public static class CredentialBinding
    {
        /// <summary>
        /// The settings that decide where the bytes go or whom they claim to be: the endpoint (also the TLS SNI, so also
        /// which domain configuration), the port, the transport mode, the authorizer that reads the token, the client id.
        /// There is no separate connect-host or SNI override among <see cref="SettingKeys"/>.
        /// </summary>
        public static readonly string[] BindingKeys = new string[]
        {
            SettingKeys.AwsEndpoint,
            SettingKeys.AwsPort,
            SettingKeys.AwsMode,
            SettingKeys.AwsAuthorizer,
            SettingKeys.MqttClientId,
        };

        /// <summary>
        /// The credentials the device hands to the endpoint, in the order the ERR names them: the token and its
        /// signature, and mqtt.password (where an authorizer with signing disabled takes the credential).
        /// </summary>
        public static readonly string[] SecretKeys = new string[] { SettingKeys.AwsToken, SettingKeys.AwsSignature, SettingKeys.MqttPassword };

        /// <summary>
        /// The secrets to SET again, space-separated, before a binding key of <paramref name="stored"/> may change:
        /// "aws.token aws.signature" when either is stored (the pair is one credential), then "mqtt.password" when it is
        /// stored; "" when no credential is stored.
        /// </summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="stored"/> is null.</exception>
        public static string SecretsToReenter(DeviceSettings stored)
        {
            if (stored == null)
            {
                throw new System.ArgumentNullException("stored");
            }

            string list = HasTokenOrSignature(stored) ? SettingKeys.AwsToken + " " + SettingKeys.AwsSignature : string.Empty;
            if (!SettingText.IsEmpty(stored.MqttPassword))
            {
                list = list.Length == 0 ? SettingKeys.MqttPassword : list + " " + SettingKeys.MqttPassword;
            }

            return list;
        }

        /// <summary>
        /// The first of <see cref="BindingKeys"/> whose value differs between <paramref name="stored"/> (the settings in
        /// force) and <paramref name="staged"/> (what would be stored), or null when none does.
        /// </summary>
        /// <exception cref="System.ArgumentNullException">Either argument is null.</exception>
        public static string ChangedBindingKey(DeviceSettings stored, DeviceSettings staged)
        {
            if (stored == null || staged == null)
            {
                throw new System.ArgumentNullException(stored == null ? "stored" : "staged");
            }

            for (int i = 0; i < BindingKeys.Length; i++)
            {
                if (stored.Get(BindingKeys[i]) != staged.Get(BindingKeys[i]))
                {
                    return BindingKeys[i];
                }
            }

            return null;
        }

        /// <summary>
        /// The binding key whose change must be refused, or null when <paramref name="staged"/> may be stored. Refused: a
        /// binding key changed from <paramref name="stored"/>, and a credential <paramref name="stored"/> holds was not
        /// re-entered: a token or signature is stored but not both <paramref name="tokenSet"/> and
        /// <paramref name="signatureSet"/>, or mqtt.password is stored but not <paramref name="passwordSet"/>. Each flag:
        /// the key was SET in this session, whatever the value (the same one too).
        /// </summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="stored"/> or <paramref name="staged"/> is null.</exception>
        public static string RefusedChange(DeviceSettings stored, DeviceSettings staged, bool tokenSet, bool signatureSet, bool passwordSet)
        {
            string changed = ChangedBindingKey(stored, staged);
            if (changed == null)
            {
                return null;
            }

            bool tokenCarried = HasTokenOrSignature(stored) && !(tokenSet && signatureSet);
            bool passwordCarried = !SettingText.IsEmpty(stored.MqttPassword) && !passwordSet;
            return tokenCarried || passwordCarried ? changed : null;
        }

        /// <summary>
        /// The message of the refusal of <paramref name="changedKey"/> on a device holding <paramref name="stored"/>:
        /// starts with <see cref="SecretsToReenter"/> (what to SET again), then why; secret-free, one line.
        /// </summary>
        public static string RefusalMessage(DeviceSettings stored, string changedKey)
        {
            return SecretsToReenter(stored) + ": " + changedKey + " changed, and the stored credentials were provisioned for the previous "
                + "endpoint; SET them again in this session, then COMMIT (nothing was stored)";
        }

        private static bool HasTokenOrSignature(DeviceSettings settings)
        {
            return !SettingText.IsEmpty(settings.Token) || !SettingText.IsEmpty(settings.Signature);
        }
    }
}
