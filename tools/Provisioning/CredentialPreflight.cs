using AwsIotDevice.Core.Provisioning;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.CustomAuth;

namespace AwsIotDevice.Provisioning;

/// <summary>
/// The host's side of the device's credential-binding rule (<see cref="CredentialBinding"/>): a plan that re-points the
/// device (aws.endpoint, aws.port, aws.mode, aws.authorizer or mqtt.clientId) without re-entering the credentials the
/// device holds would only be refused at COMMIT, after every SET; this refuses it before the first SET, naming the keys
/// to add. It reads the device's current values with GET (secrets come back only as &lt;set&gt;/&lt;not set&gt;) and asks the
/// same Core rule the device asks, so the two can never disagree.
/// </summary>
public static class CredentialPreflight
{
    /// <summary>
    /// Null when <paramref name="plan"/> may be sent to the device behind <paramref name="client"/> (already greeted with
    /// HELLO); otherwise one secret-free line saying which setting changes and which keys the plan must add. Sends only
    /// GETs, and none when the plan names no binding key or re-enters every credential.
    /// </summary>
    /// <exception cref="ProvisioningException">A GET failed or was refused.</exception>
    public static string? Check(ProvisionPlan plan, ProvisioningClient client)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(client);
        var planned = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> setting in plan.Settings)
        {
            planned[setting.Key] = setting.Value;
        }

        bool tokenSet = planned.ContainsKey(SettingKeys.AwsToken);
        bool signatureSet = planned.ContainsKey(SettingKeys.AwsSignature);
        bool passwordSet = planned.ContainsKey(SettingKeys.MqttPassword);
        string[] binding = CredentialBinding.BindingKeys.Where(planned.ContainsKey).ToArray();
        if (binding.Length == 0 || (tokenSet && signatureSet && passwordSet))
        {
            return null;
        }

        // The device's view, limited to what the rule reads: its binding values, and which credentials it holds.
        var stored = new DeviceSettings();
        foreach (string key in binding)
        {
            stored.Set(key, DeviceValue(client, key));
        }

        foreach (string secret in CredentialBinding.SecretKeys)
        {
            stored.Set(secret, DeviceValue(client, secret) == SettingsCodec.SecretSet ? "held-by-the-device" : string.Empty);
        }

        DeviceSettings staged = stored.Clone();
        foreach (string key in binding)
        {
            staged.Set(key, planned[key]);
        }

        string? changed = CredentialBinding.RefusedChange(stored, staged, tokenSet, signatureSet, passwordSet);
        if (changed is null)
        {
            return null;
        }

        string missing = string.Join(" ", CredentialBinding.SecretsToReenter(stored).Split(' ').Where(k => !planned.ContainsKey(k)));
        return $"{changed} changes from {LogText.Quote(stored.Get(changed))} to {LogText.Quote(staged.Get(changed))}, but the device's stored "
            + $"credentials were provisioned for where it connects now and would be refused at COMMIT "
            + $"(ERR {ProvisioningProtocol.ErrReenterSecrets} {CredentialBinding.SecretsToReenter(stored)}): add {missing} to the plan (nothing was sent)";
    }

    private static string DeviceValue(ProvisioningClient client, string key)
    {
        DeviceReply reply = client.Get(key);
        string prefix = key + "=";
        if (!reply.IsOk || !reply.Message.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new ProvisioningException($"GET {key}: the device answered {LogText.Quote(reply.Code ?? reply.Message)}", ProvisioningFailure.Communication);
        }

        string? value = SettingsCodec.UnescapeValue(reply.Message[prefix.Length..]);
        return value ?? throw new ProvisioningException($"GET {key}: the device's value has a bad escape", ProvisioningFailure.Communication);
    }
}
