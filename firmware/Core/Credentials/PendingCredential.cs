using AwsIotDevice.Core.Settings;
using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Credentials
{
    /// <summary>
    /// A renewed credential that is not yet the one in force, and the outcome to acknowledge, as kept in its own store
    /// (beside the settings; phase 2 gives it an <c>ISettingsStore</c> of its own, e.g. <c>I:\awsiot.pending</c>) so a
    /// restart at any point resumes where it was:
    /// <list type="bullet">
    /// <item><see cref="Received"/>: authentic and checked; to be tried at the next CONNECT from notBefore on;</item>
    /// <item><see cref="Trying"/>: the device is connecting with it (attempts counts the restarts while trying);</item>
    /// <item><see cref="Accepted"/>: the broker took it and the settings hold it; the acknowledgement is still to be sent;</item>
    /// <item><see cref="Rejected"/>: the device went back to the old credential; the acknowledgement is still to be sent.</item>
    /// </list>
    /// Text format: <c>key=value</c> lines (the settings escapes) and the <see cref="IntegrityTrailer"/>, so a torn write
    /// is recognised and dropped. Token and signature are kept only while received or trying. Holds secrets then.
    /// </summary>
    public sealed class PendingCredential
    {
        /// <summary>States.</summary>
        public const string Received = "received";

        public const string Trying = "trying";

        public const string Accepted = "accepted";

        public const string Rejected = "rejected";

        /// <summary>First line of the stored text (a comment).</summary>
        public const string Header = "# AwsIotDevice pending credential v1 - contains secrets, do not share";

        /// <summary>The state (one of the constants).</summary>
        public string State;

        /// <summary>The new token (received, trying), else "". Secret.</summary>
        public string Token = string.Empty;

        /// <summary>The new signature (received, trying), else "". Secret.</summary>
        public string Signature = string.Empty;

        /// <summary>Unix seconds before which the new token must not be used.</summary>
        public long NotBefore;

        /// <summary>The new token's expiry (Unix seconds).</summary>
        public long ExpiresAt;

        /// <summary>How many times the device started while trying it.</summary>
        public int Attempts;

        /// <summary>Why it was rejected (<see cref="RenewalReasons"/>), else "".</summary>
        public string Reason = string.Empty;

        /// <summary>Secret-free detail of the outcome, else "".</summary>
        public string Detail = string.Empty;

        /// <summary>True in the states that still hold the credential (received, trying).</summary>
        public bool HoldsCredential
        {
            get { return State == Received || State == Trying; }
        }

        /// <summary>The stored form (with trailer). Holds secrets while <see cref="HoldsCredential"/>.</summary>
        public string Format()
        {
            TextBuilder b = new TextBuilder();
            b.Append(Header).Append('\n');
            Line(b, "state", State);
            Line(b, "token", HoldsCredential ? Token : string.Empty);
            Line(b, "signature", HoldsCredential ? Signature : string.Empty);
            Line(b, "notBefore", NotBefore.ToString());
            Line(b, "expiresAt", ExpiresAt.ToString());
            Line(b, "attempts", Attempts.ToString());
            Line(b, "reason", Reason);
            Line(b, "detail", Detail);
            return IntegrityTrailer.Append(b.ToString());
        }

        /// <summary>
        /// Reads stored text. Null (with a secret-free <paramref name="problem"/>) when it is torn, damaged or malformed;
        /// null with problem "" when <paramref name="text"/> is null or "" (nothing pending).
        /// </summary>
        public static PendingCredential Parse(string text, out string problem)
        {
            problem = string.Empty;
            if (text == null || text.Length == 0)
            {
                return null;
            }

            byte[] bytes = Utf8.GetBytes(text);
            string failure;
            int body = IntegrityTrailer.Check(bytes, bytes.Length, out failure);
            if (body < 0)
            {
                problem = "the pending credential is " + (failure == IntegrityTrailer.Damaged ? "damaged (CRC mismatch)" : "torn (no matching '#end' line)");
                return null;
            }

            PendingCredential p = new PendingCredential();
            string content = Utf8.Decode(bytes, 0, body);
            int start = 0;
            while (start < content.Length)
            {
                int end = content.IndexOf('\n', start);
                if (end < 0)
                {
                    end = content.Length;
                }

                string line = content.Substring(start, end - start);
                start = end + 1;
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                int equals = line.IndexOf('=');
                string value = equals < 0 ? null : SettingsCodec.UnescapeValue(line.Substring(equals + 1));
                if (value == null || !p.Set(line.Substring(0, equals), value))
                {
                    problem = "the pending credential has a malformed line";
                    return null;
                }
            }

            if (p.State != Received && p.State != Trying && p.State != Accepted && p.State != Rejected)
            {
                problem = "the pending credential has no valid state";
                return null;
            }

            if (p.HoldsCredential && (p.Token.Length == 0 || p.Signature.Length == 0))
            {
                problem = "the pending credential has no token or signature";
                return null;
            }

            return p;
        }

        private bool Set(string key, string value)
        {
            switch (key)
            {
                case "state":
                    State = value;
                    return true;
                case "token":
                    Token = value;
                    return true;
                case "signature":
                    Signature = value;
                    return true;
                case "reason":
                    Reason = value;
                    return true;
                case "detail":
                    Detail = value;
                    return true;
                case "notBefore":
                    return TryParseLong(value, out NotBefore);
                case "expiresAt":
                    return TryParseLong(value, out ExpiresAt);
                case "attempts":
                    long attempts;
                    if (!TryParseLong(value, out attempts) || attempts > 1000)
                    {
                        return false;
                    }

                    Attempts = (int)attempts;
                    return true;
                default:
                    return false;
            }
        }

        private static bool TryParseLong(string text, out long value)
        {
            value = 0;
            if (text.Length == 0 || text.Length > 12)
            {
                return false;
            }

            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                value = (value * 10) + (c - '0');
            }

            return true;
        }

        private static void Line(TextBuilder b, string key, string value)
        {
            b.Append(key).Append('=').Append(SettingsCodec.EscapeValue(value)).Append('\n');
        }
    }
}
