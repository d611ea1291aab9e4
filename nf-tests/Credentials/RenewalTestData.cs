using AwsIotDevice.Core.Credentials;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.Core.Text;
using AwsIotDevice.Tests.Fakes;
using AwsIotDevice.Tests.Settings;

namespace AwsIotDevice.Tests.Credentials
{
    /// <summary>Shared builders for the renewal tests (static: test methods run with a null instance).</summary>
    internal static class RenewalTestData
    {
        /// <summary>The renewal key: bytes 0..31 (base64 <see cref="KeyBase64"/>).</summary>
        internal const string KeyBase64 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

        /// <summary>device-01 until 2027-01-01T00:00:00Z: the token in force.</summary>
        internal const string CurrentToken = "v1.ZGV2aWNlLTAx.1798761600";

        internal const long CurrentExpiry = 1798761600;

        /// <summary>device-01 until 2027-01-31T00:00:00Z: the renewal's token.</summary>
        internal const string NewToken = "v1.ZGV2aWNlLTAx.1801353600";

        internal const long NewExpiry = 1801353600;

        /// <summary>A signature for the new token (syntax only: the device cannot check it).</summary>
        internal const string NewSignature = "bmV3LXNpZ25hdHVyZQ==";

        /// <summary>2026-12-25T00:00:00Z: a week before the current token expires.</summary>
        internal const long Now = 1798156800;

        internal static byte[] Key()
        {
            return Base64Text.DecodeStandard(KeyBase64);
        }

        /// <summary>Valid settings for device-01 with the renewal key and <see cref="CurrentToken"/>.</summary>
        internal static DeviceSettings Settings()
        {
            DeviceSettings settings = SettingsTestData.Valid();
            settings.Token = CurrentToken;
            settings.RenewalKey = KeyBase64;
            return settings;
        }

        /// <summary>A renewal message MAC-ed with <paramref name="key"/>.</summary>
        internal static byte[] Message(string clientId, string token, string signature, long notBefore, byte[] key)
        {
            byte[] mac = TestHmacSha256.Hmac(key, RenewalMessage.CanonicalBytes(clientId, token, signature, notBefore));
            return Utf8.GetBytes(RenewalMessage.Format(clientId, token, signature, notBefore, mac));
        }

        /// <summary>The happy renewal: device-01, <see cref="NewToken"/>, at once, the right key.</summary>
        internal static byte[] Message()
        {
            return Message("device-01", NewToken, NewSignature, 0, Key());
        }

        /// <summary>A v1 token for device-01 expiring at <paramref name="expiry"/>.</summary>
        internal static string TokenExpiring(long expiry)
        {
            return "v1.ZGV2aWNlLTAx." + expiry.ToString();
        }
    }
}
