namespace AwsIotDevice.Core.Credentials
{
    /// <summary>
    /// What <see cref="RenewalVerifier"/> concluded about one message: believed (<see cref="Ok"/>, with the new
    /// credential) or refused (<see cref="Reason"/> from <see cref="RenewalReasons"/> and a secret-free
    /// <see cref="Detail"/>). Immutable.
    /// </summary>
    public sealed class RenewalVerdict
    {
        internal RenewalVerdict(bool ok, string reason, string detail, string token, string signature, long notBefore, long expiresAt)
            : this(ok, reason, detail, token, signature, notBefore, expiresAt, false)
        {
        }

        internal RenewalVerdict(bool ok, string reason, string detail, string token, string signature, long notBefore, long expiresAt, bool isCurrent)
        {
            IsCurrent = isCurrent;
            Ok = ok;
            Reason = reason;
            Detail = detail;
            Token = token;
            Signature = signature;
            NotBefore = notBefore;
            ExpiresAt = expiresAt;
        }

        /// <summary>
        /// True when an authentic renewal carries the very token in force (a redelivery after the switch): refused as
        /// <see cref="RenewalReasons.NotNewer"/>, yet the device already has it, so it may be acknowledged as accepted.
        /// </summary>
        public bool IsCurrent { get; private set; }

        /// <summary>True when the message is authentic and its credential may be tried.</summary>
        public bool Ok { get; private set; }

        /// <summary>"" when <see cref="Ok"/>; otherwise a code of <see cref="RenewalReasons"/>.</summary>
        public string Reason { get; private set; }

        /// <summary>One secret-free line for people ("" when ok).</summary>
        public string Detail { get; private set; }

        /// <summary>The new token when <see cref="Ok"/>, else null. Secret.</summary>
        public string Token { get; private set; }

        /// <summary>The new signature when <see cref="Ok"/>, else null. Secret.</summary>
        public string Signature { get; private set; }

        /// <summary>Unix seconds before which the new token must not be used (0: at once).</summary>
        public long NotBefore { get; private set; }

        /// <summary>The new token's expiry (Unix seconds) when it could be read (also for some refusals), else 0.</summary>
        public long ExpiresAt { get; private set; }
    }
}
