using AwsIotDevice.Core.Json;
using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Credentials
{
    /// <summary>
    /// The acknowledgement the device publishes (QoS 1) on <c>&lt;prefix&gt;/&lt;clientId&gt;/credentials/ack</c>:
    /// <code>
    /// {"v":1,"clientId":"device-01","status":"accepted","reason":"","detail":"","expiresAt":1798675200,"renewalExpiresAt":1798675200}
    /// </code>
    /// <c>status</c> is <c>accepted</c> or <c>rejected</c>; <c>reason</c> a code of <see cref="RenewalReasons"/> ("" when
    /// accepted); <c>detail</c> a secret-free line; <c>expiresAt</c> the expiry of the token the device uses from now on
    /// (0 when it is not a v1 token); <c>renewalExpiresAt</c> the expiry of the renewal's token, so the backend can tell
    /// which renewal this answers (0 when it could not be read). Never holds a token, signature or key.
    /// </summary>
    public static class RenewalAck
    {
        /// <summary>Status of a renewal in force.</summary>
        public const string StatusAccepted = "accepted";

        /// <summary>Status of a renewal refused or given up.</summary>
        public const string StatusRejected = "rejected";

        /// <summary>The JSON text.</summary>
        public static string Format(string clientId, bool accepted, string reason, string detail, long expiresAt, long renewalExpiresAt)
        {
            TextBuilder b = new TextBuilder(160, 2048);
            b.Append("{\"v\":1");
            JsonText.AppendName(b, "clientId", false);
            JsonText.AppendString(b, clientId);
            JsonText.AppendName(b, "status", false);
            JsonText.AppendString(b, accepted ? StatusAccepted : StatusRejected);
            JsonText.AppendName(b, "reason", false);
            JsonText.AppendString(b, accepted ? string.Empty : reason);
            JsonText.AppendName(b, "detail", false);
            JsonText.AppendString(b, Ascii.Printable(detail, 300));
            JsonText.AppendName(b, "expiresAt", false);
            b.Append(expiresAt.ToString());
            JsonText.AppendName(b, "renewalExpiresAt", false);
            b.Append(renewalExpiresAt.ToString());
            b.Append('}');
            return b.ToString();
        }
    }
}
